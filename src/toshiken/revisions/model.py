"""Published revisions and the draft as typed values."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from toshiken.core.fiscal import era_year
from toshiken.vision.model import Vision

_LONG = re.compile(r"^(平成|令和)(\d+|元)年（(\d{4})年）(\d+)月(策定|改定)$")


@dataclass(frozen=True)
class Revision:
    """A published revision: its number, date, title and the document text that is its data."""

    number: int
    title: str  # e.g. 令和7年3月改定
    dated: date  # the day it took effect (for the loaded document: the 1st of its month)
    published_at: datetime
    published_by: str
    note: str
    text: str  # the vision in the document's own format (vision/render.py)
    reference: str  # municipalities.csv as it stood for this revision
    sha256: str  # of `text`
    dataset_sha256: str  # the hash the vision tables carry while this revision is current


@dataclass(frozen=True)
class Draft:
    """The next revision being edited: the vision as it will be, and what it was based on."""

    base: int  # the revision number the draft started from
    vision: Vision
    updated_at: datetime
    updated_by: str


def short_title(long: str) -> str:
    """令和7年（2025年）3月改定 -> 令和7年3月改定 (other forms are kept as they are)."""
    match = _LONG.match(long)
    if not match:
        return long
    era, year, _, month, kind = match.groups()
    return f"{era}{year}年{month}月{kind}"


def revision_date(long: str) -> date | None:
    """令和7年（2025年）3月改定 -> 2025-03-01."""
    match = _LONG.match(long)
    return date(int(match.group(3)), int(match.group(4)), 1) if match else None


def long_title(day: date, kind: str = "改定") -> str:
    """2026-01-15 -> 令和8年（2026年）1月改定, the form of the back cover's history."""
    era, year = era_year(day.year, day.month, day.day)
    number = "元" if year == 1 else str(year)
    return f"{era}{number}年（{day.year}年）{day.month}月{kind}"
