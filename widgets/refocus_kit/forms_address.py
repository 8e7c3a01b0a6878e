"""Where people reach the participant forms: the address every short link and QR code uses.

The forms server records the address it serves on in the data folder as it starts, and removes
the record as it stops, so that whatever makes a link (`refocus sessions`, the facilitator's
desk) follows the port and network it really listens on. A record left by a server that
crashed is not trusted: it must come from this machine, from a process still alive, on a port
that still accepts connections. REFOCUS_FORMS_URL overrides it all, for when people reach the
server by another address (a DNS name, a proxy). The data folder is never served."""

from __future__ import annotations

import contextlib
import json
import os
import socket
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

__all__ = [
    "ADDRESS_FILE",
    "DEFAULT_FORMS_URL",
    "LOCAL_ONLY_NOTE",
    "FormsAddress",
    "FormsServer",
    "forms_address",
    "lan_address",
    "local_url",
    "public_url",
    "publish",
    "reaches_room",
    "running_server",
    "withdraw",
]

ADDRESS_FILE = "forms-server.json"
DEFAULT_FORMS_URL = "http://127.0.0.1:8866/"
WILDCARDS = frozenset({"", "0.0.0.0", "::", "*"})  # noqa: S104 - names for "every interface"
PROBE_TIMEOUT_S = 1.0
LOCAL_ONLY_NOTE = (
    "Phones in the room cannot reach {url}: it answers on this computer only. To let them in, "
    "restart the kit with `refocus serve --forms-ip 0.0.0.0` (or `make serve "
    'SERVE_ARGS="--forms-ip 0.0.0.0"`), or set REFOCUS_FORMS_URL to the address people use.'
)
# A documentation address (RFC 5737), never routed: asking the routing table how to reach it
# names the interface of the default route, the room's network, without sending anything.
_UNROUTED = ("192.0.2.1", 9)


@dataclass(frozen=True)
class FormsServer:
    """A running forms server, as it recorded itself."""

    url: str  # as people in the room reach it
    ip: str  # the address it binds
    port: int
    pid: int
    host: str  # the machine it runs on

    @property
    def probe(self) -> tuple[str, int]:
        """Where this machine can reach it."""
        return (_local_host(self.ip), self.port)


@dataclass(frozen=True)
class FormsAddress:
    """The base of every short link, and where it came from."""

    url: str
    server: FormsServer | None  # the running server it follows, if any
    overridden: bool = False  # set by REFOCUS_FORMS_URL

    @property
    def room_can_reach(self) -> bool:
        return reaches_room(self.url)


def reaches_room(url: str) -> bool:
    """False for a loopback address, which only this computer can open."""
    host = (urlsplit(url).hostname or "").lower()
    return not (host == "localhost" or host == "::1" or host.startswith("127."))


def lan_address() -> str | None:
    """This machine's address on the network of its default route, or None without one.
    A UDP socket's connect() sends nothing: it only asks the routing table."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(_UNROUTED)
        except OSError:
            return None
        address = probe.getsockname()[0]
    return None if address.startswith("127.") or address == "0.0.0.0" else address  # noqa: S104


def public_url(ip: str, port: int) -> str:
    """The URL people use for a server bound to `ip`: on every interface, the machine's
    address on the room's network (or its name, if it has no route)."""
    host = ip
    if ip in WILDCARDS:
        host = lan_address() or socket.gethostname()
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}/"


def local_url(ip: str, port: int) -> str:
    """The URL this machine uses for a server bound to `ip` (to check that it answers)."""
    host = _local_host(ip)
    return f"http://{f'[{host}]' if ':' in host else host}:{port}/"


def publish(data_dir: Path, ip: str, port: int) -> FormsServer:
    """Record this process as the forms server serving on ip:port."""
    server = FormsServer(public_url(ip, port), ip, port, os.getpid(), socket.gethostname())
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = data_dir / f".{ADDRESS_FILE}.{os.getpid()}"
    with os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as out:
        json.dump(asdict(server), out)
    partial.replace(data_dir / ADDRESS_FILE)  # whole or not at all, for readers meanwhile
    return server


def withdraw(data_dir: Path) -> None:
    """Remove the record, if this process wrote it (another server may have since)."""
    server = _read(data_dir)
    if server is not None and server.pid == os.getpid():
        with contextlib.suppress(FileNotFoundError):
            (data_dir / ADDRESS_FILE).unlink()


def running_server(data_dir: Path) -> FormsServer | None:
    """The forms server recorded in the data folder, if it is still running."""
    server = _read(data_dir)
    if server is None or server.host != socket.gethostname() or not _alive(server.pid):
        return None
    try:
        with socket.create_connection(server.probe, timeout=PROBE_TIMEOUT_S):
            return server
    except OSError:
        return None


def forms_address(override: str, data_dir: Path) -> FormsAddress:
    """Where links point: `override` (REFOCUS_FORMS_URL) if set, else the running forms
    server's address, else the default port on this computer."""
    if override:
        return FormsAddress(override, None, overridden=True)
    server = running_server(data_dir)
    return FormsAddress(server.url if server else DEFAULT_FORMS_URL, server)


def _read(data_dir: Path) -> FormsServer | None:
    try:
        record = json.loads((data_dir / ADDRESS_FILE).read_text(encoding="utf-8"))
        server = FormsServer(**record)
    except (OSError, ValueError, TypeError):
        return None
    texts = all(isinstance(v, str) for v in (server.url, server.ip, server.host))
    numbers = all(type(v) is int for v in (server.port, server.pid))
    return server if texts and numbers and 0 < server.port < 65536 and server.pid > 0 else None


def _local_host(ip: str) -> str:
    if ip in WILDCARDS:
        return "::1" if ip == "::" else "127.0.0.1"
    return ip


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, under another user
        return True
    except (OSError, OverflowError):
        return False
    return True
