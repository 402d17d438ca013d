"""Write a Vision to the database and read it back; a reload of the same document is a no-op."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from toshiken.vision.model import (
    Initiative,
    Kpi,
    Municipality,
    Pillar,
    Policy,
    ScheduleItem,
    StatTable,
    Vision,
)
from toshiken.vision.orm import (
    BudgetRow,
    DatasetRow,
    InitiativeRow,
    KpiRow,
    MunicipalityRow,
    ParticipationRow,
    PillarRow,
    PolicyRow,
    StatTableRow,
)

# children before parents, for deleting
TABLES = (
    ParticipationRow,
    BudgetRow,
    InitiativeRow,
    KpiRow,
    PolicyRow,
    PillarRow,
    MunicipalityRow,
    StatTableRow,
    DatasetRow,
)


def stored_hash(session: Session) -> str | None:
    return session.scalar(select(DatasetRow.source_sha256))


def save_vision(
    session: Session, vision: Vision, source_name: str, sha256: str, now: datetime
) -> bool:
    """Replace the stored vision by this one inside the caller's transaction.

    Returns False (and writes nothing) when the same document is already loaded.
    """
    if stored_hash(session) == sha256:
        return False
    for table in TABLES:
        session.execute(delete(table))
    session.add(_dataset_row(vision, source_name, sha256, now))
    session.add_all(MunicipalityRow(**_municipality(m)) for m in vision.municipalities)
    session.add_all(
        PillarRow(number=p.number, title=p.title, direction=p.direction) for p in vision.pillars
    )
    session.flush()
    session.add_all(PolicyRow(id=p.id, **_fields(p)) for p in vision.policies)
    session.flush()
    for initiative in vision.initiatives:
        session.add(_initiative_row(initiative))
    session.flush()
    for initiative in vision.initiatives:
        session.add_all(
            ParticipationRow(initiative_id=initiative.id, municipality_code=code)
            for code in initiative.participants
        )
        session.add_all(
            BudgetRow(initiative_id=initiative.id, fiscal_year=fy, amount=amount)
            for fy, amount in initiative.budget.items()
        )
    session.add_all(KpiRow(**_fields(k)) for k in vision.kpis)
    session.add_all(
        StatTableRow(
            key=t.key, title=t.title, unit=t.unit, columns=list(t.columns),
            rows=[list(r) for r in t.rows], source=t.source, as_of=t.as_of,
        )
        for t in vision.tables
    )  # fmt: skip
    session.flush()
    return True


def _fields(obj: Policy | Kpi) -> dict[str, object]:
    return dict(obj.__dict__)


def _municipality(m: Municipality) -> dict[str, object]:
    fields = dict(m.__dict__)
    fields["position"] = fields.pop("order")
    return fields


def _dataset_row(vision: Vision, source_name: str, sha256: str, now: datetime) -> DatasetRow:
    return DatasetRow(
        id=1,
        title=vision.title,
        area_name=vision.area_name,
        revision=vision.revision,
        revisions=list(vision.revisions),
        period_start=vision.period_start,
        period_end=vision.period_end,
        population_as_of=vision.population_as_of,
        population_source=vision.population_source,
        prefecture_population=vision.prefecture[0],
        prefecture_households=vision.prefecture[1],
        prefecture_area_km2=vision.prefecture[2],
        source_name=source_name,
        source_sha256=sha256,
        loaded_at=now,
    )


def _initiative_row(i: Initiative) -> InitiativeRow:
    return InitiativeRow(
        id=i.id, policy_id=i.policy_id, pillar=i.pillar, policy=i.policy, number=i.number,
        title=i.title, all_members=i.all_members, description=i.description, roles=i.roles,
        hub_role=i.hub_role, neighbour_role=i.neighbour_role, cost_sharing=i.cost_sharing,
        schedule=[{"label": s.label, "years": list(s.years)} for s in i.schedule],
        budget_total=i.budget_total, subsidies=i.subsidies, effect=i.effect, line=i.line,
    )  # fmt: skip


def load_vision(session: Session) -> Vision | None:
    """The stored vision as the model the reader produces; None when nothing is loaded."""
    dataset = session.get(DatasetRow, 1)
    if dataset is None:
        return None
    members = [
        _member(r)
        for r in session.scalars(select(MunicipalityRow).order_by(MunicipalityRow.position))
    ]
    order = {m.code: m.order for m in members}
    participants: dict[str, list[str]] = {}
    for p in session.scalars(select(ParticipationRow)):
        participants.setdefault(p.initiative_id, []).append(p.municipality_code)
    budgets: dict[str, dict[int, int | None]] = {}
    for b in session.scalars(select(BudgetRow).order_by(BudgetRow.fiscal_year)):
        budgets.setdefault(b.initiative_id, {})[b.fiscal_year] = b.amount
    rows = session.scalars(
        select(InitiativeRow).order_by(
            InitiativeRow.pillar, InitiativeRow.policy, InitiativeRow.number
        )
    )
    initiatives = tuple(
        _initiative(r, sorted(participants.get(r.id, []), key=order.__getitem__), budgets[r.id])
        for r in rows
    )
    return Vision(
        title=dataset.title,
        area_name=dataset.area_name,
        revision=dataset.revision,
        revisions=tuple(dataset.revisions),
        period_start=dataset.period_start,
        period_end=dataset.period_end,
        population_as_of=dataset.population_as_of,
        population_source=dataset.population_source,
        prefecture=(
            dataset.prefecture_population,
            dataset.prefecture_households,
            _exact(dataset.prefecture_area_km2),
        ),
        municipalities=tuple(members),
        pillars=tuple(
            Pillar(r.number, r.title, r.direction)
            for r in session.scalars(select(PillarRow).order_by(PillarRow.number))
        ),
        policies=tuple(
            _policy(r)
            for r in session.scalars(select(PolicyRow).order_by(PolicyRow.pillar, PolicyRow.number))
        ),
        initiatives=initiatives,
        kpis=tuple(_kpi(r) for r in session.scalars(select(KpiRow).order_by(KpiRow.number))),
        tables=tuple(
            StatTable(
                t.key,
                t.title,
                t.unit,
                tuple(t.columns),
                tuple(tuple(r) for r in t.rows),
                t.source,
                t.as_of,
            )
            for t in session.scalars(select(StatTableRow).order_by(StatTableRow.key))
        ),
    )


def _member(r: MunicipalityRow) -> Municipality:
    return Municipality(
        code=r.code, name=r.name, reading=r.reading, name_en=r.name_en,
        kind=r.kind,  # type: ignore[arg-type]
        is_hub=r.is_hub, population=r.population, households=r.households,
        area_km2=_exact(r.area_km2), order=r.position,
    )  # fmt: skip


def _policy(r: PolicyRow) -> Policy:
    return Policy(
        pillar=r.pillar, number=r.number, title=r.title, direction=r.direction,
        agreement_category=r.agreement_category, agreement_field=r.agreement_field,
        agreement_content=r.agreement_content, hub_role=r.hub_role, neighbour_role=r.neighbour_role,
    )  # fmt: skip


def _initiative(
    r: InitiativeRow, participants: list[str], budget: dict[int, int | None]
) -> Initiative:
    return Initiative(
        pillar=r.pillar, policy=r.policy, number=r.number, title=r.title,
        participants=tuple(participants), all_members=r.all_members, description=r.description,
        roles=r.roles, hub_role=r.hub_role, neighbour_role=r.neighbour_role,
        cost_sharing=r.cost_sharing,
        schedule=tuple(
            ScheduleItem(str(s["label"]), tuple(int(y) for y in s["years"]))  # type: ignore[attr-defined]
            for s in r.schedule
        ),
        budget=budget, budget_total=r.budget_total, subsidies=r.subsidies, effect=r.effect,
        line=r.line,
    )  # fmt: skip


def _kpi(r: KpiRow) -> Kpi:
    return Kpi(
        number=r.number, level=r.level,  # type: ignore[arg-type]
        pillar=r.pillar, policy=r.policy, field=r.field, name=r.name, unit=r.unit,
        baseline=_exact(r.baseline), baseline_period=r.baseline_period,
        target_kind=r.target_kind,  # type: ignore[arg-type]
        target=_exact(r.target), target_period=r.target_period, base_period=r.base_period,
        source=r.source,
    )  # fmt: skip


def _exact(value: Decimal) -> Decimal:
    """Numeric columns come back with trailing zeros; give the value as the document printed it."""
    value = Decimal(value)
    return Decimal(int(value)) if value == value.to_integral_value() else value.normalize()
