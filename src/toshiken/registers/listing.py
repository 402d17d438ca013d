"""The list page's filters as a pure function: by municipality, choices, dates and words."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from toshiken.core.text import search_key
from toshiken.registers.model import Entry, FieldSpec, Register


@dataclass(frozen=True)
class Filters:
    """What the reader asked for; empty strings mean no filter."""

    municipality: str = ""
    q: str = ""
    choices: dict[str, str] = field(default_factory=dict)
    date_from: str = ""
    date_to: str = ""

    def params(self) -> dict[str, str]:
        """The filters as query parameters (for the JSON, CSV and Excel links)."""
        found = {"municipality": self.municipality, "q": self.q, "from": self.date_from,
                 "to": self.date_to, **self.choices}  # fmt: skip
        return {k: v for k, v in found.items() if v}


def date_field(register: Register) -> FieldSpec | None:
    """The public date the list can be narrowed by: the summary's, else the first public date."""
    if register.summary is not None:
        return register.field(register.summary.date)
    return next((f for f in register.fields if f.type == "date" and f.public), None)


def filters_from(register: Register, params: Mapping[str, str]) -> Filters:
    """Filters from query parameters; unknown choices are kept (they then match nothing)."""
    choices = {f.key: params.get(f.key, "") for f in register.filters if params.get(f.key)}
    return Filters(
        municipality=params.get("municipality", "").strip(), q=params.get("q", "").strip(),
        choices=choices, date_from=params.get("from", "").strip(),
        date_to=params.get("to", "").strip(),
    )  # fmt: skip


def select(
    register: Register, entries: list[Entry], filters: Filters, internal: bool
) -> list[Entry]:
    """The entries that pass every filter, in the declaration's order. Words are looked for in
    the fields the reader may see only: a public search never matches an internal value."""
    visible = [f.key for f in register.visible(internal)]
    words = search_key(filters.q).split()
    on = date_field(register)
    found = []
    for entry in entries:
        if filters.municipality and entry.municipality_code != filters.municipality:
            continue
        if any(entry.values.get(k) != v for k, v in filters.choices.items()):
            continue
        day = str(entry.values.get(on.key, "")) if on else ""
        if filters.date_from and (not day or day < filters.date_from):
            continue
        if filters.date_to and (not day or day > filters.date_to):
            continue
        text = search_key(" ".join(str(entry.values.get(k, "")) for k in visible))
        if all(w in text for w in words):
            found.append(entry)
    return ordered(register, found)


def ordered(register: Register, entries: list[Entry]) -> list[Entry]:
    """By the declared order_by fields (empty values last), then by id."""

    def key(entry: Entry) -> tuple[object, ...]:
        parts: list[object] = []
        for name in register.order_by:
            value = entry.values.get(name)
            parts.extend((value is None, str(value) if value is not None else ""))
        return (*parts, entry.id)

    return sorted(entries, key=key)
