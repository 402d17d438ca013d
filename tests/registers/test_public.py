"""The public never receives an internal field: not in HTML, JSON, CSV, Excel or open data.

Every internal field of every register holds a sentinel; the anonymous reader's every output is
searched for it. A signed-in viewer, who may read internal fields, does receive it: the check
can fail.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tests.accounts.conftest import ARAO, KOSHI, Site
from tests.registers.conftest import SENTINEL
from toshiken.accounts.model import Actor
from toshiken.core.db import transaction
from toshiken.registers import store
from toshiken.registers.model import FieldSpec, Register
from toshiken.registers.validate import Cleaned

PUBLIC_VALUES = {"choice": None, "date": "2025-06-01", "time": "08:15", "integer": 3,
                 "decimal": "1.5", "latitude": "32.88", "longitude": "130.79",
                 "url": "https://example.jp/", "boolean": True}  # fmt: skip


def _value(spec: FieldSpec) -> object:
    if spec.type == "choice":
        return spec.choices[0]
    return PUBLIC_VALUES.get(spec.type, f"公開の{spec.label}")


def _internal(spec: FieldSpec) -> object:
    """The sentinel where text fits; otherwise a value unlikely anywhere else."""
    return {"latitude": "32.123457", "longitude": "130.987654"}.get(spec.type, SENTINEL)


def fill(site: Site, registers: dict[str, Register]) -> dict[str, int]:
    site.client().get("/registers")
    ids = {}
    with transaction(site.sessions) as session:
        for register in registers.values():
            values = {f.key: (_value(f) if f.public else _internal(f)) for f in register.fields}
            ids[register.key] = store.create(
                session,
                register,
                Cleaned(KOSHI, values),
                Actor(None, "test"),
                datetime.now(UTC),  # type: ignore[arg-type]
            )
            store.create(
                session, register, Cleaned(ARAO, values), Actor(None, "test"), datetime.now(UTC)
            )  # type: ignore[arg-type]
    return ids


SECRETS = (SENTINEL, "32.123457", "130.987654")


def outputs(
    client: TestClient, registers: dict[str, Register], ids: dict[str, int]
) -> dict[str, bytes]:
    found: dict[str, bytes] = {}

    def get(path: str, **params: str) -> None:
        response = client.get(path, params=params)
        assert response.status_code == 200, (path, response.status_code)
        found[f"{path}?{params}"] = response.content

    get("/registers")
    get("/api/registers")
    get("/registers?lang=en")
    for key, entry_id in ids.items():
        entry = f"/registers/{key}/{entry_id}"
        for path in (f"/registers/{key}", f"/api/registers/{key}", entry, f"/api{entry}",
                     f"/registers/{key}/export.csv"):  # fmt: skip
            get(path)
        get(f"/registers/{key}", lang="en")
        get(f"/api/registers/{key}", q=SENTINEL[:8])  # a search must not match internal values
        xlsx = client.get(f"/registers/{key}/export.xlsx")
        book = load_workbook(io.BytesIO(xlsx.content))
        found[f"{key}.xlsx"] = repr(
            [list(r) for r in book.active.iter_rows(values_only=True)]
        ).encode()  # type: ignore[union-attr]
        if registers[key].summary:
            get(f"/registers/{key}/summary")
            get(f"/api/registers/{key}/summary")
        name = f"kumamoto-renkei_register-{key.replace('_', '-')}"
        get("/api/3/action/package_show", id=name)
        get(f"/opendata/dataset/{name}")
        for fmt in ("csv", "json"):
            get(f"/opendata/files/{name}.{fmt}")
    get("/opendata/files/datapackage.json")
    bulk = client.get("/api/3/action/package_list").json()
    assert any(n.startswith("kumamoto-renkei_register-") for n in bulk["result"])
    return found


def leaks(found: dict[str, bytes]) -> list[str]:
    return [place for place, body in found.items()
            for secret in SECRETS if secret.encode() in body]  # fmt: skip


def test_anonymous_never_receives_an_internal_field(
    site: Site, registers: dict[str, Register]
) -> None:
    ids = fill(site, registers)
    found = outputs(site.client(), registers, ids)
    assert len(found) == 78
    assert leaks(found) == []
    # and the public fields are there
    assert "公開の農家・法人名".encode() in found["/registers/host_farms?{}"]
    assert b"432164" in found["/registers/sightings/export.csv?{}"]
    entry = site.client().get(f"/api/registers/sightings/{ids['sightings']}").json()
    assert set(entry) == {"id", "municipality_code", "municipality", "species", "date", "time",
                          "count", "damage", "updated_at"}  # fmt: skip
    assert (
        site.client().get("/api/registers/host_farms", params={"q": SENTINEL}).json()["entries"]
        == []
    )


def test_the_bulk_zip_holds_no_internal_field(site: Site, registers: dict[str, Register]) -> None:
    fill(site, registers)
    client = site.client()
    shown = client.get(
        "/api/3/action/package_show", params={"id": "kumamoto-renkei_register-sightings"}
    )
    names = [r["url"].rsplit("/", 1)[1] for r in shown.json()["result"]["resources"]]
    assert names == [
        "kumamoto-renkei_register-sightings.csv",
        "kumamoto-renkei_register-sightings.json",
    ]
    page = client.get("/opendata").text
    archive = next(
        part.split('"')[0] for part in page.split('href="') if part.split('"')[0].endswith(".zip")
    )
    data = client.get(archive).content
    with zipfile.ZipFile(io.BytesIO(data)) as bundle:
        members = [n for n in bundle.namelist() if "register-" in n]
        assert members
        assert all(s.encode() not in bundle.read(n) for n in bundle.namelist() for s in SECRETS)


def test_a_signed_in_viewer_reads_internal_fields(
    site: Site, registers: dict[str, Register]
) -> None:
    ids = fill(site, registers)
    viewer = site.client("viewer")
    assert SENTINEL.encode() in viewer.get(f"/registers/sightings/{ids['sightings']}").content
    assert SENTINEL in viewer.get(f"/api/registers/sightings/{ids['sightings']}").json()["reporter"]
    assert SENTINEL.encode() in viewer.get("/registers/sightings/export.csv").content
    # open data stays public whoever asks
    name = "kumamoto-renkei_register-sightings"
    assert SENTINEL.encode() not in viewer.get(f"/opendata/files/{name}.csv").content
