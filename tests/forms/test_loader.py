import os
from pathlib import Path

import pytest
import yaml

from refocus_kit.forms import (
    DefinitionError,
    check_definition,
    load_definition,
    load_form,
    load_forms,
)
from refocus_kit.forms.loader import definitions_dir
from tests.support.imports import imported_by

FIXTURE = Path(__file__).parents[1] / "fixtures" / "every_kind.yaml"


def write(tmp_path: Path, data: dict, name: str = "every_kind.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def data() -> dict:
    return yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))


def test_fixture_loads_with_every_kind(every_kind):
    kinds = {f.kind for f in every_kind.fields} | {
        s.kind for f in every_kind.fields for s in f.fields
    }
    assert kinds == {
        "short_text",
        "long_text",
        "choice",
        "multi_choice",
        "rating",
        "number",
        "money",
        "date",
        "group",
        "matrix",
    }


def test_error_names_file_field_and_fault(tmp_path, data):
    data["sections"][0]["fields"][2]["options"][0]["value"] = "Red!"
    with pytest.raises(DefinitionError) as caught:
        load_definition(write(tmp_path, data))
    message = str(caught.value)
    assert message.startswith("every_kind.yaml: at sections[0].fields[2].options[0].value")
    assert "does not match" in message


def test_unknown_key_is_refused(tmp_path, data):
    data["sections"][0]["fields"][0]["maxlength"] = 5
    with pytest.raises(DefinitionError, match=r"sections\[0\]\.fields\[0\].*maxlength"):
        load_definition(write(tmp_path, data))


def test_unknown_kind_is_refused(tmp_path, data):
    data["sections"][0]["fields"][0]["kind"] = "essay"
    with pytest.raises(DefinitionError, match="essay"):
        load_definition(write(tmp_path, data))


@pytest.mark.parametrize(("version", "word"), [(0, "too old"), (2, "too new")])
def test_format_version_too_old_or_new(tmp_path, data, version, word):
    data["format_version"] = version
    with pytest.raises(DefinitionError, match=word):
        load_definition(write(tmp_path, data))


def test_id_must_match_file_name(tmp_path, data):
    with pytest.raises(DefinitionError, match="must match the file name"):
        load_definition(write(tmp_path, data, "other.yaml"))


def test_duplicate_field_ids_are_refused(tmp_path, data):
    data["sections"][1]["fields"][0]["id"] = "title"
    with pytest.raises(DefinitionError, match="'title' is used twice"):
        load_definition(write(tmp_path, data))


def test_nested_groups_are_refused(tmp_path, data):
    costs = data["sections"][1]["fields"][0]
    costs["fields"].append(
        {
            "id": "inner",
            "kind": "group",
            "label": "Inner",
            "fields": [{"id": "x", "kind": "short_text", "label": "X"}],
        }
    )
    with pytest.raises(
        DefinitionError,
        match=r"sections\[1\]\.fields\[0\]\.fields\[3\]\.kind: .group. is not one of",
    ):
        load_definition(write(tmp_path, data))


def test_cell_prompts_must_name_real_cells(tmp_path, data):
    data["sections"][1]["fields"][1]["cell_prompts"] = {"garden": {"now": ["?"]}}
    with pytest.raises(DefinitionError, match="garden"):
        load_definition(write(tmp_path, data))


def test_checks_must_name_real_fields(tmp_path, data):
    data["checks"][0]["field"] = "price"
    with pytest.raises(DefinitionError, match=r"costs\.price"):
        load_definition(write(tmp_path, data))


def test_room_fields_must_be_real_fields_of_the_right_kind(tmp_path, data):
    data["room"] = {"strategy": "team_reflection_sessions", "month_field": "meeting_month"}
    with pytest.raises(DefinitionError, match="room names unknown field 'meeting_month'"):
        load_definition(write(tmp_path, data))
    data["room"] = {"strategy": "team_reflection_sessions", "number_field": "month"}
    with pytest.raises(DefinitionError, match="room field 'month' must be a choice field"):
        load_definition(write(tmp_path, data))
    data["room"] = {"strategy": "team_reflection_sessions", "number_field": "colour"}
    data["room"] |= {"month_field": "month"}
    assert load_definition(write(tmp_path, data)).session_fields == ("colour", "month")


def test_bad_yaml_is_reported_with_the_file(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("id: [unclosed", encoding="utf-8")
    with pytest.raises(DefinitionError, match=r"broken\.yaml: not valid YAML"):
        load_definition(path)


def test_unknown_form_id_lists_the_known_ones():
    with pytest.raises(KeyError, match="supervision_reflection"):
        load_form("no_such_form")


def test_bundled_forms_load():
    """Every bundled definition loads (test_definitions.py names them)."""
    assert sorted(load_forms()) == sorted(p.stem for p in definitions_dir().glob("*.yaml"))


@pytest.mark.parametrize("path", sorted(definitions_dir().glob("*.yaml")), ids=lambda p: p.stem)
def test_each_bundled_definition_passes_its_schema(path):
    """The check every process skips when it loads the bundled forms is made here."""
    assert check_definition(path) == load_forms()[path.stem]


def test_loading_the_bundled_forms_never_imports_the_schema_checker():
    loading = "from refocus_kit.forms import load_forms; load_forms()"
    assert imported_by(loading, ["jsonschema"], dict(os.environ)) == set()


def test_a_definition_someone_writes_is_checked_in_full(tmp_path, data):
    with pytest.raises(DefinitionError, match="surprise"):
        check_definition(write(tmp_path, {**data, "surprise": True}))
