"""Settings that keep participants safe cannot be switched off from the command line."""

import signal
from pathlib import Path

import pytest

from refocus_kit.participant.app import RefocusVoila
from refocus_kit.participant.guards import PAGE_FAILED
from refocus_kit.participant.pages import write_pages
from refocus_kit.sessions import participant_forms


@pytest.fixture
def app(tmp_path):
    handler = signal.getsignal(signal.SIGTERM)
    write_pages(tmp_path)
    instance = RefocusVoila()
    instance.initialize(
        [
            str(tmp_path),
            "--template=refocus",
            "--VoilaConfiguration.show_tracebacks=True",
            "--VoilaConfiguration.strip_sources=False",
            "--VoilaConfiguration.file_allowlist=['.*']",
            "--RefocusVoila.collect_when_quiet=False",  # never freeze the test run's objects
        ]
    )
    yield instance
    instance.store.close()
    signal.signal(signal.SIGTERM, handler)  # Voila installs its own
    RefocusVoila.clear_instance()


def test_safe_settings_win(app):
    voila = app.voila_configuration
    assert voila.show_tracebacks is False and voila.strip_sources is True
    assert voila.file_allowlist == [] and voila.preheat_kernel is True
    assert voila.http_header_envs == ["X-Forwarded-User"]
    assert app.config.KernelManager.transport == "ipc"
    assert app.config.MappingKernelManager.cull_idle_timeout == 900
    assert app.config.MappingKernelManager.cull_connected is False
    assert app.config.VoilaExecutor.iopub_timeout == 30
    # a failed page is marked, never sent (RenderHandler.get), and never tells anyone to run
    # Voila with tracebacks
    assert app.config.VoilaExecutor.cell_error_instruction == PAGE_FAILED
    assert app.config.VoilaExecutor.cell_timeout_instruction == PAGE_FAILED
    assert app.log.level == app.log_level  # no debug records made only to be dropped


def test_one_page_per_participant_form(app, tmp_path):
    pages = {f"{form_id}.ipynb" for form_id in participant_forms()}
    assert {p.name for p in tmp_path.iterdir()} == pages == app.pages_served


def test_main_serves_the_pages_with_the_kits_template_and_no_widget_echo(monkeypatch):
    import os

    from refocus_kit.participant import app as participant_app

    launched, pages = [], []

    def launch(argv):
        launched.append(argv)
        pages.extend(sorted(p.name for p in Path(argv[0]).iterdir()))

    monkeypatch.setattr(participant_app.RefocusVoila, "launch_instance", launch)
    for name in ("JUPYTER_WIDGETS_ECHO", "JUPYTER_PATH"):
        monkeypatch.setenv(name, "")  # so that the test's changes are undone afterwards
        monkeypatch.delenv(name)
    participant_app.main(["--port=0"])
    (argv,) = launched
    assert argv[1:3] == ["--template=refocus", "--no-browser"]
    # its pages, written for the run from the forms' definitions, and gone after it
    assert pages == sorted(f"{form_id}.ipynb" for form_id in participant_forms())
    assert not Path(argv[0]).exists()
    assert argv[-1] == "--port=0"
    assert os.environ["JUPYTER_WIDGETS_ECHO"] == "0"
    assert os.environ["JUPYTER_PATH"].endswith("participant/jupyter")
