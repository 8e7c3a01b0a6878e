"""The kit's refocus-rise-widgets extension (widgets/refocus_kit/course/lab/rise-widgets), which
lets the ipywidgets manager load in JupyterLab RISE's slideshow: its container, run in Chromium
against share scopes like RISE's (no @jupyterlab/console) and the Lab's (one), and its installed
copy. tests/course/test_slides_in_lab.py sees it work in a real Lab."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.support.notebooks import ROOT

SOURCE = ROOT / "widgets" / "refocus_kit" / "course" / "lab" / "rise-widgets"
INSTALLED = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "refocus-rise-widgets"
NAME = "refocus-rise-widgets"

# A share scope as webpack's module federation passes it to a container's init: for each
# package, its versions, each with a getter of a promise of a module factory.
SCOPES = """() => {
    class Token { constructor(name, about) { this.name = name; this.description = about; } }
    class OldToken { constructor(name) { this.name = name; } }
    window.coreutils = (token, from) => ({
        get: () => Promise.resolve(() => ({ Token: token })), from, eager: false,
    });
    window.riseScope = () => ({
        '@lumino/coreutils': {
            '2.1.0': coreutils(OldToken, 'old'), '2.10.0': coreutils(Token, 'app'),
        },
    });
    window.Token = Token;
}"""


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_installed_extension_is_the_kits():
    """Installed with the kit (pyproject's shared-data), as it is in the source: an edit not yet
    installed (`make` reinstalls when it or pyproject.toml changes) is noticed here."""
    assert files(INSTALLED) == files(SOURCE), (
        "the installed copy is stale: reinstall the kit (make .venv/.installed-run)"
    )
    package = json.loads((SOURCE / "package.json").read_text())
    assert package["name"] == NAME
    assert (SOURCE / package["jupyterlab"]["_build"]["load"]).is_file()


@pytest.fixture
def blank(browser):
    page = browser.new_page()
    page.set_content("<html><head></head><body></body></html>")
    page.add_script_tag(path=str(SOURCE / "static" / "remoteEntry.js"))
    page.evaluate(SCOPES)
    yield page
    page.close()


@pytest.mark.browser
def test_a_scope_without_the_console_gets_a_tracker_token_no_plugin_provides(blank):
    found = blank.evaluate(
        """async (name) => {
            const scope = riseScope();
            window._JUPYTERLAB[name].init(scope);
            const versions = scope['@jupyterlab/console'];
            const entry = versions['0.0.0'];
            const module = (await entry.get())();
            return {
                versions: Object.keys(versions), from: entry.from,
                isToken: module.IConsoleTracker instanceof Token,
                token: module.IConsoleTracker.name, exports: Object.keys(module),
                loaded: [scope['@lumino/coreutils']['2.10.0'].loaded,
                         scope['@lumino/coreutils']['2.1.0'].loaded],
            };
        }""",
        NAME,
    )
    assert found == {
        "versions": ["0.0.0"],
        "from": NAME,
        "isToken": True,  # from the newest @lumino/coreutils in the scope, not 2.1.0
        "token": "@jupyterlab/console:IConsoleTracker",
        "exports": ["IConsoleTracker"],
        "loaded": [1, None],
    }


@pytest.mark.browser
def test_a_scope_with_the_console_is_left_alone(blank):
    """The Lab itself has the console: the extension adds nothing there."""
    found = blank.evaluate(
        """(name) => {
            const scope = riseScope();
            const console = { '4.6.6': coreutils(Token, 'lab') };
            scope['@jupyterlab/console'] = console;
            window._JUPYTERLAB[name].init(scope);
            return scope['@jupyterlab/console'] === console
                && Object.keys(console).join() === '4.6.6';
        }""",
        NAME,
    )
    assert found is True


@pytest.mark.browser
def test_its_style_lets_a_tall_slide_scroll_and_it_exposes_nothing_else(blank):
    found = blank.evaluate(
        """async (name) => {
            const container = window._JUPYTERLAB[name];
            (await container.get('./style'))();
            (await container.get('./style'))();
            const styles = [...document.querySelectorAll('style')].map(s => s.textContent);
            let missing = null;
            await container.get('./extension').catch(e => { missing = e.message; });
            return { styles, missing };
        }""",
        NAME,
    )
    assert len(found["styles"]) == 1
    assert ".reveal .slides > section > section" in found["styles"][0]
    assert "overflow-y: auto" in found["styles"][0]
    assert found["missing"] == f'Module "./extension" does not exist in {NAME}.'
