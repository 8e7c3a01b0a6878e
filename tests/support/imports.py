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
    # The last line printed is the answer: the statement may print lines of its own.
    answer = f"print('\\n' + ' '.join(m for m in {names!r} if m in sys.modules))"
    code = f"import sys\n{statement}\n{answer}"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.splitlines()[-1].split()) if done.stdout.strip() else set()
