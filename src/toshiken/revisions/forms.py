"""Parse the draft editor's form fields: text, numbers, budgets; each error names its field."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as attribute
from decimal import Decimal, InvalidOperation

from toshiken.core.i18n import N_
from toshiken.core.text import nfkc

Form = Mapping[str, Sequence[str]]
"""A submitted form: every field name with all its values (checkboxes repeat a name)."""


@dataclass(frozen=True)
class FieldError:
    """A field the form cannot accept: its name (the input's id is field-<name>) and why."""

    field: str
    message: str  # a Japanese msgid of the catalog, formatted with params
    params: dict[str, str] = attribute(default_factory=dict)


def first(form: Form, name: str) -> str:
    values = form.get(name) or [""]
    return values[0]


def text(form: Form, name: str) -> str:
    """A textarea: paragraphs one per line, blank lines and stray spaces dropped, no tabs."""
    lines = (line.replace("\t", " ").strip() for line in first(form, name).splitlines())
    return "\n".join(line for line in lines if line)


def line(form: Form, name: str) -> str:
    return " ".join(first(form, name).replace("\t", " ").split())


def required(form: Form, name: str, errors: list[FieldError]) -> str:
    value = line(form, name)
    if not value:
        errors.append(FieldError(name, N_("入力してください")))
    return value


def amount(form: Form, name: str, errors: list[FieldError], blank: bool = True) -> int | None:
    """A whole number (commas allowed); None for a blank cell when `blank`."""
    raw = nfkc(first(form, name)).replace(",", "").strip()
    if not raw:
        if not blank:
            errors.append(FieldError(name, N_("入力してください")))
        return None
    if not raw.isdigit():
        errors.append(
            FieldError(name, N_("0以上の整数ではありません（「%(value)s」）"), {"value": raw})
        )
        return None
    return int(raw)


def decimal(form: Form, name: str, errors: list[FieldError]) -> Decimal:
    raw = nfkc(first(form, name)).replace(",", "").strip()
    try:
        value = Decimal(raw)
    except InvalidOperation:
        errors.append(FieldError(name, N_("数値ではありません（「%(value)s」）"), {"value": raw}))
        return Decimal(0)
    if not value.is_finite() or value < 0:
        errors.append(FieldError(name, N_("数値ではありません（「%(value)s」）"), {"value": raw}))
        return Decimal(0)
    return Decimal(int(value)) if value == value.to_integral_value() else value.normalize()


def period(form: Form, name: str, errors: list[FieldError], optional: bool = False) -> str:
    """A year as the document writes it, e.g. 2023."""
    raw = nfkc(first(form, name)).strip()
    if optional and not raw:
        return ""
    if not (raw.isdigit() and len(raw) == 4):
        errors.append(
            FieldError(name, N_("西暦の年（4桁）ではありません（「%(value)s」）"), {"value": raw})
        )
    return raw
