import re

import pytest

from refocus_kit.practices.figures import MIN_CONTRAST, contrast_ratio
from refocus_kit.practices.ui_common import mark


@pytest.mark.parametrize("passed", [True, False, None])
def test_marks_read_at_wcag_aa_on_white(passed):
    colour = re.search(r"color:(#[0-9a-f]{6})", mark(passed)).group(1)
    assert contrast_ratio(colour, "white") >= MIN_CONTRAST
