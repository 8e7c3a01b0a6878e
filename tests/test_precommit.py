"""The pre-commit hooks run what `make lint` and the suite check, so a commit that passes them
passes CI's lint and no-outputs checks too."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def hooks() -> dict[str, str]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    return {hook["id"]: hook["entry"] for repo in config["repos"] for hook in repo["hooks"]}


def test_the_ruff_hooks_run_the_makefiles_lint_commands():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    lint = re.search(r"^lint:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE).group(1)
    for command in ("ruff check", "ruff format --check"):
        assert f"$(BIN)/{command} ." in lint
        assert any(entry.startswith(f".venv/bin/{command}") for entry in hooks().values())


def notebook(tmp_path: Path, outputs: list) -> Path:
    cell = {"cell_type": "code", "execution_count": None, "id": "a", "metadata": {}}
    cell["outputs"], cell["source"] = outputs, "1 + 1"
    data = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / f"n{len(outputs)}.ipynb"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_notebook_hook_refuses_outputs_and_passes_a_clean_notebook(tmp_path):
    entry = hooks()["notebooks-without-outputs"].split()
    assert entry[1:] == ["-m", "tests.support.notebooks"]
    run = [sys.executable, "-m", "tests.support.notebooks"]
    clean = notebook(tmp_path, [])
    dirty = notebook(tmp_path, [{"output_type": "stream", "name": "stdout", "text": "2"}])
    ok = subprocess.run([*run, str(clean)], cwd=ROOT, capture_output=True, text=True)
    refused = subprocess.run(
        [*run, str(clean), str(dirty)], cwd=ROOT, capture_output=True, text=True
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert refused.returncode == 1
    assert (
        refused.stdout.strip() == f"{dirty}: cells [0] carry outputs; clear them before committing"
    )


def test_the_session_notebook_hook_refuses_markdown_that_is_no_myst_notebook(tmp_path):
    entry = hooks()["session-notebooks-are-myst"].split()
    assert entry[1:] == ["-m", "tests.support.notebooks"]
    plain = tmp_path / "session.md"
    plain.write_text("# Just a page\n", encoding="utf-8")
    good = ROOT / "course" / "01-team-information-session" / "session.md"
    run = [sys.executable, "-m", "tests.support.notebooks"]
    ok = subprocess.run([*run, str(good)], cwd=ROOT, capture_output=True, text=True)
    refused = subprocess.run([*run, str(plain)], cwd=ROOT, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert refused.returncode == 1
    assert refused.stdout.strip() == f"{plain}: needs jupytext front matter with format_name: myst"
