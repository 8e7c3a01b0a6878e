import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from refocus_kit.cli import main

REFOCUS = str(Path(sys.executable).with_name("refocus"))


@pytest.fixture
def cli():
    """Run `refocus ARGS` in-process; returns click's Result. The course a command chooses
    (`refocus exercises --course`, which sets REFOCUS_COURSE for what it starts) is this
    process's own again afterwards."""
    runner = CliRunner()
    return lambda *args: runner.invoke(
        main,
        [str(a) for a in args],
        catch_exceptions=False,
        env={"REFOCUS_COURSE": os.environ.get("REFOCUS_COURSE")},
    )


@pytest.fixture
def refocus():
    """Run the installed `refocus` script in a real subprocess."""
    assert shutil.which(REFOCUS), "the refocus script is not installed in this environment"
    return lambda *args: subprocess.run(
        [REFOCUS, *map(str, args)], capture_output=True, text=True, timeout=120
    )
