"""pyproject.toml, environment.yml and constraints.txt pin the same versions."""

import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]


def pins(lines) -> dict[str, str]:
    """{normalised name: version} for every `name==version` requirement."""
    found = {}
    for line in lines:
        if line.startswith("-") or not line.strip() or line.startswith("#"):
            continue
        requirement = Requirement(line)
        specs = list(requirement.specifier)
        assert len(specs) == 1 and specs[0].operator == "==", f"not an exact pin: {line}"
        found[re.sub(r"[-_.]+", "-", requirement.name).lower()] = specs[0].version
    return found


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_environment_yml_installs_the_pyproject_pins():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    project = pyproject()
    wanted = pins(project["dependencies"]) | pins(project["optional-dependencies"]["hub"])
    assert pins(pip_section) == wanted
    assert "-e ." in pip_section and "-c constraints.txt" in pip_section


def test_constraints_lock_every_direct_pin_at_the_same_version():
    locked = pins((ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines())
    project = pyproject()
    extras = project["optional-dependencies"]
    direct = pins(project["dependencies"]) | pins(extras["test"]) | pins(extras["hub"])
    assert {name: locked.get(name) for name in direct} == direct


def test_python_versions_agree():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python="))
    assert pyproject()["requires-python"] == ">=3.11" and python == "python=3.11"
