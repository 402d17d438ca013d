"""What a settlement is priced by (facility costs, unit prices, service costs): YAML or options."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

import yaml

from toshiken.core.text import nfkc
from toshiken.costs.model import UsageRecord
from toshiken.costs.settle import ServiceCost, UnitPrice, YenRounding
from toshiken.costs.sickchild import AdditionBand, FacilityCost


class SettleKind(StrEnum):
    """The mutual-use services settled between municipalities (精算の種類)."""

    SICK_CHILD = "sick-child"  # 病児・病後児保育 (3-②-イ)
    WASTE = "waste"  # 可燃ごみの広域処理 (3-⑤-エ)
    SUPPORT_SCHOOL = "support-school"  # 支援学校での預かり (3-③-ウ)


class TermsError(ValueError):
    """Prices that cannot be used; ``problems`` name each field."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("単価・費用の指定に誤りがあります:\n" + "\n".join(self.problems))


@dataclass(frozen=True)
class Terms:
    """Everything a settlement of one kind and fiscal year needs besides the usage."""

    facilities: tuple[FacilityCost, ...] = ()
    prices: tuple[UnitPrice, ...] = ()
    costs: tuple[ServiceCost, ...] = ()
    rounding: YenRounding = YenRounding.DOWN


def uniform_terms(
    kind: SettleKind,
    fiscal_year: int,
    records: Iterable[UsageRecord],
    *,
    provider: str | None,
    basic_cost: int | None = None,
    additions: Sequence[AdditionBand] = (),
    yen_per_tonne: Decimal | None = None,
    cost: int | None = None,
    rounding: YenRounding = YenRounding.DOWN,
) -> Terms:
    """One price for every facility or municipality in the usage (the options of CLI and form)."""
    records = tuple(records)
    if kind is SettleKind.SICK_CHILD:
        if basic_cost is None:
            raise TermsError(["basic_cost: 基本的費用（円）を指定してください"])
        keys = sorted({(r.provider, r.facility) for r in records if r.provider and r.facility})
        return Terms(
            facilities=tuple(
                FacilityCost(p, f, fiscal_year, basic_cost, tuple(additions)) for p, f in keys
            )
        )
    if kind is SettleKind.WASTE:
        if yen_per_tonne is None:
            raise TermsError(["yen_per_tonne: 1トンあたりの単価（円）を指定してください"])
        codes = sorted({r.municipality for r in records})
        prices = tuple(UnitPrice(code, fiscal_year, yen_per_tonne) for code in codes)
        return Terms(prices=prices, rounding=rounding)
    if cost is None:
        raise TermsError(["cost: その年度の事業費（円）を指定してください"])
    assert provider is not None
    return Terms(costs=(ServiceCost(provider, fiscal_year, cost),))


