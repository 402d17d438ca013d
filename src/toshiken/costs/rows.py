"""One serializer per public shape: what pages, JSON, CSV, the CLI and statements all show."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

from toshiken.core.fiscal import fiscal_year_label
from toshiken.costs.calculate import ROUNDINGS, Calculation
from toshiken.costs.catalog import Catalog, default_component
from toshiken.costs.explain import MEASURE_LABELS, decimal_text, quantity_text, ratio_text
from toshiken.costs.model import Change, CostComponent, CostRule, RuleKind, Statement
from toshiken.costs.store import StoredSet
from toshiken.vision.model import Initiative

Row = dict[str, object]
ROUNDING_NAMES = {rounding: name for name, rounding in ROUNDINGS.items()}

KIND_LABELS: dict[RuleKind, str] = {
    RuleKind.HUB_PAYS: "熊本市が負担",
    RuleKind.PREFECTURE_SHARES: "熊本市及び熊本県が負担",
    RuleKind.POPULATION_RATIO: "人口割合で按分",
    RuleKind.EQUAL_PLUS_POPULATION: "均等割＋人口割",
    RuleKind.USAGE_BASED: "利用実績に応じて負担",
    RuleKind.EACH_PAYS_OWN: "関係市町村がそれぞれ負担",
    RuleKind.BY_AGREEMENT: "協定・規約等の定めによる",
    RuleKind.TO_BE_NEGOTIATED: "別途協議",
    RuleKind.NONE: "費用負担なし",
}
KIND_NOTES: dict[RuleKind, str] = {
    RuleKind.HUB_PAYS: "熊本市が全額を負担します。",
    RuleKind.PREFECTURE_SHARES: "県の負担分を除いた市町村分を熊本市が負担します"
    "（県の割合はビジョンに記載なし）。",
    RuleKind.POPULATION_RATIO: "金額 × その市町村の人口 ÷ 関係市町村の人口の合計。",
    RuleKind.EQUAL_PLUS_POPULATION: "金額 ×（均等割の割合 ÷ 市町村数"
    " + 人口割の割合 × 人口 ÷ 人口の合計）。"
    "割合はビジョンに記載がないため、既定は50%ずつです。",
    RuleKind.USAGE_BASED: "金額 × その市町村の利用実績 ÷ 利用実績の合計。",
    RuleKind.EACH_PAYS_OWN: "各市町村が自らの支出を負担します（市町村間の負担金は生じません）。",
    RuleKind.BY_AGREEMENT: "別に定める協定書・規約等によります（ここでは按分しません）。",
    RuleKind.TO_BE_NEGOTIATED: "按分方法が定まっていないため、ここでは按分しません。",
    RuleKind.NONE: "費用負担はありません。",
}  # fmt: skip


def component_row(number: int, component: CostComponent) -> Row:
    weights = component.weights
    return {
        "number": number,
        "scope": component.scope,
        "kind": component.kind.value,
        "kind_label": KIND_LABELS[component.kind],
        "measure": component.measure.value if component.measure else None,
        "measure_label": MEASURE_LABELS[component.measure] if component.measure else None,
        "instrument": component.instrument,
        "payers": list(component.payers),
        "provider": component.provider,
        "weights": (
            {"equal": ratio_text(weights.normalised()[0]),
             "population": ratio_text(weights.normalised()[1])} if weights else None
        ),
        "note": component.note,
    }  # fmt: skip


def rule_row(rule: CostRule, initiative: Initiative, names: Mapping[str, str]) -> Row:
    """An initiative's rule: its text as printed, its components and who takes part."""
    primary = rule.components[default_component(rule)].kind
    return {
        "id": rule.initiative_id,
        "label": initiative.label,
        "title": initiative.title,
        "text": rule.text,
        "kind": primary.value,
        "kind_label": KIND_LABELS[primary],
        "kinds": [k.value for k in rule.kinds],
        "components": [component_row(i, c) for i, c in enumerate(rule.components, start=1)],
        "participants": [names[c] for c in initiative.participants],
        "participant_codes": list(initiative.participants),
        "budget_thousand_yen": {str(fy): v for fy, v in initiative.budget.items()},
    }


