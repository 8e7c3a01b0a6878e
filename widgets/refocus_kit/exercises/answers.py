"""Answers given in an exercise's widgets, kept in a small JSON file beside the notebook.

Widget values are not saved in a notebook, and nbgrader's autograder re-executes it, so each
widget writes its value to ``answers.json`` in the notebook's folder as it changes. nbgrader's
`submit` and `collect` carry the file with the notebook; the kit's course configuration keeps a
same-named file in source/ from overwriting it at autograde (``Autograde.exclude_overwriting``),
and the autograder's tests read it. Each write replaces the file whole (a temporary file renamed
over it), so a reader never sees half a file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from refocus_kit.files import write_whole

__all__ = ["ANSWERS_FILE", "load_answers", "save_answer"]

ANSWERS_FILE = "answers.json"


def _path(folder: Path | str | None) -> Path:
    return Path(folder or os.getcwd()) / ANSWERS_FILE


def load_answers(folder: Path | str | None = None) -> dict[str, Any]:
    """Every answer saved in the folder (the kernel's working folder by default); {} if none
    yet. A file that is not a JSON object counts as no answers rather than an error."""
    try:
        data = json.loads(_path(folder).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def save_answer(key: str, value: Any, folder: Path | str | None = None) -> None:
    """Set one answer and write the file atomically."""
    path = _path(folder)
    answers = load_answers(path.parent)
    answers[key] = value
    write_whole(path, json.dumps(answers, ensure_ascii=False, indent=1, sort_keys=True))
