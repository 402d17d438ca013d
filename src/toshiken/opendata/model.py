"""The catalog as typed values: licences, organisations, groups, datasets and their tables."""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Literal

FieldType = Literal["string", "integer", "number", "boolean", "date"]
Cell = str | int | Decimal | bool | None
"""A table cell: text, an integer, an exact decimal, a flag, or empty (None)."""

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "opendata.toshiken")
FORMATS: tuple[str, ...] = ("CSV", "JSON")


@functools.lru_cache(maxsize=1 << 16)
def stable_id(kind: str, name: str) -> str:
    """A UUID that stays the same for the same thing across loads, as CKAN clients expect."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{name}"))


@dataclass(frozen=True)
class License:
    """The licence every dataset is published under (CC BY 4.0 unless configured)."""

    id: str
    title: str
    url: str
    is_open: bool = True


@dataclass(frozen=True)
class Field:
    """A column: its header as the standard names it, its JSON key, type and meaning."""

    name: str  # CSV header (Japanese)
    key: str  # JSON key (camelCase English where the standard gives one)
    type: FieldType = "string"
    description: str = ""
    required: bool = False
    unique: bool = False
    pattern: str | None = None


@dataclass(frozen=True)
class ForeignKey:
    """Columns of this table that refer to another dataset's columns."""

    fields: tuple[str, ...]
    dataset: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """Rows of cells in the order of the fields; numbers are exact (int or Decimal)."""

    fields: tuple[Field, ...]
    rows: tuple[tuple[Cell, ...], ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    missing_values: tuple[str, ...] = ("",)

    def __post_init__(self) -> None:
        width = len(self.fields)
        for number, row in enumerate(self.rows, start=1):
            if len(row) != width:
                raise ValueError(f"row {number} has {len(row)} cells for {width} fields")

    def records(self) -> list[dict[str, Cell]]:
        """The rows as JSON objects keyed by the fields' keys."""
        keys = [f.key for f in self.fields]
        return [dict(zip(keys, row, strict=True)) for row in self.rows]


@dataclass(frozen=True)
class Organization:
    """Who publishes: the partnership, or a member municipality for its own data."""

    name: str  # URL slug, e.g. 431001-kumamoto-shi
    title: str
    description: str
    code: str | None = None  # 全国地方公共団体コード; None for the partnership
    title_en: str = ""

    @property
    def id(self) -> str:
        return stable_id("organization", self.name)


@dataclass(frozen=True)
class Group:
    """A theme that gathers datasets across organisations (CKAN's groups)."""

    name: str
    title: str
    description: str

    @property
    def id(self) -> str:
        return stable_id("group", self.name)


@dataclass(frozen=True)
class Dataset:
    """One published table with its metadata; its name is also the stem of its files."""

    name: str  # e.g. 432164_participation: lowercase a-z, 0-9, '-' and '_'
    title: str
    notes: str
    organization: str  # Organization.name
    table: Table
    modified: datetime  # when the data was last loaded or changed (UTC)
    tags: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    source: str = ""  # 出典
    standard: str | None = None  # the standard layout the table follows, if any
    version: str | None = None
    extras: tuple[tuple[str, str], ...] = field(default=())

    @property
    def id(self) -> str:
        return stable_id("dataset", self.name)

    def file_name(self, fmt: str) -> str:
        """`431001_event.csv`: the standard's convention, `{publisher}_{suffix}.{ext}`."""
        return f"{self.name}.{fmt.lower()}"

    def resource_id(self, fmt: str) -> str:
        return stable_id("resource", self.file_name(fmt))


@dataclass(frozen=True)
class Catalog:
    """Everything published, in catalog order, under one licence."""

    name: str  # slug of the whole package, e.g. kumamoto-renkei-opendata
    title: str
    description: str
    license: License
    organizations: tuple[Organization, ...]
    groups: tuple[Group, ...]
    datasets: tuple[Dataset, ...]

    @functools.cached_property
    def modified(self) -> datetime | None:
        """When the newest dataset changed (computed once: the catalog never changes)."""
        return max((d.modified for d in self.datasets), default=None)

    def dataset(self, name_or_id: str) -> Dataset | None:
        return next((d for d in self.datasets if name_or_id in (d.name, d.id)), None)

    def organization(self, name_or_id: str) -> Organization | None:
        return next((o for o in self.organizations if name_or_id in (o.name, o.id)), None)

    def group(self, name_or_id: str) -> Group | None:
        return next((g for g in self.groups if name_or_id in (g.name, g.id)), None)

    def published_by(self, organization: str) -> list[Dataset]:
        return [d for d in self.datasets if d.organization == organization]

    def in_group(self, group: str) -> list[Dataset]:
        return [d for d in self.datasets if group in d.groups]

    def file(self, file_name: str) -> tuple[Dataset, str] | None:
        """The dataset and format a file name such as `432164_budget.csv` stands for."""
        stem, _, ext = file_name.rpartition(".")
        found = next((d for d in self.datasets if d.name == stem), None)
        fmt = ext.upper()
        known = found is not None and fmt in FORMATS and ext == fmt.lower()
        return (found, fmt) if known and found is not None else None