def rules_by_kind(catalog: Catalog, names: Mapping[str, str]) -> list[Row]:
    """Every rule once, under the kind of the component a calculation uses, in kind order."""
    rows = [rule_row(r, catalog.initiative(r.initiative_id), names) for r in catalog.rules]
    return [
        {
            "kind": kind.value,
            "label": KIND_LABELS[kind],
            "note": KIND_NOTES[kind],
            "rules": [r for r in rows if r["kind"] == kind.value],
        }
        for kind in RuleKind
        if any(r["kind"] == kind.value for r in rows)
    ]


def flat_rule_row(row: Row) -> Row:
    """A rule as one CSV line or one terminal-table row."""
    return {
        "id": row["id"],
        "label": row["label"],
        "title": row["title"],
        "kinds": ",".join(row["kinds"]),  # type: ignore[arg-type]
        "text": row["text"],
    }


def population_row(stored: StoredSet) -> Row:
    return {
        "id": stored.id,
        "name": stored.name,
        "as_of": stored.as_of.isoformat(),
        "source": stored.source,
        "origin": stored.origin,
        "municipalities": stored.municipalities,
        "total": stored.total,
    }


def calculation_row(
    calculation: Calculation, names: Mapping[str, str], population: StoredSet | None = None
) -> Row:
    """An allocation: the request, the population set named, and each contribution explained."""
    allocation = calculation.allocation
    request = calculation.request
    basis = allocation.basis
    year = request.fiscal_year
    return {
        "amount_yen": allocation.amount,
        "amount_from_budget": request.from_budget,
        "fiscal_year": year,
        "fiscal_year_label": fiscal_year_label(year) if year else None,
        "component": component_row(request.component + 1, calculation.component),
        "rounding": ROUNDING_NAMES[request.rounding],
        "weights": (
            {"equal": ratio_text(basis.weights[0]), "population": ratio_text(basis.weights[1])}
            if basis.weights else None
        ),
        "members": len(basis.participants),
        "population_set": (
            {"id": population.id, "name": population.name, "as_of": population.as_of.isoformat(),
             "source": population.source} if population and basis.population_name else None
        ),
        "contributions": [
            {
                "code": c.code,
                "name": names.get(c.code, c.code),
                "yen": c.yen,
                "exact_yen": decimal_text(c.share, 3),
                "explanation": c.explanation,
            }
            for c in allocation.contributions
        ],
        "total_yen": sum(allocation.parts),
        "unassigned_yen": allocation.unassigned,
        "notes": list(calculation.notes),
    }  # fmt: skip


def change_rows(changes: Sequence[Change], names: Mapping[str, str]) -> list[Row]:
    return [
        {
            "code": c.code,
            "name": names.get(c.code, c.code),
            "before_yen": c.before,
            "after_yen": c.after,
            "delta_yen": c.delta,
        }
        for c in changes
    ]


def statement_row(statement: Statement, names: Mapping[str, str], title: str) -> Row:
    """A statement (精算書): who pays whom, for what, with each line's working."""
    return {
        "initiative_id": statement.initiative_id,
        "title": title,
        "fiscal_year": statement.fiscal_year,
        "fiscal_year_label": fiscal_year_label(statement.fiscal_year),
        "payer_code": statement.payer,
        "payer": names.get(statement.payer, statement.payer),
        "payee_code": statement.payee,
        "payee": names.get(statement.payee, statement.payee),
        "total_yen": statement.total,
        "lines": [
            {
                "label": line.label,
                "quantity": quantity_text(line.quantity),
                "quantity_value": decimal_value(line.quantity),
                "yen": line.yen,
                "explanation": line.explanation,
            }
            for line in statement.lines
        ],
    }


def decimal_value(value: Fraction) -> str:
    """An exact quantity as plain decimal text: 15, 1234.567 (JSON and Excel read it as is)."""
    if value.denominator == 1:
        return str(value.numerator)
    return str((Decimal(value.numerator) / Decimal(value.denominator)).normalize())


def statement_lines(rows: Sequence[Row]) -> list[Row]:
    """Statements flattened to one row per line (CSV, terminal table)."""
    return [
        {
            "fiscal_year": str(r["fiscal_year"]),
            "payer": r["payer"],
            "payee": r["payee"],
            "item": line["label"],
            "quantity": line["quantity"],
            "yen": line["yen"],
            "explanation": line["explanation"],
        }
        for r in rows
        for line in r["lines"]  # type: ignore[attr-defined]
    ]
