import ipywidgets as w

from refocus_kit.forms.fixed import fixed, shared


def test_one_model_per_class_and_traits():
    assert shared(w.Layout, width="100%") is shared(w.Layout, width="100%")
    assert shared(w.Layout, width="100%") is not shared(w.Layout, width="auto")
    assert shared(w.Layout) is not shared(w.ButtonStyle)


def test_a_closed_model_is_made_again():
    layout = shared(w.Layout, margin="1px")
    layout.close()
    again = shared(w.Layout, margin="1px")
    assert again is not layout and again.comm is not None


def test_fixed_widgets_share_layout_and_the_style_of_their_class():
    a = fixed(w.Text, value="a", layout={"width": "100%"})
    b = fixed(w.Textarea, value="b", layout={"width": "100%"})
    assert a.layout is b.layout and a.layout.width == "100%"
    assert a.style is b.style and type(a.style).__name__ == "TextStyle"  # Textarea uses it too
    buttons = fixed(w.ToggleButtons, options=["1", "2"], style={"button_width": "3em"})
    assert buttons.style.button_width == "3em"
    box = fixed(w.VBox, children=[a, b])  # no style model at all
    assert box.layout is shared(w.Layout) and box.children == (a, b)
