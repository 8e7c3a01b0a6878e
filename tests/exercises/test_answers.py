"""Answers given in widgets are kept in answers.json beside the notebook, written whole."""

import json
import os

import pytest

from refocus_kit.exercises.answers import ANSWERS_FILE, load_answers, save_answer


def test_an_answer_is_saved_beside_the_notebook_and_read_back(tmp_path):
    save_answer("q1", "Personal recovery", tmp_path)
    save_answer("q2", 3, tmp_path)
    assert json.loads((tmp_path / ANSWERS_FILE).read_text()) == {
        "q1": "Personal recovery",
        "q2": 3,
    }
    assert load_answers(tmp_path) == {"q1": "Personal recovery", "q2": 3}


def test_the_working_folder_is_the_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    save_answer("q1", "Value 3")
    assert load_answers() == {"q1": "Value 3"}


@pytest.mark.parametrize("text", ["", "not json", "[1, 2]", "\xff"])
def test_a_missing_or_damaged_file_reads_as_no_answers(tmp_path, text):
    assert load_answers(tmp_path) == {}
    (tmp_path / ANSWERS_FILE).write_bytes(text.encode("latin-1"))
    assert load_answers(tmp_path) == {}


def test_a_failed_write_leaves_the_old_file_whole_and_no_temporary_file(tmp_path, monkeypatch):
    save_answer("q1", "kept", tmp_path)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        save_answer("q1", "lost", tmp_path)
    assert load_answers(tmp_path) == {"q1": "kept"}
    assert sorted(p.name for p in tmp_path.iterdir()) == [ANSWERS_FILE]
