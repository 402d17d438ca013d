"""Usage-based settlements: 可燃ごみの広域処理 by tonnes, 支援学校での預かり by use."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from tests.costs.conftest import CODE
from toshiken.costs.model import UsageRecord
from toshiken.costs.settle import (
    ServiceCost,
    SettlementError,
    UnitPrice,
    YenRounding,
    settle_by_use,
    settle_waste,
    usage_shares,
)

KUMAMOTO, MASHIKI, KASHIMA = CODE["熊本市"], CODE["益城町"], CODE["嘉島町"]
UKI, UTO, KOSA = CODE["宇城市"], CODE["宇土市"], CODE["甲佐町"]


def tonnes(code: str, value: str, fy: int = 2025, period: str | None = None) -> UsageRecord:
    return UsageRecord(fy, code, Decimal(value), period=period)


def test_waste_is_tonnes_times_the_agreed_price_rounded_down() -> None:
    prices = [
        UnitPrice(MASHIKI, 2025, Decimal("22000")),
        UnitPrice(KASHIMA, 2025, Decimal("21500.5")),
    ]
    records = [
        tonnes(MASHIKI, "1234.567", period="4月"),
        tonnes(MASHIKI, "0.433", period="5月"),
        tonnes(KASHIMA, "10.001"),
        tonnes(KUMAMOTO, "99999"),  # the provider's own waste is not charged
    ]
    statements = settle_waste(records, prices, provider=KUMAMOTO)
    assert [(s.payer, s.payee, s.fiscal_year) for s in statements] == [
        (KASHIMA, KUMAMOTO, 2025),
        (MASHIKI, KUMAMOTO, 2025),
    ]
    by_payer = {s.payer: s for s in statements}
    # 1,235.000 t × 22,000 = 27,170,000; 10.001 t × 21,500.5 = 215,026.50… → 215,026
    assert by_payer[MASHIKI].total == 27_170_000
    assert by_payer[MASHIKI].lines[0].quantity == Fraction(1235)
    assert by_payer[KASHIMA].total == 215_026
    assert by_payer[KASHIMA].lines[0].explanation == (
        "ごみ量 10.001 t × 単価 21,500.5円/t = 215,026.5…円 → 215,026円（円未満切捨て）"
    )
    half_up = settle_waste(records, prices, provider=KUMAMOTO, rounding=YenRounding.HALF_UP)
    assert {s.payer: s.total for s in half_up}[KASHIMA] == 215_027


def test_waste_without_a_price_or_with_another_provider_is_refused() -> None:
    records = [tonnes(MASHIKI, "1"), UsageRecord(2025, KASHIMA, Decimal(1), provider=UKI, row=3)]
    with pytest.raises(SettlementError) as caught:
        settle_waste(records, [], provider=KUMAMOTO)
    assert any("3行目" in p for p in caught.value.problems)
    assert any("単価がありません" in p for p in caught.value.problems)


def test_support_school_cost_is_split_by_use() -> None:
    costs = [ServiceCost(UKI, 2024, 1_000_000, "授業時間外預かりサポート委託料")]
    records = [
        UsageRecord(2024, UKI, Decimal(40)),
        UsageRecord(2024, UTO, Decimal(35)),
        UsageRecord(2024, KOSA, Decimal(25), provider=UKI),
    ]
    statements = settle_by_use(records, costs)
    assert {s.payer: s.total for s in statements} == {UTO: 350_000, KOSA: 250_000}
    assert all(s.payee == UKI and s.initiative_id == "3-3-3" for s in statements)
    thirds = settle_by_use(
        [UsageRecord(2024, c, Decimal(1)) for c in (UKI, UTO, KOSA)],
        [ServiceCost(UKI, 2024, 100)],
    )
    # 33.3… each: the spare yen goes to the lowest code (宇土市 432113)
    assert {s.payer: s.total for s in thirds} == {UTO: 34, KOSA: 33}


def test_support_school_needs_the_years_cost() -> None:
    with pytest.raises(SettlementError, match="2023年度の事業費"):
        settle_by_use([UsageRecord(2023, UTO, Decimal(1), row=2)], [ServiceCost(UKI, 2024, 1)])
    with pytest.raises(SettlementError, match="複数"):
        settle_by_use([], [ServiceCost(UKI, 2024, 1), ServiceCost(UTO, 2024, 1)])


def test_usage_shares_add_up() -> None:
    shares = usage_shares(1000, {"a": Fraction(1), "b": Fraction(1), "c": Fraction(1)})
    assert shares == {"a": 334, "b": 333, "c": 333}
    with pytest.raises(SettlementError):
        usage_shares(1000, {"a": Fraction(0)})
