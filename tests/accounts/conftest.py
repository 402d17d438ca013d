"""Fixtures for web tests: an app on a fresh database with the vision and one user per role."""

from __future__ import annotations

import atexit
import re
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import POSTGRES
from toshiken.accounts import store
from toshiken.accounts.model import Actor, Role
from toshiken.accounts.passwords import hasher_for
from toshiken.accounts.signing import COOKIE, csrf_token, unsign_session
from toshiken.core.db import transaction
from toshiken.core.runtime import Runtime
from toshiken.core.settings import Settings
from toshiken.vision.reader import ReadResult
from toshiken.vision.store import save_vision
from toshiken.web import create_app

SECRET = "test-secret-key-for-toshiken"
PASSWORD = "correct horse battery"
KOSHI = "432164"  # 合志市
ARAO = "432041"  # 荒尾市
ROLES = ("anonymous", "viewer", "other_staff", "staff", "secretariat")


@dataclass
class Site:
    """The app under test, its settings and database handles."""

    app: FastAPI
    settings: Settings
    runtime: Runtime

    @property
    def sessions(self) -> sessionmaker[Session]:
        return self.runtime.sessions

    def client(self, role: str = "anonymous") -> TestClient:
        """A browser: signed in as the user of that role (or anonymous), with its session cookie."""
        client = TestClient(self.app)
        client.get("/login")
        if role != "anonymous":
            response = login(client, role)
            assert response.status_code == 303, response.text
        return client


def csrf(client: TestClient) -> str:
    """The CSRF token of the client's current browser session."""
    session_id = unsign_session(SECRET, client.cookies.get(COOKIE))
    assert session_id is not None
    return csrf_token(SECRET, session_id)


def form_token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page has no CSRF field"
    return found.group(1)


def login(client: TestClient, username: str, password: str = PASSWORD) -> object:
    data = {"username": username, "password": password, "csrf_token": csrf(client), "next": ""}
    return client.post("/login", data=data, follow_redirects=False)


def add_users(sessions: sessionmaker[Session], settings: Settings) -> None:
    hashed = hasher_for(settings).hash(PASSWORD)
    actor = Actor(None, "cli:test")
    now = datetime.now(UTC)
    people = [
        ("secretariat", Role.secretariat, None),
        ("viewer", Role.viewer, None),
        ("staff", Role.staff, KOSHI),
        ("other_staff", Role.staff, ARAO),
    ]
    with transaction(sessions) as session:
        for username, role, code in people:
            store.create_user(session, username, username, role, code, hashed, actor, now)


def build_database(url: str, settings: Settings, read_result: ReadResult) -> None:
    """Schema, vision and users: what every web test starts from."""
    runtime = Runtime(settings.model_copy(update={"database_url": url}))
    with transaction(runtime.sessions) as session:
        save_vision(session, read_result.vision, "vision.txt", "0" * 64, datetime.now(UTC))
    add_users(runtime.sessions, settings)
    if url.startswith("sqlite"):
        with runtime.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    runtime.engine.dispose()


_GOLDEN: dict[str, str] = {}
"""Per test process: a built database to copy (a file, or a PostgreSQL template's name)."""


def _fresh_copy(url: str, settings: Settings, read_result: ReadResult, folder: Path) -> None:
    """Fill the empty database at `url` with a copy of the built one (built on first use)."""
    if url.startswith("sqlite"):
        if "sqlite" not in _GOLDEN:
            golden = folder / "golden.sqlite3"
            build_database(f"sqlite:///{golden}", settings, read_result)
            _GOLDEN["sqlite"] = str(golden)
        shutil.copyfile(_GOLDEN["sqlite"], url.removeprefix("sqlite:///"))
        return
    admin = create_engine(POSTGRES or "", isolation_level="AUTOCOMMIT")
    try:
        if "postgresql" not in _GOLDEN:
            name = f"golden_{uuid.uuid4().hex[:12]}"
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            build_database(url.rsplit("/", 1)[0] + f"/{name}", settings, read_result)
            _GOLDEN["postgresql"] = name
            atexit.register(_drop, name)
        target = url.rsplit("/", 1)[1]
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{target}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{target}" TEMPLATE "{_GOLDEN["postgresql"]}"'))
    finally:
        admin.dispose()


def _drop(name: str) -> None:
    admin = create_engine(POSTGRES or "", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def site(
    database_url: str, read_result: ReadResult, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Site]:
    """The app on a database that holds the vision and one user per role."""
    settings = Settings(database_url=database_url, environment="test", secret_key=SECRET)
    _fresh_copy(database_url, settings, read_result, tmp_path_factory.getbasetemp())
    app = create_app(settings)
    runtime: Runtime = app.state.runtime
    yield Site(app, settings, runtime)
    runtime.engine.dispose()
