"""The programme file: checked against its schema, faults named with their place, and the bundled
file read without paying for jsonschema."""

from __future__ import annotations

import os

import pytest
import yaml

from refocus_kit.programme import (
    ProgrammeError,
    bundled_path,
    check_programme,
    load_programme,
    programme,
)
from tests.support.imports import imported_by


def write(tmp_path, data, name="programme.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def data():
    return yaml.safe_load(bundled_path().read_text(encoding="utf-8"))


def test_the_bundled_programme_passes_its_schema():
    assert check_programme(bundled_path()) == programme()


def test_a_file_from_a_newer_kit_is_refused_by_version(tmp_path, data):
    data["format_version"] = 2
    with pytest.raises(ProgrammeError, match="format_version 2 is not 1"):
        check_programme(write(tmp_path, data))


def test_a_schema_fault_names_its_place(tmp_path, data):
    data["strategies"][4]["events"][2]["mode"] = "optional"
    with pytest.raises(ProgrammeError, match=r"strategies\[4\]\.events\[2\]\.mode"):
        check_programme(write(tmp_path, data))


def test_an_unknown_key_is_refused(tmp_path, data):
    data["strategies"][0]["events"][0]["colour"] = "blue"
    with pytest.raises(ProgrammeError, match="colour"):
        check_programme(write(tmp_path, data))


def test_an_event_past_the_programme_end_is_refused(tmp_path, data):
    data["strategies"][4]["events"][8]["month"] = 19
    with pytest.raises(ProgrammeError, match="team_reflection_9: months 19-19 are outside 1-18"):
        check_programme(write(tmp_path, data))


def test_an_event_id_used_twice_is_refused(tmp_path, data):
    data["strategies"][3]["events"][1]["id"] = "manager_group_1"
    with pytest.raises(ProgrammeError, match="'manager_group_1' is used twice"):
        check_programme(write(tmp_path, data))


def test_a_gap_in_a_numbered_series_is_refused(tmp_path, data):
    del data["strategies"][3]["events"][2]
    with pytest.raises(ProgrammeError, match="strategy 4: events must be numbered"):
        check_programme(write(tmp_path, data))


def test_an_unknown_length_is_refused_even_without_the_schema(tmp_path, data):
    data["strategies"][1]["events"][0]["length"] = "fortnight"
    with pytest.raises(ProgrammeError, match="malformed"):
        load_programme(write(tmp_path, data), check_schema=False)


def test_not_yaml_is_refused(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("strategies: [", encoding="utf-8")
    with pytest.raises(ProgrammeError, match=r"broken\.yaml: not valid YAML"):
        check_programme(path)


@pytest.mark.slow
def test_reading_the_bundled_programme_imports_no_schema_checker_and_no_widgets():
    loaded = imported_by(
        "from refocus_kit.programme import programme; programme()",
        ["jsonschema", "ipywidgets", "matplotlib", "pandas"],
        dict(os.environ),
    )
    assert loaded == set()
