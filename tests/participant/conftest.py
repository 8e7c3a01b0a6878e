import pytest

from refocus_kit.sessions import close_session, open_sessions
from refocus_kit.store import Store
from tests.support.browser import block_other_hosts
from tests.support.servers import ParticipantServer

from .browsing import DESKTOP, LOAD_TIMEOUT


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


@pytest.fixture
def open_page(browser):
    """A page that can reach this machine only; checks afterwards that nothing else was asked."""
    contexts, blocked = [], []

    def make(viewport=DESKTOP, headers=None):
        context = browser.new_context(viewport=viewport, extra_http_headers=headers or {})
        context.set_default_navigation_timeout(LOAD_TIMEOUT)
        block_other_hosts(context, blocked)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
    assert blocked == [], f"pages asked for outside resources: {blocked}"
