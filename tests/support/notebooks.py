"""The notebooks people open, as git knows them (committed or new, never ignored files)."""

from __future__ import annotations

import subprocess
from pathlib import Path

__all__ = ["ROOT", "notebooks_under"]

ROOT = Path(__file__).resolve().parents[2]


def notebooks_under(*folders: str) -> list[Path]:
    """Every notebook in these folders of the repository, so a new one is covered at once."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "*.ipynb"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = sorted(ROOT / p for p in listed.split())
    return [p for p in found if any(p.is_relative_to(ROOT / folder) for folder in folders)]
