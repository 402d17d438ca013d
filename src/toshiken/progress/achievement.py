"""KPI achievement: pure rules from a KPI's kind, its actuals and the year of the report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from toshiken.progress.model import KpiActual, KpiStatus
from toshiken.vision.model import Kpi

RANK = {KpiStatus.no_data: 0, KpiStatus.behind: 1, KpiStatus.on_track: 2, KpiStatus.achieved: 3}


@dataclass(frozen=True)
class Evaluation:
    """A KPI judged as of a year: its status, the actual judged and the rates shown with it."""

    kpi: int
    status: KpiStatus
    actual: KpiActual | None
    attainment_pct: Decimal | None  # actual ÷ target × 100 (達成率)
    progress_pct: Decimal | None  # (actual − baseline) ÷ (target − baseline) × 100 (進捗率)
    expected: Decimal | None  # where the straight path from baseline to target stands


def period(text: str) -> int:
    """A KPI period of the vision ("2023") as a year."""
    return int(text[:4])


def expected_value(kpi: Kpi, year: int) -> Decimal:
    """The straight path from the baseline (at its period) to the target (at its period)."""
    start, end = period(kpi.baseline_period), period(kpi.target_period)
    if year >= end or end <= start:
        return kpi.target
    if year <= start:
        return kpi.baseline
    return kpi.baseline + (kpi.target - kpi.baseline) * (year - start) / (end - start)


def latest(actuals: Iterable[KpiActual], kpi: int, as_of: int) -> KpiActual | None:
    """The newest actual of a KPI whose period is not after `as_of`."""
    usable = [a for a in actuals if a.kpi == kpi and a.period <= as_of]
    return max(usable, key=lambda a: a.period) if usable else None


def _pct(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    if denominator == 0:
        return None
    return (numerator * 100 / denominator).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def evaluate(kpi: Kpi, actuals: Iterable[KpiActual], as_of: int) -> Evaluation:
    """Judge a KPI by its latest actual up to `as_of` (see docs/progress.md for the rules)."""
    actual = latest(actuals, kpi.number, as_of)
    if actual is None:
        return Evaluation(kpi.number, KpiStatus.no_data, None, None, None, None)
    value = actual.value
    attainment = _pct(value, kpi.target)
    progress = (
        _pct(value - kpi.baseline, kpi.target - kpi.baseline)
        if kpi.target_kind == "reach" and kpi.target > kpi.baseline
        else None
    )
    expected: Decimal | None = None
    if value >= kpi.target:
        status = KpiStatus.achieved
    elif kpi.target_kind == "maintain" or actual.period >= period(kpi.target_period):
        status = KpiStatus.behind
    else:
        expected = expected_value(kpi, actual.period)
        status = KpiStatus.on_track if value >= expected else KpiStatus.behind
    return Evaluation(kpi.number, status, actual, attainment, progress, expected)


def evaluate_all(kpis: Iterable[Kpi], actuals: Iterable[KpiActual], as_of: int) -> list[Evaluation]:
    found = list(actuals)
    return [evaluate(k, found, as_of) for k in kpis]
