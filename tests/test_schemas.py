"""The kit's one YAML reader (refocus_kit.schemas.load_yaml): libyaml's safe loader, which must
read every YAML file the kit ships exactly as PyYAML's own safe loader does, and refuse what it
refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from refocus_kit.schemas import _LOADER, load_yaml, read_mapping

PACKAGE = Path(__file__).resolve().parents[1] / "widgets" / "refocus_kit"
SHIPPED = sorted(PACKAGE.rglob("*.yaml"))


def test_libyaml_does_the_reading():
    assert _LOADER is yaml.CSafeLoader  # PyYAML's wheels carry libyaml: ten times quicker


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_shipped_file_reads_as_pythons_safe_loader_reads_it(path):
    text = path.read_text(encoding="utf-8")
    assert load_yaml(text) == yaml.safe_load(text)


def test_what_the_safe_loader_refuses_is_refused(tmp_path):
    with pytest.raises(yaml.YAMLError):
        load_yaml("!!python/object/apply:os.system ['true']")
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [1, 2\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.yaml: not valid YAML"):
        read_mapping(bad, ValueError)
