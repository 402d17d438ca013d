"""Fixtures for the cost tests: the members, the population table, a database and the web app."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.accounts.conftest import SECRET, add_users, login
from tests.conftest import DATA
from toshiken.core.db import transaction
from toshiken.core.runtime import Runtime
from toshiken.core.settings import Settings
from toshiken.costs.catalog import RULES_FILE, Catalog, catalog_from_text
from toshiken.costs.model import PopulationSet
from toshiken.vision.model import Vision
from toshiken.vision.reader import ReadResult
from toshiken.vision.store import save_vision
from toshiken.web import create_app

# code, name, population (熊本県推計人口調査, 1 October 2024, as printed in the vision)
MEMBERS: tuple[tuple[str, str, int], ...] = (
    ("431001", "熊本市", 737409),
    ("432041", "荒尾市", 48294),
    ("432067", "玉名市", 61464),
    ("432083", "山鹿市", 46186),
    ("432105", "菊池市", 45036),
    ("432113", "宇土市", 35340),
    ("432130", "宇城市", 55106),
    ("432148", "阿蘇市", 23550),
    ("432164", "合志市", 63892),
    ("433489", "美里町", 8323),
    ("433641", "玉東町", 4939),
    ("433675", "南関町", 8187),
    ("433683", "長洲町", 14708),
    ("433691", "和水町", 8609),
    ("434035", "大津町", 35997),
    ("434043", "菊陽町", 44450),
    ("434281", "高森町", 5421),
    ("434329", "西原村", 6731),
    ("434337", "南阿蘇村", 9503),
    ("434418", "御船町", 16621),
    ("434426", "嘉島町", 10032),
    ("434434", "益城町", 33261),
    ("434442", "甲佐町", 9625),
    ("434477", "山都町", 12041),
)
CODE = {name: code for code, name, _ in MEMBERS}
HUB = CODE["熊本市"]


@pytest.fixture
def population() -> PopulationSet:
    return PopulationSet(
        name="熊本県推計人口調査（2024-10-01）",
        as_of=date(2024, 10, 1),
        source="熊本県推計人口調査",
        populations={code: people for code, _, people in MEMBERS},
    )


@pytest.fixture
def names() -> dict[str, str]:
    return {code: name for code, name, _ in MEMBERS}


@pytest.fixture(scope="session")
def vision(read_result: ReadResult) -> Vision:
    return read_result.vision


@pytest.fixture(scope="session")
def catalog(vision: Vision) -> Catalog:
    return catalog_from_text((DATA / RULES_FILE).read_text(encoding="utf-8"), vision)


def _store_vision(runtime: Runtime, vision: Vision) -> None:
    with transaction(runtime.sessions) as session:
        save_vision(session, vision, "vision.txt", "0" * 64, datetime.now(UTC))


@pytest.fixture
def loaded(database_url: str, vision: Vision) -> Iterator[Runtime]:
    """A runtime over a fresh database (SQLite and PostgreSQL) with the vision stored."""
    runtime = Runtime(Settings(database_url=database_url))
    _store_vision(runtime, vision)
    yield runtime
    runtime.engine.dispose()


@dataclass
class Web:
    """The app under test over a database with the vision and one user per role."""

    app: FastAPI
    runtime: Runtime

    def client(self, role: str = "anonymous") -> TestClient:
        """A browser with its session cookie, signed in as that role's user unless anonymous."""
        client = TestClient(self.app)
        client.get("/login")
        if role != "anonymous":
            response = login(client, role)
            assert response.status_code == 303, response.text
        return client


@pytest.fixture
def web(database_url: str, vision: Vision) -> Iterator[Web]:
    settings = Settings(database_url=database_url, environment="test", secret_key=SECRET)
    app = create_app(settings)
    runtime: Runtime = app.state.runtime
    _store_vision(runtime, vision)
    add_users(runtime.sessions, settings)
    yield Web(app, runtime)
    runtime.engine.dispose()
