"""The read pages: the seeded tourism register, filters, English, the summary, unknown keys."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.accounts.conftest import ARAO, KOSHI, Site
from toshiken.accounts.model import Actor
from toshiken.core.db import transaction
from toshiken.registers import store
from toshiken.registers.model import Register
from toshiken.registers.validate import Cleaned


def test_the_index_lists_six_registers_and_the_seeded_tourism(site: Site) -> None:
    client = site.client()
    index = client.get("/api/registers").json()
    assert [(r["key"], r["entries"]) for r in index] == [
        ("lectures", 0), ("host_farms", 0), ("tourism", 54), ("sightings", 0),
        ("food_drives", 0), ("declared_shops", 0),
    ]  # fmt: skip
    page = client.get("/registers")
    assert page.status_code == 200 and 'href="/registers" aria-current="page"' in page.text
    assert "観光資源・観光ルート" in page.text
    assert client.get("/api/registers").json() == index  # seeded once, not again


def test_filters_by_municipality_kind_and_words(site: Site) -> None:
    client = site.client()
    museums = client.get("/api/registers/tourism", params={"kind": "博物館・資料館"}).json()
    assert len(museums["entries"]) == 16 and museums["filters"] == {"kind": "博物館・資料館"}
    wamizu = client.get("/api/registers/tourism", params={"municipality": "433691"}).json()
    assert [e["name"] for e in wamizu["entries"]] == [
        "江田船山古墳公園・肥後民家村", "金栗四三の生家", "和水町歴史民俗資料館",
        "田中城ミニミュージアム",
    ]  # fmt: skip
    words = client.get("/api/registers/tourism", params={"q": "熊本　美術館"}).json()
    assert [e["name"] for e in words["entries"]] == ["熊本県立美術館", "熊本市現代美術館"]
    page = client.get(
        "/registers/tourism", params={"kind": "博物館・資料館", "municipality": KOSHI}
    )
    assert "合志マンガミュージアム" in page.text and "弁天山公園" not in page.text
    header = page.text[page.text.index("<thead>") : page.text.index("</thead>")]
    assert header.count('<th scope="col">') == 10  # municipality and the nine public fields
    assert "export.csv?municipality=432164&amp;kind=" in page.text


def test_english_pages(site: Site) -> None:
    page = site.client().get("/registers/tourism", params={"lang": "en"})
    assert '<html lang="en">' in page.text
    assert "Tourism resources and routes" in page.text and ">Filter<" in page.text
    assert ">Registers<" in page.text


def test_the_summary_counts_public_fields(site: Site, registers: dict[str, Register]) -> None:
    client = site.client()
    client.get("/registers")
    rows = [(KOSHI, "アライグマ", "2025-05-03", 2), (KOSHI, "アライグマ", "2025-05-20", 1),
            (ARAO, "イノシシ", "2025-06-09", 4)]  # fmt: skip
    with transaction(site.sessions) as session:
        for code, species, day, count in rows:
            values = {"species": species, "date": day, "count": count, "address": "x"}
            store.create(session, registers["sightings"], Cleaned(code, values),  # type: ignore[arg-type]
                         Actor(None, "test"), datetime.now(UTC))  # fmt: skip
    summary = client.get("/api/registers/sightings/summary").json()
    assert summary["total"] == {"entries": 3, "total": 7}
    assert summary["by_group"]["アライグマ"] == {"entries": 2, "total": 3}
    page = client.get("/registers/sightings/summary")
    assert page.status_code == 200 and '<svg xmlns="http://www.w3.org/2000/svg"' in page.text
    assert "<caption>月別・種類別の件数</caption>" in page.text
    assert client.get("/registers/tourism/summary").status_code == 404


def test_unknown_registers_and_entries_are_404(site: Site) -> None:
    client = site.client()
    assert client.get("/registers/unknown").status_code == 404
    assert client.get("/api/registers/sightings/99999").status_code == 404
    assert client.get("/registers/tourism/export.pdf").status_code in (404, 422)
