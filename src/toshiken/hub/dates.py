"""Japanese dates in free text: 和暦 (令和7年4月1日, R7.4.1, 元年), 西暦 and full-width digits."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta, timezone

JST = timezone(timedelta(hours=9), "JST")

# era name, initial, offset (western year = offset + era year), first day
ERAS: tuple[tuple[str, str, int, date], ...] = (
    ("令和", "R", 2018, date(2019, 5, 1)),
    ("平成", "H", 1988, date(1989, 1, 8)),
    ("昭和", "S", 1925, date(1926, 12, 25)),
    ("大正", "T", 1911, date(1912, 7, 30)),
    ("明治", "M", 1867, date(1868, 1, 25)),
)
_BY_NAME = {name: offset for name, _, offset, _ in ERAS}
_BY_INITIAL = {initial: offset for _, initial, offset, _ in ERAS}

_ERA_NAMES = "|".join(_BY_NAME)
_TIME = r"(?:\s*(?:\([^)]{1,3}\))?\s*(?:午前|午後)?\s*(?P<h>\d{1,2})(?:時|:)(?P<mi>\d{1,2})?分?)?"
_PATTERNS = (
    # 令和7年4月1日, 令和元年5月1日
    re.compile(
        rf"(?P<era>{_ERA_NAMES})\s*(?P<y>\d{{1,2}}|元)\s*年\s*(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*日"
        + _TIME
    ),
    # R7.4.1, R07/04/01, H31-4-30
    re.compile(
        r"(?<![A-Za-z])(?P<ini>[RHSTM])\s*(?P<y>\d{1,2}|元)[./\-](?P<m>\d{1,2})[./\-](?P<d>\d{1,2})"
        + _TIME
    ),
    # 2025年4月1日
    re.compile(r"(?P<wy>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日" + _TIME),
    # 2025/4/1, 2025-04-01, 2025.4.1
    re.compile(
        r"(?<!\d)(?P<wy>\d{4})[./\-](?P<m>\d{1,2})[./\-](?P<d>\d{1,2})(?!\d)(?:T|\s)?" + _TIME
    ),
    # 4月1日 (year from context)
    re.compile(r"(?<!\d)(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日" + _TIME),
)
_ERA_YEAR = re.compile(rf"(?P<era>{_ERA_NAMES})\s*(?P<y>\d{{1,2}}|元)\s*(?P<unit>年度|年)")


def era_year(era: str, year: str) -> int:
    """令和, "7" -> 2025; "元" is year 1; an initial (R, H …) works too."""
    offset = _BY_NAME.get(era) or _BY_INITIAL[era.upper()]
    return offset + (1 if year == "元" else int(year))


def _match_to_datetime(match: re.Match[str], now: datetime | None) -> datetime | None:
    groups = match.groupdict()
    month, day = int(groups["m"]), int(groups["d"])
    if groups.get("era"):
        year = era_year(groups["era"], groups["y"])
    elif groups.get("ini"):
        year = era_year(groups["ini"], groups["y"])
    elif groups.get("wy"):
        year = int(groups["wy"])
    elif now is not None:
        # A list shows recent items: a date more than two months ahead is last year's.
        year = now.year
        try:
            if datetime(year, month, day, tzinfo=JST) > now + timedelta(days=62):
                year -= 1
        except ValueError:
            return None
    else:
        return None
    hour = int(groups["h"]) if groups.get("h") else 0
    if "午後" in match.group(0) and hour < 12:
        hour += 12
    minute = int(groups["mi"]) if groups.get("mi") else 0
    try:
        return datetime(year, month, day, hour, minute, tzinfo=JST)
    except ValueError:
        return None


def parse_date(text: str, now: datetime | None = None) -> datetime | None:
    """The first Japanese or ISO-like date in `text`, in JST; None when there is none.

    `now` lets a bare 4月1日 get its year; without it such text gives None.

    >>> parse_date("令和７年４月１日（火）更新").isoformat()
    '2025-04-01T00:00:00+09:00'
    """
    text = unicodedata.normalize("NFKC", text)
    best: tuple[int, datetime] | None = None
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            value = _match_to_datetime(match, now)
            if value is not None:
                if best is None or match.start() < best[0]:
                    best = (match.start(), value)
                break
    return best[1] if best else None


def to_western_years(text: str) -> str:
    """Rewrite 和暦 years as 西暦 so that 令和7年 and 2025年 compare equal (text already NFKC)."""
    return _ERA_YEAR.sub(lambda m: f"{era_year(m['era'], m['y'])}{m['unit']}", text)


def canonical_dates(text: str) -> str:
    """Rewrite every date as digits (20250914, or 0914 without a year) so that 令和7年9月14日,
    R7.9.14 and 2025/9/14 read the same (text already NFKC)."""
    for pattern in _PATTERNS:
        text = pattern.sub(_canonical, text)
    return text


def _canonical(match: re.Match[str]) -> str:
    groups = match.groupdict()
    month, day = int(groups["m"]), int(groups["d"])
    if groups.get("era"):
        return f"{era_year(groups['era'], groups['y'])}{month:02d}{day:02d}"
    if groups.get("ini"):
        return f"{era_year(groups['ini'], groups['y'])}{month:02d}{day:02d}"
    if groups.get("wy"):
        return f"{groups['wy']}{month:02d}{day:02d}"
    return f"{month:02d}{day:02d}"
