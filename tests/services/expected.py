"""The expected services per municipality, derived independently from the raw document text.

Participant lists and facility tables are read here straight from the vision's text (not through
the reader), and the rules straight from the raw YAML (not through the catalog), so the finder's
answer is checked against a second derivation.
"""

from __future__ import annotations

import re
from functools import cache

import yaml

from tests.conftest import DATA
from toshiken.core.settings import DEFAULT_SOURCE

HUB = "熊本市"
RAW = DEFAULT_SOURCE.read_text(encoding="utf-8").splitlines()


@cache
def members() -> tuple[str, ...]:
    """The 24 names, in the order of the library table (it has a row for every member)."""
    return tuple(row[0] for row in _library_rows())


@cache
def raw_services() -> tuple[dict[str, object], ...]:
    text = (DATA / "services.yaml").read_text(encoding="utf-8")
    return tuple(yaml.safe_load(text)["services"])


@cache
def participants(title_line: int) -> frozenset[str]:
    """The 関係市町村 row that follows an initiative's title line (1-based)."""
    for line in RAW[title_line:]:
        if line.startswith("関係市町村\t"):
            cell = line.split("\t")[1].strip()
            return frozenset(members()) if cell == "全市町村" else frozenset(cell.split("、"))
    raise AssertionError(f"no 関係市町村 after line {title_line}")


@cache
def _library_rows() -> tuple[tuple[str, ...], ...]:
    start = next(n for n, t in enumerate(RAW) if t.startswith("市町村\t公共図書館"))
    rows = []
    for line in RAW[start + 1 :]:
        if line.startswith("※資料"):
            break
        cells = line.split("\t")
        if len(cells) == 5:
            rows.append(tuple(c.strip() for c in cells))
    return tuple(rows)


@cache
def facility_totals(table: str) -> dict[str, int]:
    """Facilities per municipality as the raw text prints them ('-' and absent mean none)."""
    if table == "libraries":
        return {r[0]: sum(int(c) for c in r[1:3] if c.isdigit()) for r in _library_rows()}
    heading = next(n for n, t in enumerate(RAW) if "病児病後児保育施設" in t)
    line = next(t for t in RAW[heading:] if "(" in t and "、" in t)
    return {name: int(n) for name, n in re.findall(r"([^\s、]+?)\s*\((\d+)\)", line)}


def providers(entry: dict[str, object], members_of: frozenset[str]) -> set[str]:
    rule = entry["providers"]
    if isinstance(rule, list):
        found = set(rule)
    elif rule == "hub":
        found = {HUB}
    elif rule == "neighbours":
        found = set(members_of) - {HUB}
    else:
        found = set(members_of)
    facilities = entry.get("facilities")
    if isinstance(facilities, dict):
        totals = facility_totals(str(facilities["table"]))
        found = {p for p in found if totals.get(p, 0) > 0}
    return found


def open_to(entry: dict[str, object], found: set[str], member: str, home: str) -> set[str]:
    """Providers a person belonging to `member` may use, other than their home."""
    others = found - {home}
    if entry.get("access") == "hub-and-neighbours":
        others = {p for p in others if (p == HUB) != (member == HUB)}
    return others


def expected(
    title_lines: dict[str, int], home: str, work: str | None = None
) -> dict[str, set[str]]:
    """service id -> the provider names a resident of `home` may use (empty ids left out)."""
    result: dict[str, set[str]] = {}
    for entry in raw_services():
        members_of = participants(title_lines[str(entry["initiative"])])
        found = providers(entry, members_of)
        if home in members_of:
            usable = open_to(entry, found, home, home)
        elif entry.get("commuters") and work in members_of and work != home:
            usable = open_to(entry, found, str(work), home)
        else:
            usable = set()
        if usable:
            result[str(entry["id"])] = usable
    return result
