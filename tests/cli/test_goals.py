import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from refocus_kit.cli import main

REFOCUS = Path(sys.executable).parent / "refocus"


def run(*args: str):
    return CliRunner().invoke(main, ["goals", "check", *args])


def test_check_prints_verdict_reasons_and_suggestion():
    result = run("I want to reduce my medication")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Avoidance goal.")
    assert '"reduce"' in result.output
    assert "Suggestion:" in result.output


def test_check_json_for_an_approach_goal():
    result = run("--json", "I want to dance again")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data == {"verdict": "approach", "reasons": data["reasons"], "suggestion": None}
    assert data["reasons"] and all(isinstance(r, str) for r in data["reasons"])


def test_check_json_for_an_avoidance_goal():
    data = json.loads(run("I don't want to end up in hospital", "--json").output)
    assert data["verdict"] == "avoidance"
    assert isinstance(data["suggestion"], str)


def test_blank_goal_is_a_usage_error():
    result = run("  ")
    assert result.exit_code == 2
    assert "words" in result.output


@pytest.mark.slow
def test_check_through_the_installed_refocus_script():
    completed = subprocess.run(
        [str(REFOCUS), "goals", "check", "--json", "no more hospital"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    data = json.loads(completed.stdout)
    assert data["verdict"] == "avoidance"
    assert set(data) == {"verdict", "reasons", "suggestion"}
