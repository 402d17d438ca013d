"""The hub's events as open data: each member's イベント一覧 in the standard layout."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from toshiken.hub.dates import JST
from toshiken.hub.orm import ItemRow
from toshiken.opendata.catalog import member_name
from toshiken.opendata.model import Cell, Dataset, Table
from toshiken.opendata.standard import (
    EVENT_FIELDS,
    EVENT_STANDARD,
    EVENT_SUFFIX,
    EVENT_TITLE,
    file_stem,
    local_government_name,
)
from toshiken.vision.model import Municipality, Vision

ID_LENGTH = 16
"""Hex digits of the page's key hash kept as the event's ID (unique within a member)."""


@dataclass(frozen=True)
class Event:
    """What the hub knows of one event page, as stored."""

    key_hash: str
    title: str
    lead: str
    url: str
    starts: datetime
    ends: datetime | None
    location: str
    first_seen: datetime


def _date(moment: datetime | None) -> str | None:
    return moment.astimezone(JST).date().isoformat() if moment else None


def _time(moment: datetime | None, all_day: bool) -> str | None:
    if moment is None or all_day:
        return None
    local = moment.astimezone(JST)
    return f"{local:%H:%M}"


def all_day(event: Event) -> bool:
    """A start at midnight (Japan time) names a day, not a time, as the hub's pages read it."""
    local = event.starts.astimezone(JST)
    return (local.hour, local.minute, local.second) == (0, 0, 0)


def event_row(member: Municipality, event: Event) -> tuple[Cell, ...]:
    """One event in EVENT_FIELDS order; what the hub does not know stays empty."""
    day = all_day(event)
    ends_day = day and (event.ends is None or event.ends.astimezone(JST).time().hour == 0)
    cells: dict[str, Cell] = {
        "全国地方公共団体コード": member.code,
        "ID": event.key_hash[:ID_LENGTH],
        "地方公共団体名": local_government_name(member.code, member.name),
        "イベント名": event.title,
        "開始日": _date(event.starts),
        "終了日": _date(event.ends),
        "開始時間": _time(event.starts, day),
        "終了時間": _time(event.ends, ends_day),
        "説明": event.lead or None,
        "場所名称": event.location or None,
        "URL": event.url,
    }
    return tuple(cells.get(f.name) for f in EVENT_FIELDS)


def stored_events(session: Session, codes: Sequence[str]) -> dict[str, list[Event]]:
    """Each member's stored events in order of start, one per page (one query for all)."""
    rows = session.execute(
        select(ItemRow.municipality, ItemRow.key_hash, ItemRow.title, ItemRow.lead, ItemRow.url,
               ItemRow.starts, ItemRow.ends, ItemRow.location, ItemRow.first_seen)
        .where(ItemRow.municipality.in_(codes), ItemRow.starts.is_not(None))
        .order_by(ItemRow.municipality, ItemRow.starts, ItemRow.id)
    )  # fmt: skip
    found: dict[str, list[Event]] = {}
    seen: set[tuple[str, str]] = set()
    for code, key, title, lead, url, starts, ends, location, first_seen in rows:
        if starts is None or (code, key[:ID_LENGTH]) in seen:
            continue
        seen.add((code, key[:ID_LENGTH]))
        event = Event(key, title, lead, url, starts, ends, location, first_seen)
        found.setdefault(code, []).append(event)
    return found


def event_dataset(member: Municipality, events: Sequence[Event]) -> Dataset:
    modified = max(e.first_seen for e in events).astimezone(UTC)
    return Dataset(
        file_stem(member.code, EVENT_SUFFIX),
        f"{member.name} {EVENT_TITLE}",
        f"{member.name}のホームページから連携中枢都市圏の情報ハブが集めたイベント"
        "（自治体標準オープンデータセットのイベント一覧の項目で公開。ハブが知らない項目は空欄）。",
        member_name(member),
        Table(EVENT_FIELDS, tuple(event_row(member, e) for e in events), primary_key=("ID",)),
        modified,
        tags=(member.name, "イベント"),
        groups=("events",),
        source=f"{member.name}のホームページ（各行のURL）",
        standard=EVENT_STANDARD,
        extras=(("全国地方公共団体コード", member.code),),
    )


def provide(session: Session, vision: Vision) -> list[Dataset]:
    """Each member with at least one stored event publishes its {code}_event dataset."""
    events = stored_events(session, [m.code for m in vision.municipalities])
    return [event_dataset(m, events[m.code]) for m in vision.municipalities if m.code in events]
