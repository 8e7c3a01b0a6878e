"""Settings that keep participants safe cannot be switched off from the command line."""

import signal

import pytest

from refocus_kit.participant.app import PAGES, PAGES_DIR, RefocusVoila
from refocus_kit.participant.guards import PAGE_FAILED
from refocus_kit.sessions import participant_forms


@pytest.fixture
def app():
    handler = signal.getsignal(signal.SIGTERM)
    instance = RefocusVoila()
    instance.initialize(
        [
            str(PAGES_DIR),
            "--template=refocus",
            "--VoilaConfiguration.show_tracebacks=True",
            "--VoilaConfiguration.strip_sources=False",
            "--VoilaConfiguration.file_allowlist=['.*']",
            "--RefocusVoila.collect_when_quiet=False",  # never freeze the test run's objects
        ]
    )
    yield instance
    instance.store.close()
    signal.signal(signal.SIGTERM, handler)  # Voila installs its own
    RefocusVoila.clear_instance()


def test_safe_settings_win(app):
    voila = app.voila_configuration
    assert voila.show_tracebacks is False and voila.strip_sources is True
    assert voila.file_allowlist == [] and voila.preheat_kernel is True
    assert voila.http_header_envs == ["X-Forwarded-User"]
    assert app.config.KernelManager.transport == "ipc"
    assert app.config.MappingKernelManager.cull_idle_timeout == 900
    assert app.config.MappingKernelManager.cull_connected is False
    assert app.config.VoilaExecutor.iopub_timeout == 30
    # a failed page is marked, never sent (RenderHandler.get), and never tells anyone to run
    # Voila with tracebacks
    assert app.config.VoilaExecutor.cell_error_instruction == PAGE_FAILED
    assert app.config.VoilaExecutor.cell_timeout_instruction == PAGE_FAILED
    assert app.log.level == app.log_level  # no debug records made only to be dropped


def test_one_page_per_participant_form():
    assert {p.name for p in PAGES_DIR.glob("*.ipynb")} == PAGES
    assert {f"{form_id}.ipynb" for form_id in participant_forms()} == PAGES


class FakeKernels:
    """Just enough of Voila's kernel manager for the admission rules."""

    def __init__(self, running: int, warm: dict[str, int]):
        self.running = running
        self._pools = {nb: [_done() for _ in range(n)] for nb, n in warm.items()}
        self.kernel_pools_config = {"default": {}}
        self.filled: list[str] = []
        self.stopped: list[str] = []

    def list_kernel_ids(self):
        return [str(n) for n in range(self.running)]

    def __contains__(self, kernel_id):
        return kernel_id in self.list_kernel_ids()

    def fill_if_needed(self, delay=None, notebook_name=None):
        self.filled.append(notebook_name)

    async def shutdown_kernel(self, kernel_id):
        self.stopped.append(kernel_id)


def _done(kernel_id="k"):
    import concurrent.futures

    future = concurrent.futures.Future()
    future.set_result({"kernel_id": kernel_id})
    return future


def test_a_crowd_cannot_slip_under_the_cap(app):
    app.max_kernels = 3
    app.kernel_manager = FakeKernels(running=0, warm={})
    admitted = [app.admit("supervision_reflection.ipynb") for _ in range(5)]
    assert admitted == [True, True, True, False, False]
    app.left("supervision_reflection.ipynb")
    assert app.admit("supervision_reflection.ipynb")


def test_warm_pages_are_given_out_once_each_even_at_the_cap(app):
    app.max_kernels = 2
    notebook = "team_reflection_session.ipynb"
    app.kernel_manager = FakeKernels(running=4, warm={notebook: 2})
    assert [app.admit(notebook) for _ in range(3)] == [True, True, False]


def test_people_arriving_shrink_the_pool_their_session_still_needs(app):
    from refocus_kit.sessions import open_session

    notebook = "team_reflection_session.ipynb"
    app.kernel_manager = FakeKernels(running=0, warm={notebook: 0})
    session = open_session(
        app.store, "team_reflection_session", "Demo team (fictional)", expected=3
    )
    app.size_pools()
    assert app.kernel_manager.kernel_pools_config[notebook]["pool_size"] == 1 + 3
    for _ in range(2):
        app.admit(notebook, session.code)
    assert app.kernel_manager.kernel_pools_config[notebook]["pool_size"] == 1 + 1


