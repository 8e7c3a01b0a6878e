"""Read the practice tools' content (prompts, stages, marks) from the YAML files in data/.

Content lives in data files so trainers can read and correct it without touching code, and so
each prompt is declared once and shared by the widgets, the notebooks and the tests.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["load_content"]


@cache
def load_content(name: str) -> Any:
    """Parsed contents of data/<name>.yaml (cached: the files do not change while running)."""
    text = (
        resources.files("refocus_kit.practices")
        .joinpath("data", f"{name}.yaml")
        .read_text(encoding="utf-8")
    )
    return yaml.safe_load(text)
