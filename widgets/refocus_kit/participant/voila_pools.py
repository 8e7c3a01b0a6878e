"""The one module that reaches into Voila's private parts (voila 0.5): its kernel pools and the
routes of its handler table. Everything else in the participant server goes through here, so
that a Voila upgrade that changes them breaks here, loudly, and in
tests/participant/test_voila_pools.py, which pins each behaviour this adapter relies on.

What it relies on, in `voila.voila_kernel_manager`:
- `_pools`: notebook name -> list of asyncio tasks, each resolving to a page's content, a dict
  with `kernel_id`, `task` (the render) and `renderer` (whose `stop_generator` is set once a
  visitor took the page);
- `kernel_pools_config`: notebook name (or "default") -> {"pool_size": n, ...};
- `fill_if_needed(delay, notebook_name)`: start pages until the pool has its size;
- `_initialize(notebook_path, kernel_id, **kwargs)`: make one page (start its kernel, begin its
  render), awaited by each pool task.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any

from voila.request_info_handler import RequestInfoSocketHandler
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

__all__ = ["PageMaker", "VoilaPage", "VoilaPools", "VoilaRoutes", "voila_routes"]


@dataclass(frozen=True)
class VoilaPage:
    """A page Voila began to make: its kernel, its render, and whether a visitor took it."""

    kernel_id: str
    render: asyncio.Future
    _content: dict

    @property
    def taken(self) -> bool:
        """A visitor took the page before it was made (Voila then stops its warm render)."""
        return bool(getattr(self._content.get("renderer"), "stop_generator", False))


# make(notebook, kernel_id, **kwargs) -> the page's content, as Voila's _initialize returns it
PageMaker = Callable[..., Awaitable[dict]]


class VoilaPools:
    """Voila's pools of warm pages and its kernels, as the pool policy sees them."""

    def __init__(self, manager: Any):
        self.manager = manager

    # -- the pools --------------------------------------------------------------------------
    def _tasks(self, notebook: str) -> list:
        return self.manager._pools.get(notebook, [])

    @staticmethod
    def _warm(task: Any) -> bool:
        return task.done() and not task.cancelled() and task.exception() is None

    def ready(self, notebook: str) -> int:
        """Pages of `notebook` made and waiting for a visitor."""
        return sum(1 for task in self._tasks(notebook) if self._warm(task))

    def warm_kernels(self, notebook: str) -> list[str]:
        """The kernels of the pages waiting warm, oldest first."""
        return [t.result()["kernel_id"] for t in self._tasks(notebook) if self._warm(t)]

    def pooled(self, notebook: str) -> int:
        """Pages of `notebook` in its pool, made or being made."""
        return len(self._tasks(notebook))

    def take_out(self, notebook: str, kernel_id: str) -> bool:
        """Take a warm page out of its pool, so that no visitor is handed it."""
        pool = self._tasks(notebook)
        for task in pool:
            if self._warm(task) and task.result()["kernel_id"] == kernel_id:
                pool.remove(task)
                return True
        return False

    def size(self, notebook: str) -> int:
        config = self.manager.kernel_pools_config
        return config.get(notebook, config.get("default", {})).get("pool_size", 0)

    def resize(self, notebook: str, size: int) -> None:
        """Set the pool's size; a larger pool starts making its new pages at once."""
        before = self.size(notebook)
        if size != before:
            config = self.manager.kernel_pools_config
            config[notebook] = {**config.get("default", {}), "pool_size": size}
        if size > before:
            self.refill(notebook)

    def refill(self, notebook: str, delay: float = 0) -> None:
        """Make pages until the pool has its size, the first after `delay` seconds."""
        self.manager.fill_if_needed(delay=delay, notebook_name=notebook)

    def route_page_making(self, wrap: Callable[[PageMaker], PageMaker]) -> None:
        """Route every page Voila makes (warm or for a visitor) through `wrap(make)`."""
        self.manager._initialize = wrap(self.manager._initialize)

    @staticmethod
    def page(content: dict) -> VoilaPage:
        """What a page maker returned, read."""
        return VoilaPage(content["kernel_id"], content["task"], content)

    # -- kernels (public API of Jupyter Server's kernel manager) ----------------------------
    def running(self) -> list[str]:
        return list(self.manager.list_kernel_ids())

    def alive(self, kernel_id: str) -> bool:
        return kernel_id in self.manager

    async def shutdown(self, kernel_id: str) -> None:
        await self.manager.shutdown_kernel(kernel_id)

    def on_restart(self, kernel_id: str, callback: Callable[[], None]) -> None:
        """Call `callback()` when Jupyter restarts the kernel after it died (its restarter
        starts a bare kernel under the same id, without the page's notebook)."""
        self.manager.get_kernel(kernel_id).add_restart_callback(callback, "restart")


@dataclass(frozen=True)
class VoilaRoutes:
    """The entries of Voila's handler table that the server replaces with its own."""

    render: tuple  # the page handler, /voila/render/<notebook>, with its arguments
    query: tuple  # the socket a warm page's kernel opens once made
    kernel: tuple  # the page's websocket to its kernel


def voila_routes(handlers: Iterable[tuple]) -> VoilaRoutes:
    """Find Voila's routes in its handler table (Voila.init_handlers)."""
    table = list(handlers)
    return VoilaRoutes(
        render=next(h for h in table if h[0].endswith("/voila/render/(.*)")),
        query=next(h for h in table if h[1] is RequestInfoSocketHandler),
        kernel=next(h for h in table if h[1] is VoilaKernelWebsocketHandler),
    )
