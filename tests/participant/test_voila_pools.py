"""Pins what voila_pools.py relies on in Voila's private parts, against the real Voila kernel
manager and handler table: a Voila upgrade that changes any of it fails here, by name."""

import asyncio
import signal

import pytest
from voila.app import Voila
from voila.execute import VoilaExecutor
from voila.request_info_handler import RequestInfoSocketHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

from refocus_kit.participant.app import RefocusVoila
from refocus_kit.participant.pages import write_pages
from refocus_kit.participant.voila_pools import VoilaPools, voila_routes

NOTEBOOK = "team_reflection_session.ipynb"


@pytest.fixture
def voila(tmp_path):
    """A participant server, set up as at start, with no warm pages (nothing starts a kernel)."""
    handler = signal.getsignal(signal.SIGTERM)
    write_pages(tmp_path)
    app = RefocusVoila()
    app.initialize([str(tmp_path), "--template=refocus", "--RefocusVoila.base_pool=0"])
    app.collect_when_quiet = False
    yield app
    if app._store is not None:
        app.store.close()
    signal.signal(signal.SIGTERM, handler)
    RefocusVoila.clear_instance()


class Renderer:
    stop_generator = False
    rendered_cache = ()


def test_the_pools_as_the_adapter_reads_and_sizes_them(voila):
    async def scenario():
        Voila.init_settings(voila)  # Voila's own: its kernel manager, no pool sized yet
        manager = voila.kernel_manager
        assert isinstance(manager._pools, dict)  # the private pools
        assert "default" in manager.kernel_pools_config
        pools = VoilaPools(manager)
        made = []

        def no_kernels(_make):  # route page-making to a stand-in: no kernel starts
            async def make(notebook_path, kernel_id=None, **kwargs):
                made.append(notebook_path)
                render = asyncio.get_running_loop().create_future()
                return {"kernel_id": f"k{len(made)}", "task": render, "renderer": Renderer()}

            return make

        pools.route_page_making(no_kernels)
        pools.resize(NOTEBOOK, 3)  # fill_if_needed(delay, notebook_name) awaits _initialize
        assert pools.size(NOTEBOOK) == 3
        assert manager.kernel_pools_config[NOTEBOOK]["pool_size"] == 3
        assert pools.pooled(NOTEBOOK) == 3
        await asyncio.sleep(0.05)
        assert made == [NOTEBOOK] * 3
        assert pools.ready(NOTEBOOK) == 3 and pools.warm_kernels(NOTEBOOK) == ["k1", "k2", "k3"]

        assert pools.take_out(NOTEBOOK, "k2") and pools.warm_kernels(NOTEBOOK) == ["k1", "k3"]
        assert not pools.take_out(NOTEBOOK, "k2")

        # A visitor is handed the oldest warm page, which Voila marks as taken.
        first = manager._pools[NOTEBOOK][0].result()
        pools_page = VoilaPools.page(first)
        assert pools_page.kernel_id == "k1" and not pools_page.taken
        voila_configured = manager.fill_delay
        manager.fill_delay = 0
        _render, _cache, kernel_id = await manager.get_rendered_notebook(NOTEBOOK)
        manager.fill_delay = voila_configured
        assert kernel_id == "k1" and VoilaPools.page(first).taken
        await asyncio.sleep(0.05)  # Voila tops the pool up to its size again
        assert pools.warm_kernels(NOTEBOOK) == ["k3", "k4", "k5"]

        pools.refill(NOTEBOOK, delay=0)  # fill_if_needed makes nothing beyond the size
        await asyncio.sleep(0.05)
        assert pools.warm_kernels(NOTEBOOK) == ["k3", "k4", "k5"]

    asyncio.run(scenario())


def test_the_routes_the_server_replaces(voila):
    async def scenario():
        Voila.init_settings(voila)
        voila.app = type("App", (), {"listen": lambda *a, **k: None})()
        table = Voila.init_handlers(voila)
        routes = voila_routes(table)
        assert routes.render[0].endswith("/voila/render/(.*)")
        assert issubclass(routes.render[1], TornadoVoilaHandler)
        assert isinstance(routes.render[2], dict)  # its arguments, given to RenderHandler
        assert routes.query[1] is RequestInfoSocketHandler
        assert routes.kernel[1] is VoilaKernelWebsocketHandler

    asyncio.run(scenario())


def test_the_hooks_the_handlers_use():
    # RenderHandler makes the page whole from Voila's generator before sending any of it
    assert callable(TornadoVoilaHandler.get_generator)
    # a failed page is marked with the kit's text instead of Voila's instruction
    assert {"cell_error_instruction", "cell_timeout_instruction"} <= set(
        VoilaExecutor.class_trait_names()
    )
