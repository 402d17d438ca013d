"""The audit log: every change with before and after; only the secretariat reads and exports it."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from tests.accounts.conftest import Site
from toshiken.accounts.audit import audit_entries, jsonable, record_change
from toshiken.accounts.model import Actor
from toshiken.core.db import transaction

ACTOR = Actor(7, "tester")
NOW = datetime(2025, 6, 1, tzinfo=UTC)


def test_record_change_kinds_and_no_ops(site: Site) -> None:
    with transaction(site.sessions) as session:
        assert record_change(session, ACTOR, "thing", "a", None, {"v": Decimal("1.5")}, NOW)
        assert record_change(session, ACTOR, "thing", "a", {"v": "1.5"}, {"v": "2"}, NOW)
        assert not record_change(session, ACTOR, "thing", "a", {"v": "2"}, {"v": "2"}, NOW)
        assert record_change(session, ACTOR, "thing", "a", {"v": "2"}, None, NOW)
    with site.sessions() as session:
        entries = audit_entries(session, entity="thing")
    assert [e.action for e in entries] == ["delete", "update", "create"]
    assert entries[2].after == {"v": "1.5"} and entries[1].before == {"v": "1.5"}
    assert entries[0].actor_name == "tester" and entries[0].at == NOW


def test_jsonable() -> None:
    assert jsonable({"d": Decimal("2.50"), "t": NOW, "l": (1, Decimal(2))}) == {
        "d": "2.50",
        "t": NOW.isoformat(),
        "l": [1, "2"],
    }


@pytest.mark.parametrize("path", ["/audit", "/api/audit", "/audit.csv"])
def test_only_the_secretariat_reads_it(site: Site, path: str) -> None:
    for role in ("anonymous", "viewer", "staff"):
        assert site.client(role).get(path).status_code == 403
    assert site.client("secretariat").get(path).status_code == 200


def test_export_and_filters(site: Site) -> None:
    client = site.client("secretariat")
    users = client.get("/api/audit", params={"entity": "user"}).json()
    assert {row["key"] for row in users} == {"secretariat", "viewer", "staff", "other_staff"}
    assert all(row["before"] is None and row["after"]["role"] for row in users)
    csv = client.get("/audit.csv")
    assert csv.text.startswith("\ufeffid,at,actor,action,entity,key")
    assert '""role"": ""staff""' in csv.text
    page = client.get("/audit", params={"actor": "cli:test"})
    assert page.status_code == 200 and "other_staff" in page.text
