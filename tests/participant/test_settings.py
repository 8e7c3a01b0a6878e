"""Settings that keep participants safe cannot be switched off from the command line."""

import signal

import pytest

from refocus_kit.participant.app import PAGES, PAGES_DIR, RefocusVoila
from refocus_kit.sessions import PARTICIPANT_FORMS


@pytest.fixture
def app():
    handler = signal.getsignal(signal.SIGTERM)
    instance = RefocusVoila()
    instance.initialize(
        [
            str(PAGES_DIR),
            "--template=refocus",
            "--VoilaConfiguration.show_tracebacks=True",
            "--VoilaConfiguration.strip_sources=False",
            "--VoilaConfiguration.file_allowlist=['.*']",
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


def test_one_page_per_participant_form():
    assert {p.name for p in PAGES_DIR.glob("*.ipynb")} == PAGES
    assert {f"{form_id}.ipynb" for form_id in PARTICIPANT_FORMS} == PAGES
