"""Every notebook under course/ and facilitator_guides/ run as a trainer or facilitator runs it:
opened in a real JupyterLab in Chromium, Run All Cells, and looked at.

Executing a notebook headless (test_notebooks.py) passes a widget that never reaches the page;
this fails on "Error displaying widget", on any error or stderr output, on a cell whose output
holds a widget that the page did not draw, and on a notebook that writes to the data folder."""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import nbformat
import pytest

from refocus_kit.server import lab_spec
from tests.support.browser import block_other_hosts
from tests.support.notebooks import ROOT, TEXT_NOTEBOOKS, notebooks_under, read_notebook
from tests.support.servers import free_port, stop_process

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FOLDERS = ("course", "facilitator_guides")
NOTEBOOKS = notebooks_under(*FOLDERS)
FACILITATOR_NOTEBOOKS = notebooks_under("facilitator_guides")
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
START_TIMEOUT_S = 180  # two shared cores: the Lab and its extensions can take a minute to start
STEP_TIMEOUT_MS = 180_000
# Known, not fixed here: the Lab's Voila (its stock template) loads these from CDNs.
VOILA_CDN_ASSETS = (
    "https://cdn.jsdelivr.net/npm/@fortawesome/",
    "https://cdnjs.cloudflare.com/ajax/libs/mathjax/",
)
SCREENSHOTS = os.environ.get("REFOCUS_LAB_SCREENSHOTS")  # a folder to keep one per notebook


