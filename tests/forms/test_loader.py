from pathlib import Path

import pytest
import yaml

from refocus_kit.forms import DefinitionError, load_definition, load_form, load_forms
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


def test_session_fields_must_name_real_fields(tmp_path, data):
    data["session_fields"] = ["month", "meeting_number"]
    with pytest.raises(DefinitionError, match="session_fields names unknown fields: meeting_"):
        load_definition(write(tmp_path, data))
    data["session_fields"] = ["month"]
    assert load_definition(write(tmp_path, data)).session_fields == ("month",)


def test_bad_yaml_is_reported_with_the_file(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("id: [unclosed", encoding="utf-8")
    with pytest.raises(DefinitionError, match=r"broken\.yaml: not valid YAML"):
        load_definition(path)


def test_unknown_form_id_lists_the_known_ones():
    with pytest.raises(KeyError, match="supervision_reflection"):
        load_form("no_such_form")


def test_bundled_forms_load():
    assert len(load_forms()) == 11


def _child_imports_jsonschema(env: dict) -> bool:
    loading = "from refocus_kit.forms import load_forms; load_forms()"
    return imported_by(loading, ["jsonschema"], env) == {"jsonschema"}


def test_a_process_that_checked_the_forms_spares_its_children_the_check(monkeypatch):
    import os

    from refocus_kit.forms.loader import FORMS_CHECKED_ENV, vouch_for_forms

    monkeypatch.setenv(FORMS_CHECKED_ENV, "")
    vouch_for_forms()
    vouched = os.environ[FORMS_CHECKED_ENV]
    assert len(vouched) == 64
    assert not _child_imports_jsonschema(dict(os.environ))
    assert _child_imports_jsonschema({**os.environ, FORMS_CHECKED_ENV: "0" * 64})


def test_a_vouch_does_not_cover_a_changed_definition(tmp_path, monkeypatch, data):
    from refocus_kit.forms import loader

    monkeypatch.setattr(loader, "definitions_dir", lambda: tmp_path)
    monkeypatch.setenv(loader.FORMS_CHECKED_ENV, "")
    write(tmp_path, data)
    loader.load_forms.cache_clear()
    try:
        loader.vouch_for_forms()
        write(tmp_path, {**data, "surprise": True})  # edited after the check
        loader.load_forms.cache_clear()
        with pytest.raises(DefinitionError, match="surprise"):
            loader.load_forms()
    finally:
        loader.load_forms.cache_clear()
