"""KPI achievement rules: reach, a target with its own period, and 現状維持."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from toshiken.progress.achievement import RANK, evaluate, expected_value
from toshiken.progress.model import KpiActual, KpiStatus
from toshiken.vision.model import Kpi

REACH = Kpi(
    number=3, level="policy", pillar=1, policy=2, field=None, name="販売額", unit="百万円",
    baseline=Decimal(312), baseline_period="2023", target_kind="reach", target=Decimal(676),
    target_period="2025", base_period=None, source=None,
)  # fmt: skip
OWN_PERIOD = replace(
    REACH, number=1, baseline=Decimal(5094158), baseline_period="2021",
    target=Decimal(5110000), target_period="2022",
)  # fmt: skip
MAINTAIN = replace(
    REACH, number=10, baseline=Decimal(8957), baseline_period="2024", target_kind="maintain",
    target=Decimal(11381), base_period="2019",
)  # fmt: skip


def judge(kpi: Kpi, value: str, period: int, as_of: int = 2025) -> KpiStatus:
    return evaluate(kpi, [KpiActual(kpi.number, period, Decimal(value))], as_of).status


def test_examples() -> None:
    assert judge(REACH, "676", 2024) is KpiStatus.achieved
    assert judge(REACH, "500", 2024) is KpiStatus.on_track  # the path at 2024 is 494
    assert judge(REACH, "480", 2024) is KpiStatus.behind
    assert judge(REACH, "675", 2025) is KpiStatus.behind  # the target year has come
    assert judge(OWN_PERIOD, "5100000", 2022) is KpiStatus.behind
    assert judge(OWN_PERIOD, "5120000", 2023) is KpiStatus.achieved
    assert judge(MAINTAIN, "11381", 2024) is KpiStatus.achieved
    assert judge(MAINTAIN, "11380", 2024) is KpiStatus.behind  # no "on track" for 現状維持
    assert evaluate(REACH, [], 2025).status is KpiStatus.no_data


def test_rates() -> None:
    e = evaluate(REACH, [KpiActual(3, 2024, Decimal(494))], 2025)
    assert e.attainment_pct == Decimal("73.1")
    assert e.progress_pct == Decimal("50.0")
    assert e.expected == Decimal(494)
    assert evaluate(MAINTAIN, [KpiActual(10, 2024, Decimal(9000))], 2025).progress_pct is None


def test_only_actuals_up_to_the_year_count() -> None:
    actuals = [KpiActual(3, 2023, Decimal(300)), KpiActual(3, 2026, Decimal(9999))]
    e = evaluate(REACH, actuals, 2025)
    assert e.actual == actuals[0] and e.status is KpiStatus.behind
    assert evaluate(REACH, actuals, 2022).status is KpiStatus.no_data
    assert evaluate(REACH, [KpiActual(4, 2024, Decimal(1))], 2025).status is KpiStatus.no_data


def test_path_runs_from_baseline_to_target() -> None:
    assert expected_value(REACH, 2023) == REACH.baseline
    assert expected_value(REACH, 2025) == REACH.target
    assert expected_value(REACH, 2030) == REACH.target
    assert expected_value(REACH, 2000) == REACH.baseline


values = st.decimals(min_value=-(10**7), max_value=10**7, places=2, allow_nan=False)
periods = st.integers(min_value=2015, max_value=2030)
kpis = st.sampled_from([REACH, OWN_PERIOD, MAINTAIN])


@given(kpis, values, periods)
def test_achieved_exactly_when_the_target_is_reached(kpi: Kpi, value: Decimal, year: int) -> None:
    status = evaluate(kpi, [KpiActual(kpi.number, year, value)], 2030).status
    assert (status is KpiStatus.achieved) == (value >= kpi.target)


@given(kpis, values, values, periods)
def test_a_higher_value_never_judges_worse(kpi: Kpi, a: Decimal, b: Decimal, year: int) -> None:
    low, high = sorted((a, b))
    judged = [evaluate(kpi, [KpiActual(kpi.number, year, v)], 2030).status for v in (low, high)]
    assert RANK[judged[0]] <= RANK[judged[1]]


@given(kpis, st.lists(st.tuples(periods, values), max_size=6), periods)
def test_the_latest_actual_up_to_the_year_decides(
    kpi: Kpi, rows: list[tuple[int, Decimal]], as_of: int
) -> None:
    actuals = [KpiActual(kpi.number, p, v) for p, v in dict(rows).items()]
    usable = [a for a in actuals if a.period <= as_of]
    e = evaluate(kpi, actuals, as_of)
    if not usable:
        assert e.status is KpiStatus.no_data
    else:
        assert e.actual == max(usable, key=lambda a: a.period)
