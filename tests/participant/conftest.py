import pytest

from refocus_kit.sessions import close_session, open_sessions
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
    """The server's store; sessions a test opens are closed after it, so that the pages they
    warm do not pile up for the module's later tests."""
    store = Store(server.store_url)
    yield store
    for session in open_sessions(store):
        close_session(store, session.code)
    store.close()
