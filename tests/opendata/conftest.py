"""Fixtures for the open-data tests: the catalog in memory, and a live server over a loaded DB."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import uvicorn
from fastapi import FastAPI

from tests.conftest import DATA, _postgres_database
from toshiken.core.runtime import Runtime
from toshiken.core.settings import Settings
from toshiken.opendata.catalog import build_catalog
from toshiken.opendata.model import Catalog
from toshiken.opendata.routes import router
from toshiken.vision.load import load_document
from toshiken.vision.model import Vision
from toshiken.vision.reader import ReadResult
from toshiken.web import create_app

LOADED_AT = datetime(2025, 4, 1, 0, 30, tzinfo=UTC)
"""The load time the live server's database records: every dataset's last-modified time."""
SOURCE = DATA / "vision-2025-03.txt"


@pytest.fixture(scope="session")
def vision(read_result: ReadResult) -> Vision:
    return read_result.vision


@pytest.fixture(scope="session")
def catalog(vision: Vision) -> Catalog:
    return build_catalog(vision, LOADED_AT)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def loaded_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A database with the document loaded at LOADED_AT, shared by a module's tests."""
    postgres = _postgres_database() if request.param == "postgresql" else None
    if postgres is None:
        url = f"sqlite:///{tmp_path_factory.mktemp('opendata') / 'loaded.sqlite3'}"
    else:
        url = next(postgres)
    runtime = Runtime(Settings(database_url=url))
    load_document(runtime.sessions, SOURCE, DATA, now=LOADED_AT)
    runtime.engine.dispose()
    yield url
    if postgres is not None:
        postgres.close()


def _serve(app: FastAPI) -> Iterator[str]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        app.state.runtime.engine.dispose()


@pytest.fixture(scope="module")
def live(loaded_url: str) -> Iterator[str]:
    """The whole web app served by uvicorn on 127.0.0.1 (a free port); yields its base URL."""
    yield from _serve(create_app(Settings(database_url=loaded_url)))


@pytest.fixture(scope="module")
def bare(loaded_url: str) -> Iterator[str]:
    """Only this feature's routes, without the other features' middleware."""
    app = FastAPI()
    app.state.runtime = Runtime(Settings(database_url=loaded_url))
    app.include_router(router)
    yield from _serve(app)
