"""Questions the CLI, pages and API ask of the rules and the stored sets: rows and calculations."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from sqlalchemy.orm import Session, sessionmaker

from toshiken.costs import store
from toshiken.costs.calculate import (
    Calculation,
    FieldError,
    InputError,
    Scenario,
    calculate,
    parse_members,
    parse_request,
    parse_weights,
    what_if,
)
from toshiken.costs.catalog import Catalog, default_component
from toshiken.costs.model import PopulationSet
from toshiken.costs.rows import (
    Row,
    calculation_row,
    change_rows,
    population_row,
    rule_row,
    rules_by_kind,
)
from toshiken.costs.settlement import KINDS

USAGE_KINDS = {info.initiative_id: kind for kind, info in KINDS.items()}
WEIGHT_FIELDS = ("equal_weight", "population_weight")


def names_of(catalog: Catalog) -> dict[str, str]:
    return {m.code: m.name for m in catalog.vision.municipalities}


def index(catalog: Catalog) -> Row:
    """Every rule grouped by kind, with the original text."""
    return {"groups": rules_by_kind(catalog, names_of(catalog)), "count": len(catalog.rules)}


def all_rules(catalog: Catalog) -> list[Row]:
    """Every rule in document order."""
    names = names_of(catalog)
    return [rule_row(r, catalog.initiative(r.initiative_id), names) for r in catalog.rules]


def rule_page(catalog: Catalog, initiative_id: str) -> Row:
    """An initiative's rule with what its calculator needs (the id must be in the catalog)."""
    rule = catalog.rule(initiative_id)
    row = rule_row(rule, catalog.initiative(initiative_id), names_of(catalog))
    row["default_component"] = default_component(rule) + 1
    row["usage_kind"] = USAGE_KINDS.get(initiative_id)
    return row


def population_choices(sessions: sessionmaker[Session]) -> list[Row]:
    with sessions() as session:
        return [population_row(s) for s in store.population_sets(session)]


def _population(
    sessions: sessionmaker[Session], value: str | None, field: str, errors: list[FieldError]
) -> tuple[store.StoredSet, PopulationSet] | None:
    with sessions() as session:
        if not value:
            listed = store.population_sets(session)
            return store.population_set(session, listed[0].id) if listed else None
        found = store.population_set(session, value)
    if found is None:
        errors.append(FieldError(field, value, "その人口データはありません"))
    return found


def _usage(
    sessions: sessionmaker[Session], initiative_id: str, fiscal_year: int | None
) -> Mapping[str, Decimal] | None:
    kind = USAGE_KINDS.get(initiative_id)
    if kind is None or fiscal_year is None:
        return None
    with sessions() as session:
        return store.usage_totals(session, kind.value, fiscal_year)


def calculation(
    sessions: sessionmaker[Session],
    catalog: Catalog,
    initiative_id: str,
    params: Mapping[str, str],
    *,
    population_field: str = "population",
    members: Sequence[str] | None = None,
    weights: bool = True,
) -> tuple[Calculation, store.StoredSet]:
    """Check the parameters (as the query string names them) and allocate; InputError if bad."""
    rule = catalog.rule(initiative_id)
    initiative = catalog.initiative(initiative_id)
    errors: list[FieldError] = []
    request = chosen = alt_weights = chosen_members = None
    try:
        request = parse_request(
            rule, initiative, amount=params.get("amount"), fy=params.get("fy"),
            component=params.get("component"), rounding=params.get("rounding"),
        )  # fmt: skip
    except InputError as error:
        errors += error.errors
    chosen = _population(sessions, params.get(population_field), population_field, errors)
    try:
        if weights:
            alt_weights = parse_weights(params.get("equal_weight"), params.get("population_weight"))
    except InputError as error:
        errors += error.errors
    try:
        if members is not None:
            chosen_members = parse_members(members, names_of(catalog))
    except InputError as error:
        errors += error.errors
    if chosen is None and not errors:
        errors.append(FieldError(population_field, "", "人口データが登録されていません"))
    if errors:
        raise InputError(errors)
    assert request is not None and chosen is not None
    scenario = Scenario(chosen[1], alt_weights, chosen_members)
    usage = _usage(sessions, initiative_id, request.fiscal_year)
    calc = calculate(
        initiative, rule, request, scenario, hub=catalog.vision.hub.code,
        usage=usage, population_field=population_field,
    )  # fmt: skip
    return calc, chosen[0]


def asked(params: Mapping[str, str]) -> bool:
    """The calculator form was sent (an amount or a fiscal year was given)."""
    return any(params.get(name) for name in ("amount", "fy"))


def calculator(
    sessions: sessionmaker[Session], catalog: Catalog, initiative_id: str, params: Mapping[str, str]
) -> Row:
    """An initiative's rule and, when asked, its contributions; InputError names bad inputs."""
    page = rule_page(catalog, initiative_id)
    calc, stored = calculation(sessions, catalog, initiative_id, params)
    page["result"] = calculation_row(calc, names_of(catalog), stored)
    return page


def what_if_result(
    sessions: sessionmaker[Session],
    catalog: Catalog,
    initiative_id: str,
    params: Mapping[str, str],
    members: Sequence[str],
) -> Row:
    """Before: the rule as the vision has it; after: another population set, weights, members."""
    names = names_of(catalog)
    errors: list[FieldError] = []
    before = after = None
    base = {k: v for k, v in params.items() if k not in WEIGHT_FIELDS}
    try:
        before = calculation(sessions, catalog, initiative_id, base, weights=False)
    except InputError as error:
        errors += error.errors
    alt = dict(params)
    alt["alt_population"] = params.get("alt_population") or params.get("population") or ""
    try:
        after = calculation(
            sessions, catalog, initiative_id, alt, population_field="alt_population",
            members=members or None,
        )  # fmt: skip
    except InputError as error:
        errors += [e for e in error.errors if e not in errors]
    if errors:
        raise InputError(errors)
    assert before is not None and after is not None
    return {
        "before": calculation_row(before[0], names, before[1]),
        "after": calculation_row(after[0], names, after[1]),
        "changes": change_rows(what_if(before[0], after[0]), names),
    }
