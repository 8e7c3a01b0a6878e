"""The benchmarks' websocket participant speaks the kernel protocol a Voila page speaks
(v1.kernel.websocket.jupyter.org): its frames are Jupyter Server's own, both ways."""

from __future__ import annotations

import pytest
from jupyter_server.services.kernels.connection.base import (
    deserialize_msg_from_ws_v1,
    serialize_msg_to_ws_v1,
)

from bench.voila.wsclient import from_frame, to_frame

PARTS = [b'{"msg_type": "comm_msg"}', b"{}", b'{"m": 1}', b'{"comm_id": "c"}', b"\x00buffer"]


@pytest.mark.parametrize("parts", [PARTS, PARTS[:4]], ids=["with a buffer", "without"])
def test_a_frame_sent_is_the_one_jupyter_server_reads(parts):
    assert to_frame("shell", parts) == serialize_msg_to_ws_v1(parts, "shell")
    assert deserialize_msg_from_ws_v1(to_frame("shell", parts)) == ("shell", parts)


@pytest.mark.parametrize("parts", [PARTS, PARTS[:4]], ids=["with a buffer", "without"])
def test_a_frame_received_is_read_as_jupyter_server_wrote_it(parts):
    assert from_frame(serialize_msg_to_ws_v1(parts, "iopub")) == ("iopub", parts)


def test_a_text_frame_is_refused_with_a_reason():
    with pytest.raises(ValueError, match="did not speak the v1 protocol"):
        from_frame('{"channel": "iopub"}')
