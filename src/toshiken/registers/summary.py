"""An area-wide count of a register's entries by group (e.g. species), month and municipality."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from toshiken.registers.model import Entry, Register


@dataclass(frozen=True)
class Counts:
    """Entries, and the sum of the count field (e.g. animals) where the register declares one."""

    entries: int = 0
    total: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.entries + other.entries, self.total + other.total)


@dataclass(frozen=True)
class Tally:
    """The counts of one register, keyed by (group, month) and by (municipality code, group)."""

    groups: tuple[str, ...]  # the vocabulary's order
    months: tuple[str, ...]  # YYYY-MM, ascending, only months with entries
    municipalities: tuple[str, ...]  # codes with entries, in the members' order
    by_month: dict[tuple[str, str], Counts]
    by_municipality: dict[tuple[str, str], Counts]
    has_total: bool

    def group_total(self, group: str) -> Counts:
        return sum((c for (g, _), c in self.by_month.items() if g == group), Counts())

    def month_total(self, month: str) -> Counts:
        return sum((c for (_, m), c in self.by_month.items() if m == month), Counts())

    def municipality_total(self, code: str) -> Counts:
        return sum((c for (m, _), c in self.by_municipality.items() if m == code), Counts())

    @property
    def total(self) -> Counts:
        return sum(self.by_month.values(), Counts())


def tally(register: Register, entries: list[Entry], members: Mapping[str, str]) -> Tally:
    """Count the entries; an entry without a date or group is left out (both are required)."""
    if register.summary is None:
        raise ValueError(f"{register.key} declares no summary")
    spec = register.summary
    group_field = register.field(spec.group)
    groups = group_field.choices if group_field else ()
    entries_by: Counter[tuple[str, str, str]] = Counter()
    totals_by: Counter[tuple[str, str, str]] = Counter()
    for entry in entries:
        group, day = entry.values.get(spec.group), entry.values.get(spec.date)
        if not isinstance(group, str) or not isinstance(day, str):
            continue
        key = (group, day[:7], entry.municipality_code)
        entries_by[key] += 1
        amount = entry.values.get(spec.count) if spec.count else None
        totals_by[key] += amount if isinstance(amount, int) and not isinstance(amount, bool) else 0
    by_month: dict[tuple[str, str], Counts] = {}
    by_municipality: dict[tuple[str, str], Counts] = {}
    for (group, month, code), n in entries_by.items():
        counts = Counts(n, totals_by[(group, month, code)])
        by_month[(group, month)] = by_month.get((group, month), Counts()) + counts
        by_municipality[(code, group)] = by_municipality.get((code, group), Counts()) + counts
    codes = {code for _, _, code in entries_by}
    known = tuple(c for c in members if c in codes)
    return Tally(
        groups=tuple(groups), months=tuple(sorted({m for _, m, _ in entries_by})),
        municipalities=known + tuple(sorted(codes - set(members))),
        by_month=by_month, by_municipality=by_municipality, has_total=spec.count is not None,
    )  # fmt: skip


def as_dict(t: Tally, members: Mapping[str, str]) -> dict[str, object]:
    """The JSON twin of the summary page."""

    def pair(c: Counts) -> dict[str, int]:
        return {"entries": c.entries, "total": c.total} if t.has_total else {"entries": c.entries}

    return {
        "groups": list(t.groups),
        "months": list(t.months),
        "total": pair(t.total),
        "by_group": {g: pair(t.group_total(g)) for g in t.groups},
        "by_month": [
            {"month": m, "group": g, **pair(c)}
            for (g, m), c in sorted(t.by_month.items(), key=lambda i: (i[0][1], i[0][0]))
        ],
        "by_municipality": [
            {
                "municipality_code": code,
                "municipality": members.get(code, code),
                "group": g,
                **pair(c),
            }
            for code in t.municipalities
            for g in t.groups
            if (c := t.by_municipality.get((code, g)))
        ],
    }
