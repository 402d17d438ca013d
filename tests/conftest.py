"""Shared fixtures: the embedded document, a fresh database per test on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from toshiken.core.runtime import Runtime
from toshiken.core.settings import DEFAULT_SOURCE, Settings
from toshiken.vision.reader import ReadResult, read_vision

DATA = DEFAULT_SOURCE.parent
POSTGRES = os.environ.get("TOSHIKEN_TEST_POSTGRES_URL")


@pytest.fixture(scope="session")
def vision_text() -> str:
    return DEFAULT_SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def reference_text() -> str:
    return (DATA / "municipalities.csv").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def read_result(vision_text: str, reference_text: str) -> ReadResult:
    return read_vision(vision_text, reference_text, source_name=DEFAULT_SOURCE.name)


def _postgres_database() -> Iterator[str]:
    if not POSTGRES:
        pytest.skip("TOSHIKEN_TEST_POSTGRES_URL is not set (make test starts a cluster)")
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield POSTGRES.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"
    else:
        yield from _postgres_database()


@pytest.fixture
def runtime(database_url: str) -> Iterator[Runtime]:
    rt = Runtime(Settings(database_url=database_url))
    yield rt
    rt.engine.dispose()
