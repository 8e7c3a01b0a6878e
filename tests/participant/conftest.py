import pytest

from refocus_kit.store import Store
from tests.support.servers import ParticipantServer


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The participant server, shared by a module's tests, with its own store."""
    running = ParticipantServer(tmp_path_factory.mktemp("participant-data"))
    yield running
    running.stop()


@pytest.fixture
def server_store(server):
    store = Store(server.store_url)
    yield store
    store.close()
