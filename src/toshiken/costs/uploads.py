"""Settling a usage file: check the inputs, read the rows, price, settle; save all or nothing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy.orm import Session, sessionmaker

from toshiken.accounts.audit import record_change
from toshiken.accounts.model import Actor
from toshiken.core.db import transaction
from toshiken.core.text import nfkc
from toshiken.costs import store
from toshiken.costs.calculate import FieldError
from toshiken.costs.catalog import Catalog
from toshiken.costs.model import PopulationSet, UsageRecord
from toshiken.costs.populations import FILE_ORIGIN
from toshiken.costs.rows import Row, statement_row
from toshiken.costs.settle import SettlementError, YenRounding
from toshiken.costs.settlement import KINDS, fixed_provider, read_usage, run_settlement
from toshiken.costs.sickchild import AdditionBand
from toshiken.costs.terms import (
    SettleKind,
    Terms,
    TermsError,
    parse_additions,
    parse_terms,
    uniform_terms,
)
from toshiken.costs.usage import UsageFileError


@dataclass(frozen=True)
class Issue:
    """One reason a settlement was refused: a row and column of the file, or a field."""

    field: str  # the form field or option at fault: usage, prices, fy, cost …
    reason: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        if self.row:
            return f"{self.row}行目 {self.column}: {self.reason}"
        return f"{self.column or self.field}: {self.reason}"


class SettleRefused(ValueError):
    """Nothing was settled or saved; ``issues`` lists every reason."""

    def __init__(self, issues: Sequence[Issue]) -> None:
        self.issues = tuple(issues)
        super().__init__("精算できません（何も保存していません）:\n" + "\n".join(map(str, issues)))


@dataclass(frozen=True)
class Prices:
    """How the settlement is priced: a prices file (YAML text), or one price for all."""

    text: str | None = None
    basic_cost: int | None = None
    additions: tuple[AdditionBand, ...] = ()
    yen_per_tonne: Decimal | None = None
    cost: int | None = None
    rounding: YenRounding = YenRounding.DOWN


@dataclass(frozen=True)
class Settled:
    """A settled fiscal year: the records it used and its statements as rows."""

    kind: SettleKind
    fiscal_year: int
    title: str
    records: tuple[UsageRecord, ...]
    statements: tuple[Row, ...]

    @property
    def total(self) -> int:
        return sum(int(str(s["total_yen"])) for s in self.statements)


def settle(
    catalog: Catalog,
    kind: SettleKind,
    fiscal_year: int,
    prices: Prices,
    *,
    usage: bytes | None = None,
    stored: Sequence[UsageRecord] = (),
) -> Settled:
    """Statements from a usage file (or the stored records); SettleRefused lists every problem."""
    vision = catalog.vision
    names = {m.code: m.name for m in vision.municipalities}
    info = KINDS[kind]
    initiative = catalog.initiative(info.initiative_id)
    provider = fixed_provider(kind, catalog.rule(info.initiative_id), names)
    records = tuple(stored)
    if usage is not None:
        try:
            records = read_usage(kind, usage, names, fiscal_year, initiative.participants)
        except UsageFileError as error:
            raise SettleRefused(
                [Issue("usage", p.reason, p.row or None, p.column) for p in error.problems]
            ) from error
    elif not records:
        raise SettleRefused([Issue("usage", f"{fiscal_year}年度の利用実績が登録されていません")])
    try:
        terms = _terms(kind, fiscal_year, prices, records, names, provider)
        statements = run_settlement(kind, records, terms, provider=provider)
    except TermsError as error:
        raise SettleRefused([Issue("prices", p) for p in error.problems]) from error
    except SettlementError as error:
        raise SettleRefused([Issue("prices", p) for p in error.problems]) from error
    title = f"{initiative.label} {info.label}"
    rows = tuple(statement_row(s, names, title) for s in statements)
    return Settled(kind, fiscal_year, title, records, rows)


def _terms(
    kind: SettleKind,
    fiscal_year: int,
    prices: Prices,
    records: Sequence[UsageRecord],
    names: Mapping[str, str],
    provider: str | None,
) -> Terms:
    if prices.text is not None:
        return parse_terms(prices.text, kind, fiscal_year, names, provider=provider)
    return uniform_terms(
        kind, fiscal_year, records, provider=provider, basic_cost=prices.basic_cost,
        additions=prices.additions, yen_per_tonne=prices.yen_per_tonne, cost=prices.cost,
        rounding=prices.rounding,
    )  # fmt: skip


def save(
    sessions: sessionmaker[Session], settled: Settled, file_name: str, actor: Actor, now: datetime
) -> int:
    """Store a settled file's records, replacing that kind and year, audited, in one transaction."""
    kind, year = settled.kind.value, settled.fiscal_year
    with transaction(sessions) as session:
        old = next((u for u in store.uploads(session, kind) if u.fiscal_year == year), None)
        upload_id = store.save_usage(
            session, kind, year, settled.records, file_name, actor.name, now
        )
        before = {"file": old.file_name, "records": old.record_count} if old else None
        after = {"file": file_name, "records": len(settled.records), "total_yen": settled.total}
        record_change(session, actor, "costs_usage", f"{kind}/{year}", before, after, now)
        return upload_id


def save_population(
    sessions: sessionmaker[Session], population: PopulationSet, actor: Actor, now: datetime
) -> int:
    """Store a population set read from a file, audited, in one transaction; its id."""
    with transaction(sessions) as session:
        set_id = store.save_population_set(session, population, FILE_ORIGIN, actor.name, now)
        after = {"as_of": population.as_of, "source": population.source,
                 "total": sum(population.populations.values())}  # fmt: skip
        record_change(session, actor, "costs_population_set", population.name, None, after, now)
        return set_id


def parse_prices(values: Mapping[str, str]) -> Prices:
    """The price fields of the form (or CLI options) as text; SettleRefused names each bad one."""
    errors: list[FieldError] = []
    rounding = YenRounding.DOWN
    if values.get("rounding"):
        try:
            rounding = YenRounding(values["rounding"])
        except ValueError:
            errors.append(
                FieldError("rounding", values["rounding"], "down か half_up を指定してください")
            )
    basic = _whole(values, "basic_cost", errors)
    cost = _whole(values, "cost", errors)
    price = None
    if values.get("yen_per_tonne"):
        try:
            price = Decimal(nfkc(values["yen_per_tonne"]).replace(",", "").strip())
        except InvalidOperation:
            price = None
        if price is None or not price.is_finite() or price < 0:
            message = "0以上の数（円/t）を入力してください"
            errors.append(FieldError("yen_per_tonne", values["yen_per_tonne"], message))
            price = None
    additions: tuple[AdditionBand, ...] = ()
    if values.get("additions"):
        try:
            additions = parse_additions(values["additions"])
        except TermsError as error:
            errors += [FieldError("additions", values["additions"], p) for p in error.problems]
    if errors:
        raise SettleRefused([Issue(e.field, e.message) for e in errors])
    return Prices(None, basic, additions, price, cost, rounding)


def _whole(values: Mapping[str, str], name: str, errors: list[FieldError]) -> int | None:
    text = nfkc(values.get(name) or "").replace(",", "").removesuffix("円").strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()):
        errors.append(FieldError(name, values[name], "0以上の整数（円）を入力してください"))
        return None
    return int(text)
