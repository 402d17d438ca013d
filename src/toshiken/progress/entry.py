"""Checking what people enter (web forms and workbook cells): values in, model or errors out."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from toshiken.core.text import nfkc
from toshiken.progress.model import Implementation, InitiativeReport, KpiActual

YEARS = range(2000, 2101)
MAX_TEXT = 2000
MAX_VALUE = Decimal("1e15")
T = TypeVar("T")


@dataclass(frozen=True)
class FieldError:
    """A refused field: its name, a code the templates turn into words, and the value given."""

    field: str
    code: str
    value: str = ""


class Invalid(ValueError):
    """A value that cannot be taken; `code` says why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def number(raw: object) -> Decimal:
    """A number cell or text: 1234, 1,234, １２３４ and 12.5 are numbers; '約100' is not."""
    if isinstance(raw, bool):
        raise Invalid("not_number")
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(repr(raw))
    text = nfkc(str(raw)).strip().replace(",", "")
    if not text:
        raise Invalid("required")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise Invalid("not_number") from None
    if not value.is_finite() or abs(value) >= MAX_VALUE:
        raise Invalid("not_number")
    return value


def whole(raw: object, allowed: Collection[int] | None = None) -> int:
    """A whole number (a year, a KPI number, an amount)."""
    value = number(raw)
    if value != value.to_integral_value():
        raise Invalid("not_integer")
    result = int(value)
    if allowed is not None and result not in allowed:
        raise Invalid("out_of_range")
    return result


def amount(raw: object) -> int | None:
    """Thousand yen: a whole number ≥ 0, or None when left blank."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    value = whole(raw)
    if value < 0:
        raise Invalid("negative")
    return value


def text(raw: object, limit: int = MAX_TEXT) -> str:
    value = "" if raw is None else str(raw).strip()
    if len(value) > limit:
        raise Invalid("too_long")
    return value


def _take(
    errors: list[FieldError], field: str, raw: object, parse: Callable[[object], T]
) -> T | None:
    try:
        return parse(raw)
    except Invalid as exc:
        errors.append(FieldError(field, exc.code, "" if raw is None else str(raw)))
        return None


def kpi_actual(
    form: Mapping[str, str], kpis: Collection[int]
) -> tuple[KpiActual | None, list[FieldError]]:
    """The KPI-actual form: kpi, period, value, source, note."""
    errors: list[FieldError] = []
    kpi = _take(errors, "kpi", form.get("kpi", ""), lambda v: whole(v, kpis))
    year = _take(errors, "period", form.get("period", ""), lambda v: whole(v, YEARS))
    value = _take(errors, "value", form.get("value", ""), number)
    source = _take(errors, "source", form.get("source", ""), lambda v: text(v, 300))
    note = _take(errors, "note", form.get("note", ""), text)
    if errors:
        return None, errors
    return KpiActual(kpi, year, value, source, note), []  # type: ignore[arg-type]


def initiative_report(
    form: Mapping[str, str], initiative_id: str, fiscal_years: Collection[int]
) -> tuple[InitiativeReport | None, list[FieldError]]:
    """The initiative-report form: fiscal_year, municipality, status, spent, activities."""
    errors: list[FieldError] = []
    year = _take(
        errors, "fiscal_year", form.get("fiscal_year", ""), lambda v: whole(v, fiscal_years)
    )
    status = _take(errors, "status", form.get("status", ""), _status)
    spent = _take(errors, "spent", form.get("spent", ""), amount)
    activities = _take(errors, "activities", form.get("activities", ""), text)
    code = form.get("municipality", "").strip()
    if errors:
        return None, errors
    report = InitiativeReport(initiative_id, year, code, status, spent, activities)  # type: ignore[arg-type]
    return report, []


def _status(raw: object) -> Implementation:
    try:
        return Implementation(str(raw))
    except ValueError:
        raise Invalid("required" if not raw else "bad_status") from None
