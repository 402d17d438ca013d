"""The hub's events in the catalog: each member's {code}_event in the イベント一覧 layout."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

from frictionless import Package, validate

from tests.conftest import DATA
from tests.opendata.conftest import LOADED_AT, SOURCE
from toshiken.core.db import transaction
from toshiken.core.runtime import Runtime
from toshiken.hub.dates import JST
from toshiken.hub.model import Item
from toshiken.hub.opendata import provide
from toshiken.hub.orm import StoryRow
from toshiken.hub.records import item_row, key_hash
from toshiken.opendata.package import DESCRIPTOR, export
from toshiken.opendata.standard import EVENT_FIELDS, EVENT_STANDARD
from toshiken.opendata.store import Publisher
from toshiken.vision.load import load_document

SEEN = datetime(2025, 7, 1, 1, 0, tzinfo=UTC)


def _item(n: int, municipality: str, starts: datetime | None, **kw: object) -> Item:
    return Item(
        key=f"https://www.example.lg.jp/event/{n}", url=f"https://www.example.lg.jp/event/{n}",
        title=f"催し{n}", lead=f"説明{n}", summary_html="", published=SEEN,
        source_id=f"{municipality}-news", municipality=municipality, topics=("観光・イベント",),
        initiatives=(), starts=starts, **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def _store(runtime: Runtime, items: list[Item], seen: datetime = SEEN) -> None:
    with transaction(runtime.sessions) as session:
        for item in items:
            story = StoryRow(key_hash=key_hash(item.key), key=item.key, first_seen=seen,
                             updated=seen, copies=1)  # fmt: skip
            session.add(story)
            session.flush()
            session.add(item_row(item, story.id, True, seen, None))


def test_each_member_with_events_publishes_its_event_list(runtime: Runtime) -> None:
    load_document(runtime.sessions, SOURCE, DATA, now=LOADED_AT)
    publisher = Publisher(runtime.settings, providers=[provide])
    before = publisher.current(runtime.sessions)
    assert before is not None and before.catalog.dataset("432164_event") is None
    _store(runtime, [
        _item(1, "432164", datetime(2025, 8, 2, 10, 30, tzinfo=JST),
              ends=datetime(2025, 8, 2, 15, 0, tzinfo=JST), location="合志市総合センター"),
        _item(2, "432164", datetime(2025, 8, 1, tzinfo=JST)),  # a day, no time
        _item(3, "432164", None),  # news, not an event
        _item(4, "431001", datetime(2025, 9, 1, 9, 0, tzinfo=JST)),
    ])  # fmt: skip
    published = publisher.current(runtime.sessions)
    assert published is not None
    koshi = published.catalog.dataset("432164_event")
    assert koshi is not None and published.catalog.dataset("431001_event") is not None
    assert koshi.organization == "432164-koshi-shi" and koshi.standard == EVENT_STANDARD
    assert koshi.modified == SEEN and koshi.groups == ("events",)
    content = published.file("432164_event.csv")
    assert content is not None and content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert list(rows[0]) == [f.name for f in EVENT_FIELDS]
    assert [r["イベント名"] for r in rows] == ["催し2", "催し1"]  # in order of start
    day, timed = rows
    assert (day["開始日"], day["開始時間"], day["終了日"]) == ("2025-08-01", "", "")
    assert (timed["開始日"], timed["開始時間"], timed["終了時間"]) == (
        "2025-08-02",
        "10:30",
        "15:00",
    )
    assert timed["全国地方公共団体コード"] == "432164" and timed["地方公共団体名"] == "熊本県合志市"
    assert timed["場所名称"] == "合志市総合センター" and timed["URL"].endswith("/event/1")
    assert len({r["ID"] for r in rows}) == 2


def test_the_event_files_validate_against_their_schema(runtime: Runtime, tmp_path: Path) -> None:
    load_document(runtime.sessions, SOURCE, DATA, now=LOADED_AT)
    _store(runtime, [_item(n, "434477", datetime(2025, 10, n, 13, 0, tzinfo=JST))
                     for n in range(1, 4)])  # fmt: skip
    published = Publisher(runtime.settings, providers=[provide]).current(runtime.sessions)
    assert published is not None
    export(published.catalog, tmp_path)
    assert (tmp_path / "434477_event.csv").exists()
    resource = Package(tmp_path / DESCRIPTOR).get_resource("434477_event")
    report = validate(resource)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert [row["開始時間"] for row in resource.read_rows()] == ["13:00"] * 3