def parse_terms(
    text: str,
    kind: SettleKind,
    fiscal_year: int,
    municipalities: Mapping[str, str],
    *,
    provider: str | None,
) -> Terms:
    """A prices file (YAML, docs/costs.md) for one kind and fiscal year; every problem at once."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise TermsError([f"YAML として読めません: {error}"]) from error
    if not isinstance(data, dict):
        raise TermsError(["最上位は対応表（mapping）でなければなりません"])
    problems: list[str] = []
    lookup = {nfkc(n).strip(): c for c, n in municipalities.items()} | {
        c: c for c in municipalities
    }
    rounding = YenRounding.DOWN
    if "rounding" in data:
        try:
            rounding = YenRounding(str(data["rounding"]))
        except ValueError:
            problems.append("rounding: down（切捨て）か half_up（四捨五入）を指定してください")
    terms = Terms(rounding=rounding)
    if kind is SettleKind.SICK_CHILD:
        facilities = _facilities(data.get("facilities"), fiscal_year, lookup, problems)
        terms = Terms(facilities=facilities, rounding=rounding)
    elif kind is SettleKind.WASTE:
        terms = Terms(prices=_prices(data, fiscal_year, lookup, problems), rounding=rounding)
    else:
        cost = _yen(data.get("cost"), "cost", problems)
        if cost is not None and provider is not None:
            terms = Terms(costs=(ServiceCost(provider, fiscal_year, cost),), rounding=rounding)
    if problems:
        raise TermsError(problems)
    return terms


def _facilities(
    raw: object, fiscal_year: int, lookup: Mapping[str, str], problems: list[str]
) -> tuple[FacilityCost, ...]:
    if not isinstance(raw, list) or not raw:
        problems.append(
            "facilities: 施設ごとの費用（provider, facility, basic_cost）の list が必要です"
        )
        return ()
    found = []
    for index, entry in enumerate(raw):
        where = f"facilities[{index}]"
        if not isinstance(entry, dict):
            problems.append(f"{where}: 対応表（mapping）でなければなりません")
            continue
        provider = lookup.get(nfkc(str(entry.get("provider", ""))).strip())
        if provider is None:
            problems.append(f"{where}.provider: 市町村名・団体コードとして知られていません")
        facility = str(entry.get("facility") or "").strip()
        if not facility:
            problems.append(f"{where}.facility: 施設名が必要です")
        basic = _yen(entry.get("basic_cost"), f"{where}.basic_cost", problems)
        bands = _bands(entry.get("additions", []), f"{where}.additions", problems)
        if provider and facility and basic is not None and bands is not None:
            found.append(FacilityCost(provider, facility, fiscal_year, basic, bands))
    return tuple(found)


def _bands(raw: object, where: str, problems: list[str]) -> tuple[AdditionBand, ...] | None:
    if not isinstance(raw, list):
        problems.append(f"{where}: {{min_children, yen}} の list が必要です")
        return None
    bands = []
    for index, entry in enumerate(raw):
        item: Any = entry if isinstance(entry, dict) else {}
        least = _yen(item.get("min_children"), f"{where}[{index}].min_children", problems)
        amount = _yen(item.get("yen"), f"{where}[{index}].yen", problems)
        if least is not None and amount is not None:
            bands.append(AdditionBand(least, amount))
    return tuple(bands)


def _prices(
    data: Mapping[str, Any], fiscal_year: int, lookup: Mapping[str, str], problems: list[str]
) -> tuple[UnitPrice, ...]:
    default = data.get("yen_per_tonne")
    listed = data.get("unit_prices", {})
    if default is None and not listed:
        problems.append("yen_per_tonne か unit_prices（市町村: 単価）が必要です")
    if not isinstance(listed, dict):
        problems.append("unit_prices: 市町村名: 単価 の対応表が必要です")
        listed = {}
    prices: dict[str, Decimal] = {}
    if default is not None:
        price = _decimal(default, "yen_per_tonne", problems)
        if price is not None:
            prices = {code: price for code in set(lookup.values())}
    for name, value in listed.items():
        code = lookup.get(nfkc(str(name)).strip())
        price = _decimal(value, f"unit_prices.{name}", problems)
        if code is None:
            problems.append(f"unit_prices.{name}: 市町村名・団体コードとして知られていません")
        elif price is not None:
            prices[code] = price
    return tuple(UnitPrice(code, fiscal_year, prices[code]) for code in sorted(prices))


def _yen(value: object, where: str, problems: list[str]) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    problems.append(f"{where}: 0以上の整数が必要です（{value!r}）")
    return None


def _decimal(value: object, where: str, problems: list[str]) -> Decimal | None:
    try:
        number = Decimal(str(value).replace(",", "")) if not isinstance(value, bool) else None
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or number < 0 or isinstance(value, float):
        problems.append(f'{where}: 0以上の数を文字列で書いてください（例 "21450" "21450.5"）')
        return None
    return number


def parse_additions(text: str) -> tuple[AdditionBand, ...]:
    """加算 bands written as 'from:yen' pairs, e.g. '100:500000, 300:1000000'."""
    bands = []
    problems = []
    for part in nfkc(text).replace("、", ",").replace(" ", ",").split(","):
        if not part.strip():
            continue
        least, _, amount = part.replace(",", "").partition(":")
        if not (least.strip().isdigit() and amount.strip().isdigit()):
            problems.append(f"additions: 「{part}」は「人数:金額」（例 100:500000）ではありません")
            continue
        bands.append(AdditionBand(int(least), int(amount)))
    if problems:
        raise TermsError(problems)
    return tuple(sorted(bands, key=lambda b: b.min_children))
