import re

from refocus_kit.sessions import get_session
from refocus_kit.store import Store

TEAM = "Demo team (fictional)"


def opened(cli, *args) -> str:
    result = cli("sessions", "open", "--team", TEAM, *args)
    assert result.exit_code == 0, result.output
    return re.match(r"([A-Z0-9]{6}) ", result.output).group(1)


def test_open_prints_code_link_and_qr(cli, monkeypatch):
    monkeypatch.setenv("REFOCUS_FORMS_URL", "http://kit.invalid:8866/")
    result = cli("sessions", "open", "--team", TEAM, "--number", "4", "--expected", "7")
    code = re.match(r"([A-Z0-9]{6}) ", result.output).group(1)
    assert f"link: http://kit.invalid:8866/s/{code}" in result.output
    assert "█" in result.output  # the QR code, in the terminal
    with Store() as store:
        session = get_session(store, code)
    assert (session.number, session.expected, session.mode) == (4, 7, "self_organised")


def test_open_refuses_bad_values(cli):
    result = cli("sessions", "open", "--team", TEAM, "--number", "12")
    assert result.exit_code == 1 and "must be 1 to 9" in result.output


def test_list_and_close(cli):
    code = opened(cli, "--no-qr")
    assert code in cli("sessions", "list").output
    assert cli("sessions", "close", code.lower()).output.strip() == f"closed {code}"
    assert cli("sessions", "list").output.strip() == "no open sessions"
    assert "closed" in cli("sessions", "list", "--all").output
    assert cli("sessions", "close", code).exit_code == 1


def test_record_as_html_and_pdf(cli, tmp_path):
    code = opened(cli, "--no-qr")
    with Store() as store:
        store.submit(
            "team_reflection_session", {"enablers": "<b>Peer support</b>"}, team=TEAM, session=code
        )
    cli("sessions", "record", code, "--out", tmp_path / "record.html")
    page = (tmp_path / "record.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;Peer support&lt;/b&gt;" in page and "1</strong> response" in page
    cli("sessions", "record", code, "--out", tmp_path / "record.pdf")
    assert (tmp_path / "record.pdf").read_bytes().startswith(b"%PDF")
    assert cli("sessions", "record", "NOPE99", "--out", tmp_path / "x.html").exit_code == 1
