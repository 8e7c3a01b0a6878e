import pytest

from refocus_kit.practices.figures import MIN_CONTRAST, contrast_ratio, text_colour_on


@pytest.mark.parametrize(
    ("foreground", "background", "ratio"),
    [
        ("black", "white", 21.0),
        ("white", "white", 1.0),
        ("#777777", "white", 4.48),  # the usual example of a grey just short of AA
        ("#90a4ae", "white", 2.59),  # the planner's old "Passive" grey
    ],
)
def test_contrast_ratio_follows_wcag(foreground, background, ratio):
    assert contrast_ratio(foreground, background) == pytest.approx(ratio, abs=0.01)
    assert contrast_ratio(background, foreground) == pytest.approx(ratio, abs=0.01)


@pytest.mark.parametrize("fill", ["#2e7d32", "#1565c0", "#546e7a", "#90caf9", "#fff3e0"])
def test_text_on_a_fill_is_black_or_white_whichever_reads(fill):
    assert contrast_ratio(text_colour_on(fill), fill) >= MIN_CONTRAST
