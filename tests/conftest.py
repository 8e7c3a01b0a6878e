"""Shared fixtures. Every test runs with its own data folder, so nothing touches real data.

In CI (CI=true) a skipped test counts as a failure: a missing tool must be installed by
`make test`, never silently skipped."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from refocus_kit.forms import load_definition
from refocus_kit.store import Store
from tests.support.postgres import PostgresServer, find_pg_bin

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, which must have every tool: {report.longrepr}"


@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory, monkeypatch) -> Path:
    """A fresh data folder per test, also seen by kernels and servers the test starts."""
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("REFOCUS_DATA_DIR", str(folder))
    monkeypatch.delenv("REFOCUS_DATABASE_URL", raising=False)
    return folder


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, driven by Playwright: one browser for a test module."""
    from playwright.sync_api import sync_playwright

    from tests.support.browser import chromium_path

    path = chromium_path()
    if path is None:
        pytest.skip("Debian's chromium is not installed (make test-tools installs it)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def every_kind():
    return load_definition(FIXTURES / "every_kind.yaml")


@pytest.fixture(scope="session")
def postgres():
    bin_dir = find_pg_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed (make test-tools installs it)")
    # Not under pytest's own temporary folder: the `postgres` user must be able to reach it.
    workdir = Path(tempfile.mkdtemp(prefix="refocus-pg-"))
    server = PostgresServer(bin_dir, workdir).start()
    yield server
    server.stop()
    shutil.rmtree(workdir, ignore_errors=True)


def _reset(url: str) -> None:
    from sqlalchemy import create_engine

    from refocus_kit.store.schema import VERSION_TABLE
    from refocus_kit.store.tables import metadata

    engine = create_engine(url)
    metadata.drop_all(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {VERSION_TABLE}")
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, data_dir) -> str:
    """The store's URL on each database the kit supports, empty at the start of the test."""
    if request.param == "sqlite":
        return f"sqlite:///{data_dir / 'test.sqlite3'}"
    server = request.getfixturevalue("postgres")
    _reset(server.url)
    return server.url


@pytest.fixture
def store(store_url):
    store = Store(store_url)
    yield store
    store.close()
