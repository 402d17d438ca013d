"""Registers as typed values: a declaration (fields, rules, seed) and the entries kept in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Literal

FieldType = Literal[
    "text", "textarea", "integer", "decimal", "date", "time", "choice", "url", "boolean",
    "latitude", "longitude",
]  # fmt: skip
FIELD_TYPES: tuple[str, ...] = FieldType.__args__  # type: ignore[attr-defined]
RuleKind = Literal["any_of", "together", "ordered"]
RULE_KINDS: tuple[str, ...] = RuleKind.__args__  # type: ignore[attr-defined]
Value = str | int | bool
"""A stored value: text (also dates, times and exact decimals as text), an integer, or a flag."""


@dataclass(frozen=True)
class FieldSpec:
    """One field of a register: its key, labels, type, and who may see it."""

    key: str
    label: str
    label_en: str
    type: FieldType = "text"
    required: bool = False
    public: bool = False  # internal unless declared public: a forgotten flag hides, never leaks
    choices: tuple[str, ...] = ()
    filter: bool = False  # offered as a filter on the list page
    min: Decimal | None = None
    max: Decimal | None = None


@dataclass(frozen=True)
class Rule:
    """A check across fields: one filled (any_of), all or none (together), a ≤ b (ordered)."""

    kind: RuleKind
    fields: tuple[str, ...]
    message: str


@dataclass(frozen=True)
class Summary:
    """An area-wide count: entries by `group` (a choice field), month of `date` and municipality."""

    group: str
    date: str
    count: str | None = None  # an integer field summed alongside the number of entries


@dataclass(frozen=True)
class SeedEntry:
    """A first entry as the document lists it, with the line it is printed on."""

    line: int
    municipality: str  # a member's name as printed
    values: dict[str, str]


@dataclass(frozen=True)
class Register:
    """A register's declaration: everything the engine needs, with no per-register code."""

    key: str
    title: str
    title_en: str
    description: str
    description_en: str
    initiatives: tuple[str, ...]
    fields: tuple[FieldSpec, ...]
    title_field: str
    order_by: tuple[str, ...] = ()
    rules: tuple[Rule, ...] = ()
    summary: Summary | None = None
    seed: tuple[SeedEntry, ...] = ()

    def field(self, key: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.key == key), None)

    def visible(self, internal: bool) -> tuple[FieldSpec, ...]:
        """The fields a reader may see: all for signed-in users, the public ones for the public."""
        return self.fields if internal else tuple(f for f in self.fields if f.public)

    @property
    def filters(self) -> tuple[FieldSpec, ...]:
        return tuple(f for f in self.fields if f.filter and f.type == "choice" and f.public)


@dataclass(frozen=True)
class Entry:
    """One entry of a register: its municipality and values, and who wrote it when."""

    id: int
    register: str
    municipality_code: str
    values: dict[str, Value] = field(default_factory=dict)
    created_at: datetime | None = None
    created_by: str = ""
    updated_at: datetime | None = None
    updated_by: str = ""


class DeclarationError(ValueError):
    """A register declaration that cannot be used, with the file and field named."""
