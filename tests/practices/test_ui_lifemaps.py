import pytest

from refocus_kit.practices.lifemaps import MAP_KINDS
from refocus_kit.practices.ui_lifemaps import LifeMapTool
from tests.practices.pictures import assert_pdf, assert_png


@pytest.mark.parametrize("kind", MAP_KINDS)
def test_each_map_tool_adds_items_redraws_and_exports(tmp_path, kind):
    tool = LifeMapTool(kind, owner="Ana (fictional)", folder=tmp_path)
    before = tool.picture.children[0].value
    tool.item.value = "Jo"
    tool.add_button.click()
    assert tool.item.value == ""
    assert tool.picture.children[0].value != before
    tool.export_button.click()
    assert_png(tmp_path / f"{kind}-map.png")
    assert_pdf(tmp_path / f"{kind}-map.pdf")
    assert "Saved" in tool.exported.value


def test_choices_tool_records_where_more_say_is_wanted():
    tool = LifeMapTool("choices")
    tool.part.value = "others_more"
    tool.item.value = "My medication"
    tool.add_button.click()
    assert tool.map.others == [("My medication", True)]


def test_export_without_a_folder_goes_to_a_temporary_folder():
    tool = LifeMapTool("respect")
    paths = tool.export()
    assert "refocus-" in str(paths["png"].parent)


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        LifeMapTool("family_tree")
