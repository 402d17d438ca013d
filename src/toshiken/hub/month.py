"""The month view of the events calendar: weeks from Sunday, each day with its events (pure)."""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from toshiken.hub.dates import JST

WEEKDAYS = ("日", "月", "火", "水", "木", "金", "土")  # Sunday first, as Japanese calendars are


@dataclass(frozen=True)
class Day:
    day: date
    in_month: bool
    events: tuple[Mapping[str, Any], ...]  # rows.item_row of events starting that day

    @property
    def weekday(self) -> str:
        return WEEKDAYS[(self.day.weekday() + 1) % 7]


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    weeks: tuple[tuple[Day, ...], ...]

    @property
    def previous(self) -> tuple[int, int]:
        return (self.year - 1, 12) if self.month == 1 else (self.year, self.month - 1)

    @property
    def following(self) -> tuple[int, int]:
        return (self.year + 1, 1) if self.month == 12 else (self.year, self.month + 1)

    @property
    def days_with_events(self) -> list[Day]:
        return [d for week in self.weeks for d in week if d.in_month and d.events]

    @property
    def count(self) -> int:
        return sum(len(d.events) for d in self.days_with_events)


def start_day(row: Mapping[str, Any]) -> date | None:
    """The JST date an event row starts on."""
    event = row.get("event") or {}
    starts = event.get("starts")
    return datetime.fromisoformat(starts).astimezone(JST).date() if starts else None


def month_view(year: int, month: int, events: Sequence[Mapping[str, Any]]) -> Month:
    """Weeks (Sunday to Saturday) covering the month; each day with the events starting on it."""
    by_day: dict[date, list[Mapping[str, Any]]] = {}
    for row in events:
        day = start_day(row)
        if day is not None:
            by_day.setdefault(day, []).append(row)
    weeks = calendar.Calendar(firstweekday=6).monthdatescalendar(year, month)
    return Month(
        year,
        month,
        tuple(
            tuple(Day(d, d.month == month, tuple(by_day.get(d, ()))) for d in week)
            for week in weeks
        ),
    )
