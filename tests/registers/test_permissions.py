"""Who may write what: staff their own municipality, the secretariat all; the rest get 403 and
nothing changes (entries and audit log alike)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from tests.accounts.conftest import ARAO, KOSHI, Site, csrf
from toshiken.accounts.model import Actor
from toshiken.accounts.orm import AuditRow
from toshiken.core.db import transaction
from toshiken.registers import store
from toshiken.registers.model import Register
from toshiken.registers.orm import RegisterEntryRow
from toshiken.registers.validate import Cleaned

SIGHTING = {"species": "アライグマ", "date": "2025-06-01", "address": "荒尾市本井手"}


def snapshot(site: Site) -> tuple[object, ...]:
    site.client().get("/registers")  # the first visit seeds the registers: before any snapshot
    with site.sessions() as session:
        entries = sorted(
            (r.id, r.register, r.municipality_code, str(sorted(r.data.items())))
            for r in session.scalars(select(RegisterEntryRow))
        )
        audit = session.scalar(select(func.count()).select_from(AuditRow))
    return (entries, audit)


def add(site: Site, register: Register, code: str, values: dict[str, str]) -> int:
    site.client().get("/registers")  # seeds the registers first, as any first visit does
    with transaction(site.sessions) as session:
        return store.create(session, register, Cleaned(code, dict(values)), Actor(None, "test"),
                            datetime.now(UTC))  # fmt: skip


def test_staff_add_their_own_municipalitys_entries(site: Site) -> None:
    client = site.client("staff")  # 合志市
    form = {"csrf_token": csrf(client), "municipality_code": KOSHI, **SIGHTING}
    response = client.post("/registers/sightings/new", data=form, follow_redirects=False)
    assert response.status_code == 303
    entry = client.get(
        response.headers["location"].split("?")[0].replace("/registers", "/api/registers")
    ).json()
    assert entry["municipality_code"] == KOSHI and entry["address"] == "荒尾市本井手"
    log = client.get("/api/audit", params={"entity": "register:sightings"})
    assert log.status_code == 403  # only the secretariat reads the log
    log = site.client("secretariat").get("/api/audit", params={"entity": "register:sightings"})
    assert [(e["action"], e["actor"]) for e in log.json()] == [("create", "staff")]


@pytest.mark.parametrize("role", ["anonymous", "viewer", "staff"])
def test_who_may_not_create_for_arao_changes_nothing(site: Site, role: str) -> None:
    client = site.client(role)
    before = snapshot(site)
    form = {"municipality_code": ARAO, **SIGHTING}
    if role != "anonymous":
        form["csrf_token"] = csrf(client)
    response = client.post("/registers/sightings/new", data=form, follow_redirects=False)
    assert response.status_code == 403
    response = client.post("/api/registers/sightings", json=form,
                           headers={"X-CSRF-Token": form.get("csrf_token", "")})  # fmt: skip
    assert response.status_code == 403
    assert snapshot(site) == before


def test_staff_cannot_edit_move_or_delete_another_municipalitys_entry(
    site: Site, registers: dict[str, Register]
) -> None:
    arao = add(site, registers["sightings"], ARAO, SIGHTING)
    koshi = add(site, registers["sightings"], KOSHI, SIGHTING)
    client = site.client("staff")
    token = csrf(client)
    before = snapshot(site)
    edit = {"csrf_token": token, "municipality_code": KOSHI, **SIGHTING, "count": "5"}
    attempts = [
        client.get(f"/registers/sightings/{arao}/edit"),
        client.post(f"/registers/sightings/{arao}/edit", data=edit),
        client.post(f"/registers/sightings/{arao}/delete", data={"csrf_token": token}),
        client.put(f"/api/registers/sightings/{arao}", json=edit, headers={"X-CSRF-Token": token}),
        client.delete(f"/api/registers/sightings/{arao}", headers={"X-CSRF-Token": token}),
        # their own entry, moved to another municipality
        client.post(f"/registers/sightings/{koshi}/edit", data={**edit, "municipality_code": ARAO}),
    ]
    assert [r.status_code for r in attempts] == [403] * len(attempts)
    assert snapshot(site) == before
    page = client.get(f"/registers/sightings/{arao}")
    assert page.status_code == 200 and f"/registers/sightings/{arao}/edit" not in page.text


def test_the_secretariat_edits_and_deletes_every_entry(
    site: Site, registers: dict[str, Register]
) -> None:
    arao = add(site, registers["sightings"], ARAO, SIGHTING)
    client = site.client("secretariat")
    token = csrf(client)
    edit = {"csrf_token": token, "municipality_code": ARAO, **SIGHTING, "count": "5"}
    assert (
        client.post(
            f"/registers/sightings/{arao}/edit", data=edit, follow_redirects=False
        ).status_code
        == 303
    )
    assert client.get(f"/api/registers/sightings/{arao}").json()["count"] == 5
    assert client.post(f"/registers/sightings/{arao}/delete", data={"csrf_token": token},
                       follow_redirects=False).status_code == 303  # fmt: skip
    assert client.get(f"/api/registers/sightings/{arao}").status_code == 404
    log = client.get("/api/audit", params={"entity": "register:sightings"}).json()
    assert [e["action"] for e in log] == ["delete", "update", "create"]
    assert "count" not in log[1]["before"]
    assert log[1]["after"]["count"] == 5


def test_a_bad_form_shows_every_error_and_saves_nothing(site: Site) -> None:
    client = site.client("staff")
    before = snapshot(site)
    form = {"csrf_token": csrf(client), "municipality_code": KOSHI, "species": "アライグマ",
            "date": "2025-06-01", "latitude": "130.7", "longitude": "32.8"}  # fmt: skip
    response = client.post("/registers/sightings/new", data=form)
    assert response.status_code == 400
    assert 'href="#field-latitude"' in response.text and 'id="field-latitude"' in response.text
    assert "熊本県内の緯度ではありません" in response.text
    assert 'aria-invalid="true"' in response.text
    response = client.post(
        "/api/registers/sightings", json=form, headers={"X-CSRF-Token": form["csrf_token"]}
    )
    assert response.status_code == 400
    assert {e["field"] for e in response.json()["errors"]} == {"latitude", "longitude"}
    assert snapshot(site) == before
