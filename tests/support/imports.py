"""What a fresh Python process imports: for tests that keep heavy imports out of a hot path."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable

__all__ = ["imported_by"]


def imported_by(statement: str, modules: Iterable[str], env: dict[str, str]) -> set[str]:
    """Which of `modules` a new interpreter, with environment `env`, has loaded after running
    `statement`."""
    names = sorted(modules)
    code = f"import sys\n{statement}\nprint(' '.join(m for m in {names!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())
