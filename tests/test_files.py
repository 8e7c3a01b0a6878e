"""Writing a file whole (refocus_kit.files): the new text in place, the mode asked for, and
nothing left beside it when the writing fails."""

from __future__ import annotations

import pytest

from refocus_kit.files import write_whole


def test_the_text_replaces_the_file_with_the_mode_asked(tmp_path):
    path = tmp_path / "due.json"
    path.write_text("old", encoding="utf-8")
    write_whole(path, "new café text\n", mode=0o644)
    assert path.read_text(encoding="utf-8") == "new café text\n"
    assert path.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["due.json"]


def test_a_failed_write_leaves_the_old_file_and_nothing_else(tmp_path):
    path = tmp_path / "answers.json"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        write_whole(path, "\ud800")  # a lone surrogate cannot be written as UTF-8
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["answers.json"]
