"""The calculator behind CLI, pages and API: checked inputs in, an allocation or a what-if out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from toshiken.core.text import nfkc
from toshiken.costs.allocate import AllocationError, allocate, compare
from toshiken.costs.catalog import default_component
from toshiken.costs.model import (
    Allocation,
    Change,
    CostComponent,
    CostRule,
    PopulationSet,
    Rounding,
    RuleKind,
    Weights,
)
from toshiken.vision.model import Initiative

ROUNDINGS: dict[str, Rounding] = {
    "largest-remainder": Rounding.LARGEST_REMAINDER,
    "hub": Rounding.REMAINDER_TO_HUB,
}
ROUNDING_LABELS: dict[str, str] = {
    "largest-remainder": "最大剰余法（端数を剰余の大きい順に1円ずつ）",
    "hub": "端数は連携中枢都市（熊本市）に寄せる",
}
MAX_AMOUNT = 10**15  # 1,000兆円: far beyond any budget, and keeps every figure readable


@dataclass(frozen=True)
class FieldError:
    """A bad input, naming the parameter (as in the query string) and why."""

    field: str
    value: object
    message: str


class InputError(ValueError):
    """Inputs that cannot be calculated with; ``errors`` name every parameter at fault."""

    def __init__(self, errors: Sequence[FieldError]) -> None:
        self.errors = tuple(errors)
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in self.errors))


@dataclass(frozen=True)
class Request:
    """What to split: the amount (typed in, or the FY's budget), the component and rounding."""

    amount: int
    fiscal_year: int | None
    from_budget: bool
    component: int
    rounding: Rounding


@dataclass(frozen=True)
class Scenario:
    """The basis of one allocation: a population set, weights and the members taking part."""

    population: PopulationSet
    weights: Weights | None = None
    members: tuple[str, ...] | None = None  # None: the initiative's participants


@dataclass(frozen=True)
class Calculation:
    """An allocation with the request it answers and notes on what was left out."""

    request: Request
    component: CostComponent
    allocation: Allocation
    notes: tuple[str, ...] = field(default=())


def parse_request(
    rule: CostRule,
    initiative: Initiative,
    *,
    amount: str | None,
    fy: str | None,
    component: str | None = None,
    rounding: str | None = None,
) -> Request:
    """Check the calculator's inputs; an empty amount takes the FY's budget (千円 × 1,000)."""
    errors: list[FieldError] = []
    year = _int(fy, "fy", errors, low=2000, high=2100) if fy else None
    index = default_component(rule)
    if component:
        index = (_int(component, "component", errors, low=1, high=len(rule.components)) or 1) - 1
    chosen = ROUNDINGS.get(rounding or "largest-remainder")
    if chosen is None:
        errors.append(
            FieldError("rounding", rounding, "largest-remainder か hub を指定してください")
        )
    value = _yen(amount, errors) if amount else None
    from_budget = value is None and not any(e.field == "amount" for e in errors)
    if from_budget and year is None and not errors:
        message = "金額を入力するか、年度を選んでその年度の事業費を使ってください"
        errors.append(FieldError("amount", amount or "", message))
    elif from_budget and year is not None:
        budget = initiative.budget.get(year)
        if budget is None:
            errors.append(
                FieldError("fy", fy, "この年度の事業費は記載がありません（金額を入力してください）")
            )
        else:
            value = budget * 1000
    if errors:
        raise InputError(errors)
    assert value is not None and chosen is not None
    return Request(value, year, from_budget, index, chosen)


def parse_weights(equal: str | None, population: str | None) -> Weights | None:
    """均等割 : 人口割 as two whole numbers (e.g. 50 and 50); both empty = the default."""
    if not equal and not population:
        return None
    errors: list[FieldError] = []
    e = _int(equal or "0", "equal_weight", errors, low=0, high=10**6)
    p = _int(population or "0", "population_weight", errors, low=0, high=10**6)
    if not errors and e == 0 and p == 0:
        errors.append(FieldError("equal_weight", equal, "均等割と人口割の両方を0にはできません"))
    if errors:
        raise InputError(errors)
    assert e is not None and p is not None
    return Weights(Fraction(e), Fraction(p))


def parse_members(values: Sequence[str], names: Mapping[str, str]) -> tuple[str, ...]:
    """Members by code or name (in the order of ``names``); unknown or none is an error."""
    lookup = {nfkc(n): c for c, n in names.items()} | {c: c for c in names}
    wanted = [v for value in values for v in nfkc(value).replace("、", ",").split(",") if v.strip()]
    unknown = [v for v in wanted if v.strip() not in lookup]
    if unknown:
        message = f"市町村名・団体コードとして知られていません: {', '.join(unknown)}"
        raise InputError([FieldError("members", ",".join(values), message)])
    chosen = {lookup[v.strip()] for v in wanted}
    if not chosen:
        raise InputError([FieldError("members", "", "関係市町村を1つ以上選んでください")])
    return tuple(code for code in names if code in chosen)


def calculate(
    initiative: Initiative,
    rule: CostRule,
    request: Request,
    scenario: Scenario,
    *,
    hub: str,
    usage: Mapping[str, Decimal] | None = None,
    population_field: str = "population",
) -> Calculation:
    """Allocate the request's amount by the chosen component, naming inputs at fault."""
    component = rule.components[request.component]
    members = scenario.members or initiative.participants
    notes: list[str] = []
    kind = component.kind
    if kind in (RuleKind.POPULATION_RATIO, RuleKind.EQUAL_PLUS_POPULATION):
        missing = [c for c in members if c not in scenario.population.populations]
        if missing:
            message = f"「{scenario.population.name}」に人口がない市町村: {', '.join(missing)}"
            raise InputError([FieldError(population_field, scenario.population.name, message)])
    figures = None
    if kind is RuleKind.USAGE_BASED:
        if not usage:
            message = "この年度の利用実績が登録されていません（精算のページで取り込めます）"
            raise InputError([FieldError("fy", request.fiscal_year, message)])
        figures = {c: q for c, q in usage.items() if c in members}
        left_out = sorted(set(usage) - set(figures))
        if left_out:
            notes.append(f"関係市町村でない市町村の利用実績を除きました: {', '.join(left_out)}")
    needs_hub = kind in (RuleKind.HUB_PAYS, RuleKind.PREFECTURE_SHARES)
    if (needs_hub or request.rounding is Rounding.REMAINDER_TO_HUB) and hub not in members:
        where = "members" if scenario.members is not None else "rounding"
        raise InputError([FieldError(where, hub, "連携中枢都市（熊本市）が関係市町村にいません")])
    try:
        allocation = allocate(
            component, request.amount, members, _population_used(kind, members, scenario),
            usage=figures, hub=hub, weights=scenario.weights, rounding=request.rounding,
        )  # fmt: skip
    except AllocationError as error:
        raise InputError([FieldError("component", request.component + 1, str(error))]) from error
    return Calculation(request, component, allocation, tuple(notes))


def _population_used(
    kind: RuleKind, members: Sequence[str], scenario: Scenario
) -> PopulationSet | None:
    """The set an allocation names: population kinds, and usage (ties go to the larger town)."""
    population = scenario.population
    if kind in (RuleKind.POPULATION_RATIO, RuleKind.EQUAL_PLUS_POPULATION):
        return population
    if kind is RuleKind.USAGE_BASED and all(c in population.populations for c in members):
        return population
    return None


def what_if(before: Calculation, after: Calculation) -> tuple[Change, ...]:
    """Each municipality's change from one calculation to the other (allocate.compare)."""
    return compare(before.allocation, after.allocation)


def _int(text: str, name: str, errors: list[FieldError], *, low: int, high: int) -> int | None:
    value = nfkc(text).replace(",", "").strip()
    if not (value.isascii() and value.isdigit()) or not low <= int(value) <= high:
        errors.append(FieldError(name, text, f"{low}〜{high} の整数を指定してください"))
        return None
    return int(value)


def _yen(text: str, errors: list[FieldError]) -> int | None:
    value = nfkc(text).replace(",", "").removesuffix("円").strip()
    try:
        number = Decimal(value)
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite() or number < 0 or number != number.to_integral_value():
        errors.append(FieldError("amount", text, "0以上の整数（円）を入力してください"))
        return None
    if number > MAX_AMOUNT:
        errors.append(FieldError("amount", text, f"{MAX_AMOUNT:,}円以下で入力してください"))
        return None
    return int(number)
