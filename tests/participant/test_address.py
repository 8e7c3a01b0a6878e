"""The participant server records where it serves, so that session links follow its port; the
record goes when the server stops."""

import logging
import re

import httpx
import pytest
from click.testing import CliRunner

from refocus_kit.cli import main
from refocus_kit.forms_address import ADDRESS_FILE, running_server
from tests.support.servers import ParticipantServer


@pytest.mark.slow
def test_links_follow_the_servers_port_until_it_stops(tmp_path, monkeypatch):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    monkeypatch.setenv("REFOCUS_DATA_DIR", str(data_dir))
    monkeypatch.delenv("REFOCUS_FORMS_URL", raising=False)
    server = ParticipantServer(data_dir)
    try:
        recorded = running_server(data_dir)
        assert recorded is not None and recorded.url == server.base
        assert recorded.pid == server.process.pid
        opened = CliRunner().invoke(
            main, ["sessions", "open", "--team", "Demo team (fictional)", "--expected", "1"]
        )
        link = re.search(r"link: (\S+)", opened.stdout).group(1)
        assert link.startswith(server.base)
        assert "Phones in the room cannot reach" in opened.stderr  # it listens on 127.0.0.1
        answer = httpx.get(link, timeout=30)
        assert answer.status_code == 200 and "Opening the form" in answer.text  # a first visit
        assert "/voila/render/team_reflection_session.ipynb?session=" in answer.text
    finally:
        server.stop()
    assert server.process.returncode == 0
    assert not (data_dir / ADDRESS_FILE).exists()


def test_a_data_folder_it_cannot_write_is_a_warning_not_a_crash(tmp_path, monkeypatch, caplog):
    from refocus_kit.participant.app import RefocusVoila

    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("a file where the data folder should be", encoding="utf-8")
    monkeypatch.setenv("REFOCUS_DATA_DIR", str(not_a_folder))
    app = RefocusVoila(ip="127.0.0.1", port=18866, log=logging.getLogger("participant"))
    with caplog.at_level(logging.WARNING, logger="participant"):
        app._publish_address()
    assert "could not record this server's address" in caplog.text
