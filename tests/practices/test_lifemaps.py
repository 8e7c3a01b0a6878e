import pytest

from refocus_kit.practices.lifemaps import (
    MAP_KINDS,
    BackgroundMap,
    ChoicesMap,
    PreferencesMap,
    RelationshipMap,
    RespectMap,
    WhoAmIMap,
    export_map,
    map_info,
)
from tests.practices.pictures import assert_pdf, assert_png, unreadable_texts

OWNER = "Ana (fictional)"


def filled_maps():
    relationship = RelationshipMap(owner=OWNER)
    for name, part, closeness in [
        ("Mum", "family", 1),
        ("Jo", "friends", 2),
        ("Choir", "community", 2),
        ("Care coordinator", "services", 3),
    ]:
        relationship.add(name, part, closeness)
    background = BackgroundMap(owner=OWNER)
    background.add("Age 12", "Won the art prize", "positive")
    background.add(2015, "Lost my job", "difficult")
    background.add("Age 30", "Moved to Leeds, paid $50 & 20%")
    preferences = PreferencesMap(owner=OWNER)
    preferences.add("likes", "Early mornings")
    respect = RespectMap(owner=OWNER)
    respect.add("respected_when", "People ask me first")
    return [
        relationship,
        background,
        preferences,
        respect,
        WhoAmIMap(owner=OWNER, areas={"Culture": ["Portuguese-British"], "Gender": ["Woman"]}),
        ChoicesMap(
            owner=OWNER,
            mine=["What I eat"],
            others=[("My medication", True)],
            barriers=["Not being asked"],
        ),
    ]


def test_there_are_six_maps_each_described_from_the_manual():
    assert len(MAP_KINDS) == 6
    for kind in MAP_KINDS:
        info = map_info(kind)
        assert info["title"] and info["manual"] and info["guide"]
    assert set(map_info("relationship")["parts"]) == {"family", "friends", "community", "services"}


@pytest.mark.parametrize("life_map", filled_maps(), ids=lambda m: m.kind)
def test_each_filled_map_is_drawn_and_exported(tmp_path, life_map):
    paths = export_map(life_map, tmp_path)
    assert paths["png"].name == f"{life_map.kind}-map.png"
    assert_png(paths["png"])
    assert_pdf(paths["pdf"])


@pytest.mark.parametrize("life_map", filled_maps(), ids=lambda m: m.kind)
def test_every_word_on_a_map_reads_at_wcag_aa(life_map):
    assert unreadable_texts(life_map.draw()) == []


@pytest.mark.parametrize("cls", [RelationshipMap, WhoAmIMap, ChoicesMap, RespectMap])
def test_an_empty_map_says_so_readably(cls):
    assert unreadable_texts(cls().draw()) == []


@pytest.mark.parametrize(
    "cls", [RelationshipMap, BackgroundMap, WhoAmIMap, PreferencesMap, ChoicesMap, RespectMap]
)
def test_an_empty_map_still_draws(tmp_path, cls):
    paths = export_map(cls(), tmp_path, "empty")
    assert_png(paths["png"])


def test_maps_refuse_unknown_parts():
    with pytest.raises(ValueError, match="family"):
        RelationshipMap().add("Jo", "colleagues")
    with pytest.raises(ValueError, match="closeness"):
        RelationshipMap().add("Jo", "friends", 5)
    with pytest.raises(ValueError, match="positive"):
        BackgroundMap().add("2010", "Moved", "sad")
    with pytest.raises(ValueError, match="likes"):
        PreferencesMap().add("hates", "Rain")


def test_relationship_map_shows_the_names():
    fig = filled_maps()[0].draw()
    texts = " ".join(t.get_text() for ax in fig.axes for t in ax.texts)
    for word in ("Mum", "Jo", "Family", "Friends", "Community", "providers", "Me"):
        assert word in texts


def test_choices_map_marks_where_more_say_is_wanted():
    fig = filled_maps()[5].draw()
    texts = " ".join(t.get_text() for ax in fig.axes for t in ax.texts)
    assert "Decisions I make" in texts and "Decisions other people make" in texts
    assert "My medication (I want more say)" in texts
