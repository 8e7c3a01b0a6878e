"""Links and QR codes follow the forms server that is running: its address is recorded in the
data folder as it starts, trusted only while that server still answers, and
REFOCUS_FORMS_URL overrides it."""

import json
import os
import socket
import subprocess
import sys

import pytest

from refocus_kit import settings
from refocus_kit.forms_address import (
    ADDRESS_FILE,
    DEFAULT_FORMS_URL,
    forms_address,
    public_url,
    publish,
    running_server,
    withdraw,
)


@pytest.fixture
def listening():
    """A port on 127.0.0.1 that accepts connections, as a running forms server's does."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        yield server.getsockname()[1]


def dead_pid() -> int:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout)


def test_without_a_server_links_use_the_default(data_dir, monkeypatch):
    monkeypatch.delenv("REFOCUS_FORMS_URL", raising=False)
    address = forms_address("", data_dir)
    assert address.url == DEFAULT_FORMS_URL and address.server is None
    assert settings().forms_url == DEFAULT_FORMS_URL


def test_links_follow_the_running_server(data_dir, listening, monkeypatch):
    monkeypatch.delenv("REFOCUS_FORMS_URL", raising=False)
    publish(data_dir, "127.0.0.1", listening)
    assert settings().forms_url == f"http://127.0.0.1:{listening}/"
    address = forms_address("", data_dir)
    assert address.server.port == listening and address.server.pid == os.getpid()


def test_refocus_forms_url_overrides_the_running_server(data_dir, listening, monkeypatch):
    publish(data_dir, "127.0.0.1", listening)
    monkeypatch.setenv("REFOCUS_FORMS_URL", "http://kit.ward.example:8870/")
    assert settings().forms_url == "http://kit.ward.example:8870/"


def test_a_crashed_servers_record_is_not_trusted(data_dir, listening):
    publish(data_dir, "127.0.0.1", listening)
    record = data_dir / ADDRESS_FILE
    written = json.loads(record.read_text(encoding="utf-8"))
    record.write_text(json.dumps({**written, "pid": dead_pid()}), encoding="utf-8")
    assert running_server(data_dir) is None
    assert forms_address("", data_dir).url == DEFAULT_FORMS_URL


def test_a_record_whose_port_no_longer_answers_is_not_trusted(data_dir):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    publish(data_dir, "127.0.0.1", port)  # our own pid is alive, but nothing listens there
    assert running_server(data_dir) is None


@pytest.mark.parametrize("text", ["", "{", "[]", '{"url": 3}', '{"port": "x", "pid": 1}'])
def test_a_damaged_record_is_ignored(data_dir, text):
    (data_dir / ADDRESS_FILE).write_text(text, encoding="utf-8")
    assert running_server(data_dir) is None


@pytest.mark.parametrize("field", [{"pid": -1}, {"pid": 0}, {"pid": True}, {"port": 0}])
def test_a_record_with_impossible_numbers_is_ignored(data_dir, listening, field):
    publish(data_dir, "127.0.0.1", listening)
    record = data_dir / ADDRESS_FILE
    record.write_text(json.dumps({**json.loads(record.read_text()), **field}), encoding="utf-8")
    assert running_server(data_dir) is None


def test_withdraw_removes_only_our_own_record(data_dir, listening):
    publish(data_dir, "127.0.0.1", listening)
    withdraw(data_dir)
    assert not (data_dir / ADDRESS_FILE).exists()
    publish(data_dir, "127.0.0.1", listening)
    record = data_dir / ADDRESS_FILE
    other = {**json.loads(record.read_text(encoding="utf-8")), "pid": os.getpid() + 1}
    record.write_text(json.dumps(other), encoding="utf-8")
    withdraw(data_dir)  # another server's record, written after ours: left alone
    assert record.exists()
    withdraw(data_dir.parent / "no-such-folder")


def test_the_record_is_private_to_the_user(data_dir, listening):
    publish(data_dir / "fresh", "127.0.0.1", listening)
    assert (data_dir / "fresh").stat().st_mode & 0o077 == 0
    assert (data_dir / "fresh" / ADDRESS_FILE).stat().st_mode & 0o077 == 0


def test_public_url_of_a_bind_address(monkeypatch):
    assert public_url("127.0.0.1", 8870) == "http://127.0.0.1:8870/"
    assert public_url("192.168.4.20", 8866) == "http://192.168.4.20:8866/"
    assert public_url("fd00::5", 8866) == "http://[fd00::5]:8866/"
    monkeypatch.setattr("refocus_kit.forms_address.lan_address", lambda: "192.168.4.20")
    assert public_url("0.0.0.0", 8870) == "http://192.168.4.20:8870/"  # noqa: S104
    assert public_url("", 8870) == "http://192.168.4.20:8870/"
    monkeypatch.setattr("refocus_kit.forms_address.lan_address", lambda: None)
    assert public_url("0.0.0.0", 8870) == f"http://{socket.gethostname()}:8870/"  # noqa: S104


def test_phones_cannot_reach_a_loopback_address(data_dir):
    assert not forms_address("http://127.0.0.1:8870/", data_dir).room_can_reach
    assert not forms_address("http://localhost:8870/", data_dir).room_can_reach
    assert not forms_address("http://[::1]:8870/", data_dir).room_can_reach
    assert forms_address("http://192.168.4.20:8870/", data_dir).room_can_reach
    assert forms_address("http://kit.ward.example/forms/", data_dir).room_can_reach


def test_the_facilitators_desk_follows_the_running_server(data_dir, listening, monkeypatch):
    from refocus_kit.facilitator import SessionDesk
    from refocus_kit.store import Store

    monkeypatch.delenv("REFOCUS_FORMS_URL", raising=False)
    publish(data_dir, "127.0.0.1", listening)
    with Store() as store:
        desk = SessionDesk(store, auto_refresh=False)
    assert desk.forms_url == f"http://127.0.0.1:{listening}/"