def notebook_id(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@dataclass
class Lab:
    base: str
    token: str
    root: Path
    data_dir: Path

    def url(self, path: str) -> str:
        joiner = "&" if "?" in path else "?"
        return f"{self.base}/{path}{joiner}token={self.token}"

    def shut_down_kernels(self) -> None:
        headers = {"Authorization": f"token {self.token}"}
        with httpx.Client(base_url=self.base, headers=headers, timeout=30) as client:
            for session in client.get("/api/sessions").json():
                client.delete(f"/api/sessions/{session['id']}")
            for kernel in client.get("/api/kernels").json():  # Voila's, which have no session
                client.delete(f"/api/kernels/{kernel['id']}")


def _pair_text_notebooks(root: Path) -> None:
    """The copies of the MyST session notebooks save an .ipynb beside them too (jupytext
    pairing), so that the outputs the Lab drew can be read back; a text notebook keeps none."""
    import jupytext

    for path in root.glob(f"*/*/{TEXT_NOTEBOOKS}"):
        notebook = jupytext.read(path)
        notebook.metadata.setdefault("jupytext", {})["formats"] = "ipynb,md:myst"
        jupytext.write(notebook, path, fmt="md:myst")


def saved(root: Path, name: str):
    """The notebook as the Lab saved it, outputs included."""
    path = root / name
    return nbformat.read(path.with_suffix(".ipynb") if path.suffix == ".md" else path, 4)


def _quiet_settings(settings_dir: Path) -> None:
    """No question about fetching news from the internet on first start."""
    folder = settings_dir / "@jupyterlab" / "apputils-extension"
    folder.mkdir(parents=True)
    (folder / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false"}))


def _wait_ready(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited: {log.read_text()[-2000:]}")
        try:
            if httpx.get(url, timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"JupyterLab did not answer in {START_TIMEOUT_S} s")


@contextlib.contextmanager
def running_lab(root: Path, home: Path, data_dir: Path) -> Iterator[tuple[str, str]]:
    """JupyterLab as `refocus serve` starts it, on `root`, with its settings and runtime under
    `home` and the kit's data in `data_dir`: (its base URL, its token) until the block ends."""
    _quiet_settings(home / "settings")
    env = {
        **os.environ,
        "REFOCUS_DATA_DIR": str(data_dir),
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        "IPYTHONDIR": str(home / "ipython"),
    }
    env.pop("REFOCUS_DATABASE_URL", None)
    token = secrets.token_urlsafe(16)
    spec = lab_spec(root, "127.0.0.1", free_port(), token)
    argv = [*spec.argv, "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    log = home / "lab.log"
    with log.open("wb") as out:
        process = subprocess.Popen(argv, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_ready(spec.ready_url, process, log)
        yield spec.url.split("/lab?")[0], token
    finally:
        stop_process(process)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """One JupyterLab, as `refocus serve` starts it, on a copy of the notebooks (the Lab writes
    checkpoints and saves beside what it opens) with its own empty data folder."""
    root = tmp_path_factory.mktemp("lab-root")
    for folder in FOLDERS:
        ignore = shutil.ignore_patterns(".ipynb_checkpoints")
        shutil.copytree(ROOT / folder, root / folder, ignore=ignore)
    _pair_text_notebooks(root)
    home = tmp_path_factory.mktemp("lab-home")
    data_dir = tmp_path_factory.mktemp("lab-data")
    with running_lab(root, home, data_dir) as (base, token):
        yield Lab(base, token, root, data_dir)


@pytest.fixture
def blocked() -> list[str]:
    """Requests the page made to other hosts (refused)."""
    return []


@pytest.fixture
def page(browser, lab, blocked):
    """One page per notebook, reaching this machine only; its kernels are shut down after, and
    whatever a notebook wrote to the data folder is removed so it fails only its own test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(STEP_TIMEOUT_MS)
    block_other_hosts(context, blocked)
    yield context.new_page()
    context.close()
    lab.shut_down_kernels()
    for leftover in lab.data_dir.iterdir():
        shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
    assert blocked == [], f"the page asked for outside resources: {blocked}"


# -- driving the Lab -------------------------------------------------------------------------
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
FINISHED = """([panel, expected]) => {
    const root = document.querySelector(panel);
    if (!root) return false;
    const status = root.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset.status;
    const prompts = [...root.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
        .map(p => p.textContent.trim());
    return status === 'idle' && prompts.length === expected && !prompts.includes('[*]:')
        && /^\\[\\d+\\]:$/.test(prompts[0]);
}"""


def wait_for_kernel(page) -> None:
    """The status bar says the kernel is idle (the toolbar's indicator says so before the
    kernel has even connected, and a Run All then does nothing)."""
    page.wait_for_selector(".jp-StatusBar-TextItem >> text=/^(?!No Kernel).* \\| Idle$/")


def run_all_cells(page, code_cells: int) -> None:
    """Run > Run All Cells, then wait until the kernel is idle with nothing left queued."""
    wait_for_kernel(page)
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
    page.wait_for_function(FINISHED, arg=[PANEL, code_cells], polling=500)


def save(page) -> None:
    """Save (Ctrl+S) to read the outputs the kernel sent, and wait until the tab says saved."""
    page.keyboard.press("Control+s")
    page.wait_for_selector("#jp-main-dock-panel .lm-TabBar-tab.jp-mod-current:not(.jp-mod-dirty)")


def cells_on_page(page) -> list[dict]:
    """For each cell as drawn: its prompt, its text and how many outputs hold a drawn widget."""
    return page.evaluate(
        """(panel) => [...document.querySelectorAll(panel + ' .jp-Cell')].map(cell => {
            cell.scrollIntoView();
            const outputs = [...cell.querySelectorAll(
                '.jp-Cell-outputArea > .jp-OutputArea-child')];
            const drawn = outputs.filter(o => [...o.querySelectorAll('.jupyter-widgets')]
                .some(w => w.getBoundingClientRect().height > 0));
            return {
                prompt: (cell.querySelector('.jp-InputPrompt')?.textContent || '').trim(),
                text: cell.textContent,
                widgets: drawn.length,
            };
        })""",
        PANEL,
    )


def output_problems(notebook) -> list[str]:
    problems = []
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                problems.append(f"cell {index}: {output.ename}: {output.evalue}")
            elif output.output_type == "stream" and output.name == "stderr":
                problems.append(f"cell {index} wrote to stderr: {output.text[:300]}")
    return problems


def widget_problems(notebook, drawn: list[dict]) -> list[str]:
    problems = []
    for index, (cell, seen) in enumerate(zip(notebook.cells, drawn, strict=True)):
        if "Error displaying widget" in seen["text"]:
            problems.append(f"cell {index}: Error displaying widget")
        made = sum(WIDGET_MIME in o.get("data", {}) for o in cell.get("outputs", []))
        if seen["widgets"] < made:
            problems.append(f"cell {index}: {made} widget(s) made, {seen['widgets']} drawn")
    return problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=notebook_id)
def test_notebook_runs_in_jupyterlab(path, lab, page):
    name = notebook_id(path)
    code_cells = sum(c.cell_type == "code" for c in read_notebook(path).cells)
    page.goto(lab.url(f"lab/tree/{name}?reset"))
    run_all_cells(page, code_cells)
    save(page)
    notebook = saved(lab.root, name)
    drawn = cells_on_page(page)
    if SCREENSHOTS:
        page.screenshot(path=Path(SCREENSHOTS) / f"{name.replace('/', '__')}.png")

    not_run = [i for i, c in enumerate(drawn) if c["prompt"] in {"[ ]:", "[*]:"}]
    problems = output_problems(notebook) + widget_problems(notebook, drawn)
    assert not problems and not not_run, f"{problems}; cells never run: {not_run}"
    assert sorted(p.name for p in lab.data_dir.iterdir()) == [], "opening it wrote data"


@pytest.mark.parametrize("path", FACILITATOR_NOTEBOOKS, ids=notebook_id)
def test_facilitator_notebook_through_the_labs_voila(path, lab, page, blocked):
    """The code-free view of a facilitator notebook (the Lab's own Voila, same token)."""
    served = page.goto(lab.url(f"voila/render/{notebook_id(path)}"))
    made = served.text().count(f'type="{WIDGET_MIME}"')
    page.wait_for_function(
        """(made) => [...document.querySelectorAll('.jp-OutputArea-child')]
            .filter(o => o.querySelector('.jupyter-widgets')).length >= made""",
        arg=made,
        polling=500,
    )
    text = page.locator("body").text_content()
    assert "Error displaying widget" not in text and "Traceback" not in text
    assert page.locator('[data-mime-type="application/vnd.jupyter.stderr"]').count() == 0
    assert sorted(p.name for p in lab.data_dir.iterdir()) == []
    known = [url for url in blocked if url.startswith(VOILA_CDN_ASSETS)]
    blocked[:] = [url for url in blocked if url not in known]  # anything else still fails
    if known:
        pytest.xfail(
            "the Lab's Voila (stock lab template) asks CDNs for Font Awesome and MathJax, so "
            "icons and maths are missing on a closed network; the participant server's own "
            f"template serves them locally. Asked: {known}"
        )
