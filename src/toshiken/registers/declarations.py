"""Read register declarations (YAML under data/<area>/registers/) into typed Registers, strictly."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from toshiken.registers.model import (
    FIELD_TYPES,
    RULE_KINDS,
    DeclarationError,
    FieldSpec,
    Register,
    Rule,
    SeedEntry,
    Summary,
)

KEY = re.compile(r"[a-z][a-z0-9_]{1,39}")
FOLDER = "registers"
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML has it (ten times faster), else the pure-Python one."""


def parse_declaration(text: str, source: str) -> Register:
    """One declaration from its YAML text; DeclarationError names the file and every problem."""
    try:
        data = yaml.load(text, Loader=LOADER)  # a safe loader: CSafeLoader or SafeLoader
    except yaml.YAMLError as exc:
        raise DeclarationError(f"{source}: not YAML: {exc}") from exc
    if not isinstance(data, Mapping):
        raise DeclarationError(f"{source}: a declaration is a mapping")
    problems: list[str] = []
    register = _register(data, problems)
    if problems or register is None:
        raise DeclarationError(f"{source}: " + "; ".join(problems))
    return register


def _register(data: Mapping[str, Any], problems: list[str]) -> Register | None:
    key = str(data.get("key", ""))
    if not KEY.fullmatch(key):
        problems.append(f"key {key!r}: lowercase a-z, 0-9 and _")
    fields = tuple(
        f for n, raw in enumerate(data.get("fields") or [], 1) if (f := _field(raw, n, problems))
    )
    keys = [f.key for f in fields]
    problems.extend(
        f"field {k!r} is declared twice" for k in sorted(set(keys)) if keys.count(k) > 1
    )
    if not fields:
        problems.append("no fields")
    known = set(keys)
    title_field = str(data.get("title_field", keys[0] if keys else ""))
    if title_field not in known:
        problems.append(f"title_field {title_field!r} is not a field")
    order_by = tuple(str(k) for k in data.get("order_by") or ())
    problems.extend(f"order_by {k!r} is not a field" for k in order_by if k not in known)
    rules = tuple(_rule(raw, known, problems) for raw in data.get("rules") or ())
    summary = _summary(data.get("summary"), {f.key: f for f in fields}, problems)
    seed = tuple(_seed(raw, known, problems) for raw in data.get("seed") or ())
    initiatives = tuple(str(i) for i in data.get("initiatives") or [data.get("initiative", "")])
    problems.extend(
        f"initiative {i!r} is not like 3-13-3"
        for i in initiatives
        if not re.fullmatch(r"\d-\d+-\d+", i)
    )
    for name in ("title", "title_en", "description", "description_en"):
        if not str(data.get(name, "")).strip():
            problems.append(f"{name} is missing")
    if problems:
        return None
    return Register(
        key=key, title=str(data["title"]), title_en=str(data["title_en"]),
        description=str(data["description"]).strip(),
        description_en=str(data["description_en"]).strip(), initiatives=initiatives,
        fields=fields, title_field=title_field, order_by=order_by, rules=rules, summary=summary,
        seed=seed,
    )  # fmt: skip


def _field(raw: object, number: int, problems: list[str]) -> FieldSpec | None:
    where = f"field {number}"
    if not isinstance(raw, Mapping):
        problems.append(f"{where}: a mapping with key, label, label_en and type")
        return None
    key = str(raw.get("key", ""))
    where = f"field {key!r}"
    kind = str(raw.get("type", "text"))
    found: list[str] = []
    if not KEY.fullmatch(key):
        found.append(f"{where}: key must be lowercase a-z, 0-9 and _")
    if kind not in FIELD_TYPES:
        found.append(f"{where}: type {kind!r} is not one of {', '.join(FIELD_TYPES)}")
    choices = tuple(str(c) for c in raw.get("choices") or ())
    if (kind == "choice") != bool(choices):
        found.append(f"{where}: choices go with type choice, and only with it")
    if not raw.get("label") or not raw.get("label_en"):
        found.append(f"{where}: label and label_en are required")
    bounds = {name: _decimal(raw.get(name), f"{where}: {name}", found) for name in ("min", "max")}
    problems.extend(found)
    if found:
        return None
    return FieldSpec(
        key=key, label=str(raw["label"]), label_en=str(raw["label_en"]), type=kind,  # type: ignore[arg-type]
        required=bool(raw.get("required", False)), public=bool(raw.get("public", False)),
        choices=choices, filter=bool(raw.get("filter", False)), min=bounds["min"],
        max=bounds["max"],
    )  # fmt: skip


def _decimal(value: object, where: str, problems: list[str]) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        problems.append(f"{where} is not a number")
        return None


def _rule(raw: Any, known: set[str], problems: list[str]) -> Rule:
    kind = str(raw.get("kind", "")) if isinstance(raw, Mapping) else ""
    fields = tuple(str(f) for f in (raw.get("fields") or ())) if isinstance(raw, Mapping) else ()
    if kind not in RULE_KINDS:
        problems.append(f"rule {kind!r}: kind is one of {', '.join(RULE_KINDS)}")
    problems.extend(f"rule {kind}: {f!r} is not a field" for f in fields if f not in known)
    if len(fields) < 2:
        problems.append(f"rule {kind}: names at least two fields")
    message = str(raw.get("message", "")) if isinstance(raw, Mapping) else ""
    return Rule(kind, fields, message or f"{kind}: {', '.join(fields)}")  # type: ignore[arg-type]


def _summary(raw: Any, fields: dict[str, FieldSpec], problems: list[str]) -> Summary | None:
    if raw is None:
        return None
    group, date, count = (
        raw.get(k) if isinstance(raw, Mapping) else None for k in ("group", "date", "count")
    )
    if group not in fields or fields[group].type != "choice" or not fields[group].public:
        problems.append(f"summary: group {group!r} must be a public choice field")
    if date not in fields or fields[date].type != "date" or not fields[date].public:
        problems.append(f"summary: date {date!r} must be a public date field")
    if count is not None and (
        count not in fields or fields[count].type != "integer" or not fields[count].public
    ):
        problems.append(f"summary: count {count!r} must be a public integer field")
    return Summary(str(group), str(date), None if count is None else str(count))


def _seed(raw: Any, known: set[str], problems: list[str]) -> SeedEntry:
    if not isinstance(raw, Mapping) or "line" not in raw or "municipality" not in raw:
        problems.append(f"seed {raw!r}: needs line and municipality")
        return SeedEntry(0, "", {})
    values = {str(k): str(v) for k, v in raw.items() if k not in ("line", "municipality")}
    problems.extend(
        f"seed line {raw['line']}: {k!r} is not a field" for k in values if k not in known
    )
    return SeedEntry(int(raw["line"]), str(raw["municipality"]), values)


def load_declarations(folder: Path) -> dict[str, Register]:
    """Every `*.yaml` of the folder, in the document's order; one bad file refuses them all."""
    found: dict[str, Register] = {}
    errors: list[str] = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            register = parse_declaration(path.read_text(encoding="utf-8"), path.name)
        except DeclarationError as exc:
            errors.append(str(exc))
            continue
        if register.key in found:
            errors.append(f"{path.name}: register {register.key!r} is declared twice")
        found[register.key] = register
    if errors:
        raise DeclarationError("\n".join(errors))
    return dict(sorted(found.items(), key=lambda item: _initiative_order(item[1])))


def _initiative_order(register: Register) -> tuple[int, ...]:
    """The document's order: by the first initiative's id (3-6-3 before 3-10-1)."""
    return tuple(int(part) for part in register.initiatives[0].split("-"))
