"""services.yaml read and checked against the loaded vision; every problem names its entry."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from toshiken.core.text import nfkc
from toshiken.services.model import Access, FacilityCount, FacilitySource, Group, Service
from toshiken.vision.model import Initiative, Vision

FILE_NAME = "services.yaml"
RESERVED_IDS = frozenset({"for", "guide", "static"})
"""Path segments the routes use beside /services/{id}."""

_SPACE = re.compile(r"\s+")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ServiceDataError(ValueError):
    """services.yaml is wrong; the message lists every problem with its line and entry."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.problems = problems
        lines = "\n".join(f"  {source}:{p}" for p in problems)
        super().__init__(f"{source} was rejected ({len(problems)} problems):\n{lines}")


class _Facilities(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    table: str
    counts: dict[str, str] = Field(min_length=1, description="label -> column of the table")


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    name: str = Field(min_length=1)
    initiative: str = Field(pattern=r"^\d-\d{1,2}-\d{1,2}$")
    group: Group
    summary: str = Field(min_length=1)
    audience: str = Field(min_length=1)
    providers: Literal["hub", "participants", "neighbours"] | list[str]
    access: Access = "any"
    places: dict[str, str] = Field(default_factory=dict)
    facilities: _Facilities | None = None
    commuters: bool = False
    conditions: str | None = None
    apply: str = Field(min_length=1)
    cost: str | None = None
    basis: str = Field(min_length=1)


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Literal[1]
    services: list[dict[str, object]] = Field(min_length=1)


def read_catalog(path: Path, vision: Vision) -> tuple[Service, ...]:
    """The services of the file at `path` (the only I/O of this module)."""
    return parse_catalog(path.read_text(encoding="utf-8"), vision, path.name)


def parse_catalog(text: str, vision: Vision, source: str = FILE_NAME) -> tuple[Service, ...]:
    """Validate every entry against the vision; raise ServiceDataError listing all problems."""
    try:
        raw, lines = _load(text)
        document = _File.model_validate(raw)
    except yaml.YAMLError as exc:
        raise ServiceDataError(source, [f"1: not YAML: {exc}"]) from exc
    except ValidationError as exc:
        raise ServiceDataError(source, [f"1: {_pydantic(exc)}"]) from exc
    problems: list[str] = []
    services: list[Service] = []
    seen: set[str] = set()
    for index, item in enumerate(document.services):
        line = lines[index] if index < len(lines) else 1
        label = f"{line}: services[{index}] ({item.get('id', '?')})"
        try:
            entry = _Entry.model_validate(item)
        except ValidationError as exc:
            problems.append(f"{label}: {_pydantic(exc)}")
            continue
        found = _check(entry, vision)
        if entry.id in seen:
            found.append(f"the id {entry.id!r} is used twice")
        seen.add(entry.id)
        problems.extend(f"{label}: {p}" for p in found)
        if not found:
            services.append(_service(entry, vision, line))
    if problems:
        raise ServiceDataError(source, problems)
    return tuple(services)


@lru_cache(maxsize=4)
def _load(text: str) -> tuple[object, tuple[int, ...]]:
    """The YAML data and the 1-based line of each item of `services`, in one parse (cached)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    lines: tuple[int, ...] = ()
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == "services" and isinstance(value, yaml.SequenceNode):
                lines = tuple(item.start_mark.line + 1 for item in value.value)
    return data, lines


def _pydantic(exc: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(p) for p in e['loc']) or 'entry'}: {e['msg']}" for e in exc.errors()
    )


def _check(entry: _Entry, vision: Vision) -> list[str]:
    """Everything wrong with one entry, in terms of the vision."""
    problems: list[str] = []
    if entry.id in RESERVED_IDS:
        problems.append(f"the id {entry.id!r} is reserved for a page")
    initiative = vision.initiative_by_id(entry.initiative)
    if initiative is None:
        return [*problems, f"initiative {entry.initiative!r} is not in the vision"]
    names = _names(vision)
    if isinstance(entry.providers, list):
        if not entry.providers:
            problems.append("providers: name at least one municipality")
        for name in entry.providers:
            code = names.get(name)
            if code is None:
                problems.append(f"provider {name!r} is not a member")
            elif code not in initiative.participants:
                problems.append(f"provider {name} does not take part in {initiative.id}")
    for name in entry.places:
        if name not in names:
            problems.append(f"places: {name!r} is not a member")
    if entry.facilities is not None:
        problems.extend(_check_facilities(entry.facilities, vision, names))
    if not _quoted(entry.basis, initiative):
        problems.append(f"basis is not the words of initiative {initiative.id}: {entry.basis!r}")
    if entry.commuters and "通勤" not in _flat(initiative.description):
        problems.append(f"commuters: initiative {initiative.id} does not open it to commuters")
    return problems


def _check_facilities(spec: _Facilities, vision: Vision, names: dict[str, str]) -> list[str]:
    table = next((t for t in vision.tables if t.key == spec.table), None)
    if table is None:
        keys = ", ".join(t.key for t in vision.tables)
        return [f"facilities: no table {spec.table!r} in the vision (tables: {keys})"]
    problems = [
        f"facilities: table {spec.table} has no column {column!r}"
        for column in spec.counts.values()
        if column not in table.columns
    ]
    problems += [
        f"facilities: table {spec.table} names {row[0]!r}, not a member"
        for row in table.rows
        if row[0] not in names
    ]
    return problems


def _names(vision: Vision) -> dict[str, str]:
    return {m.name: m.code for m in vision.municipalities}


def _flat(text: str) -> str:
    return _SPACE.sub("", nfkc(text))


def _quoted(basis: str, initiative: Initiative) -> bool:
    """The basis appears word for word (spacing and width aside) in the initiative's text."""
    fields = (
        initiative.title,
        initiative.description,
        initiative.roles,
        initiative.cost_sharing,
        initiative.effect,
    )
    return _flat(basis) in _flat("\n".join(fields))


def _service(entry: _Entry, vision: Vision, line: int) -> Service:
    names = _names(vision)
    named = tuple(names[n] for n in entry.providers) if isinstance(entry.providers, list) else ()
    facilities = None
    if entry.facilities is not None:
        counts = tuple(FacilityCount(label, col) for label, col in entry.facilities.counts.items())
        facilities = FacilitySource(entry.facilities.table, counts)
    return Service(
        id=entry.id,
        name=entry.name,
        initiative=entry.initiative,
        group=entry.group,
        summary=entry.summary.strip(),
        audience=entry.audience.strip(),
        providers="named" if named else entry.providers,  # type: ignore[arg-type]
        named=named,
        access=entry.access,
        places={names[n]: p.strip() for n, p in entry.places.items()},
        facilities=facilities,
        commuters=entry.commuters,
        conditions=entry.conditions.strip() if entry.conditions else None,
        apply=entry.apply.strip(),
        cost=entry.cost.strip() if entry.cost else None,
        basis=entry.basis.strip(),
        line=line,
    )
