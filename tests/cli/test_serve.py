"""`refocus serve`: which server binds which address, and what it tells the facilitator.
(tests/test_server.py starts the real thing.)"""

import subprocess
from pathlib import Path

import pytest

from refocus_kit.forms_address import public_url

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def started(monkeypatch):
    """The servers `refocus serve` would start, without starting them."""
    calls = []

    def run(specs, served, demo=False):
        calls.append(specs)
        return 0

    monkeypatch.setattr("refocus_kit.server.run", run)
    return calls


def test_forms_ip_moves_the_forms_only_and_the_lab_stays_private(cli, started, monkeypatch):
    monkeypatch.setattr("refocus_kit.forms_address.lan_address", lambda: "192.168.4.20")
    result = cli("serve", "--forms-ip", "0.0.0.0", "--forms-port", "8870")  # noqa: S104
    assert result.exit_code == 0, result.output
    lab, forms = started[0]
    assert "--ServerApp.ip=127.0.0.1" in lab.argv and lab.url.startswith("http://127.0.0.1:8888/")
    assert "--Voila.ip=0.0.0.0" in forms.argv and "--port=8870" in forms.argv
    assert forms.url == "http://192.168.4.20:8870/" == public_url("0.0.0.0", 8870)  # noqa: S104
    assert forms.ready_url == "http://127.0.0.1:8870/"  # checked from this machine
    assert "--Voila.custom_display_url=http://192.168.4.20:8870/" in forms.argv
    assert not forms.note


def test_by_default_both_servers_stay_on_this_computer_and_say_so(cli, started):
    assert cli("serve", "--forms-port", "8870").exit_code == 0
    lab, forms = started[0]
    assert "--ServerApp.ip=127.0.0.1" in lab.argv and "--Voila.ip=127.0.0.1" in forms.argv
    assert forms.url == "http://127.0.0.1:8870/"
    assert "Phones in the room cannot reach" in forms.note and "--forms-ip" in forms.note


def test_ip_moves_the_lab_only(cli, started):
    assert cli("serve", "--ip", "10.1.2.3").exit_code == 0
    lab, forms = started[0]
    assert "--ServerApp.ip=10.1.2.3" in lab.argv and "--Voila.ip=127.0.0.1" in forms.argv


def test_make_serve_passes_serve_args_through():
    dry_run = subprocess.run(
        ["make", "-n", "serve", "SERVE_ARGS=--forms-ip 0.0.0.0 --forms-port 8870"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "refocus serve --forms-ip 0.0.0.0 --forms-port 8870" in dry_run.stdout