def test_a_session_left_open_for_hours_stops_holding_warm_pages(app):
    from refocus_kit.sessions import open_session

    notebook = "team_reflection_session.ipynb"
    app.kernel_manager = FakeKernels(running=0, warm={notebook: 0})
    open_session(app.store, "team_reflection_session", "Demo team (fictional)", expected=5)
    app.size_pools()
    assert app.kernel_manager.kernel_pools_config[notebook]["pool_size"] == 1 + 5
    app.session_warm_hours = 0
    app.size_pools()
    assert app.kernel_manager.kernel_pools_config[notebook]["pool_size"] == 1


def test_warm_pages_no_session_wants_are_let_go_newest_first(app):
    import asyncio

    notebook = "team_reflection_session.ipynb"
    app.kernel_manager = FakeKernels(running=6, warm={})
    pool = [_done(f"k{n}") for n in range(6)]
    app.kernel_manager._pools[notebook] = pool
    app._arriving[notebook] = 1  # someone on their way keeps a page

    async def check():
        app.check_room()
        await asyncio.gather(*app._stopping)

    asyncio.run(check())
    assert app.kernel_manager.stopped == ["k5", "k4", "k3", "k2"]
    assert [f.result()["kernel_id"] for f in pool] == ["k0", "k1"]


def test_main_serves_the_pages_with_the_kits_template_and_no_widget_echo(monkeypatch):
    import os

    from refocus_kit.participant import app as participant_app

    launched = []
    monkeypatch.setattr(
        participant_app.RefocusVoila, "launch_instance", lambda argv: launched.append(argv)
    )
    for name in ("JUPYTER_WIDGETS_ECHO", "JUPYTER_PATH"):
        monkeypatch.setenv(name, "")  # so that the test's changes are undone afterwards
        monkeypatch.delenv(name)
    participant_app.main(["--port=0"])
    (argv,) = launched
    assert argv[:3] == [str(PAGES_DIR), "--template=refocus", "--no-browser"]
    assert argv[-1] == "--port=0"
    assert os.environ["JUPYTER_WIDGETS_ECHO"] == "0"
    assert os.environ["JUPYTER_PATH"].endswith("participant/jupyter")


def test_warm_pages_are_shared_within_the_budget_base_pools_first():
    from refocus_kit.participant.app import share

    wanted = {"a": 31, "b": 1, "c": 1}
    assert share(wanted, 100, first=1) == wanted
    assert share(wanted, 5, first=1) == {"a": 3, "b": 1, "c": 1}
    assert share(wanted, 2, first=1) == {"a": 1, "b": 1, "c": 0}
    assert share(wanted, 0, first=1) == {"a": 0, "b": 0, "c": 0}


def test_kernels_in_use_and_warm_pages_stay_within_the_cap(app):
    from refocus_kit.sessions import open_session

    notebook = "team_reflection_session.ipynb"
    others = len(participant_forms()) - 1  # the other forms keep one warm page each
    app.max_kernels = 6 + others + 3
    app.kernel_manager = FakeKernels(running=6, warm={})
    open_session(app.store, "team_reflection_session", "Demo team (fictional)", expected=30)
    wanted = app.size_pools()
    assert wanted[notebook] == 1 + 30
    config = app.kernel_manager.kernel_pools_config
    sizes = {nb: config[nb]["pool_size"] for nb in wanted}
    assert sum(sizes.values()) == app.max_kernels - 6 and sizes[notebook] == 3


def test_a_closed_tab_lets_go_of_its_kernel_a_little_later(app, monkeypatch):
    import asyncio

    from refocus_kit.participant import app as participant_app

    monkeypatch.setattr(participant_app, "CLOSED_TAB_GRACE_S", 0.05)
    app.kernel_manager = FakeKernels(running=3, warm={})

    async def close_tab():
        app.let_go("1")
        assert app.kernel_manager.stopped == []  # not at once
        await asyncio.sleep(0.2)
        await asyncio.gather(*app._stopping)

    asyncio.run(close_tab())
    assert app.kernel_manager.stopped == ["1"]
