"""A published year frozen: the report's inputs as canonical JSON, their hash, and back again."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from toshiken.progress.model import Implementation, InitiativeReport, KpiActual

Inputs = dict[str, object]


@dataclass(frozen=True)
class Snapshot:
    """What the public reads of a published year, whatever is entered afterwards."""

    fiscal_year: int
    published_at: datetime
    published_by: str
    inputs: Inputs
    inputs_sha256: str
    figures: dict[str, object]
    html: str
    pdf_sha256: str | None = None

    @property
    def actuals(self) -> list[KpiActual]:
        return thaw(self.inputs)[0]

    @property
    def reports(self) -> list[InitiativeReport]:
        return thaw(self.inputs)[1]


def freeze(
    fiscal_year: int, actuals: Iterable[KpiActual], reports: Iterable[InitiativeReport]
) -> Inputs:
    """The data a year's report is computed from: actuals up to the year, the year's reports."""
    return {
        "fiscal_year": fiscal_year,
        "actuals": sorted(
            (
                {"kpi": a.kpi, "period": a.period, "value": str(a.value), "source": a.source,
                 "note": a.note}
                for a in actuals if a.period <= fiscal_year
            ),
            key=lambda a: (a["kpi"], a["period"]),
        ),
        "reports": sorted(
            (
                {"initiative_id": r.initiative_id, "municipality_code": r.municipality_code,
                 "status": r.status.value, "spent_thousand_yen": r.spent,
                 "activities": r.activities}
                for r in reports if r.fiscal_year == fiscal_year
            ),
            key=lambda r: (r["initiative_id"], r["municipality_code"]),
        ),
    }  # fmt: skip


def digest(inputs: Mapping[str, object]) -> str:
    """SHA-256 of the inputs' canonical JSON: equal data, equal hash."""
    text = json.dumps(inputs, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def thaw(inputs: Mapping[str, object]) -> tuple[list[KpiActual], list[InitiativeReport]]:
    """The actuals and reports a snapshot froze."""
    year = int(str(inputs["fiscal_year"]))
    actuals = [
        KpiActual(int(a["kpi"]), int(a["period"]), Decimal(str(a["value"])), a["source"], a["note"])
        for a in _items(inputs, "actuals")
    ]
    reports = [
        InitiativeReport(
            r["initiative_id"], year, r["municipality_code"], Implementation(r["status"]),
            r["spent_thousand_yen"], r["activities"],
        )
        for r in _items(inputs, "reports")
    ]  # fmt: skip
    return actuals, reports


def _items(inputs: Mapping[str, object], name: str) -> list[dict[str, Any]]:
    found = inputs.get(name)
    return list(found) if isinstance(found, list) else []


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
