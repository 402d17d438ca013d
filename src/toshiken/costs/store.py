"""Population sets and usage records in the database; every write is whole or not at all."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from toshiken.core.db import transaction
from toshiken.costs.model import PopulationSet, UsageRecord
from toshiken.costs.orm import PopulationRow, PopulationSetRow, UsageRecordRow, UsageUploadRow
from toshiken.costs.populations import VISION_ORIGIN, vision_population
from toshiken.vision.model import Vision


class StoreError(ValueError):
    """A write that would break a rule of the data (e.g. a population set name already used)."""


@dataclass(frozen=True)
class StoredSet:
    """A population set as listed: its id, what it is, and how many people it counts."""

    id: int
    name: str
    as_of: date
    source: str
    origin: str
    municipalities: int
    total: int


@dataclass(frozen=True)
class Upload:
    """An accepted usage file."""

    id: int
    kind: str
    fiscal_year: int
    file_name: str
    record_count: int
    uploaded_at: datetime
    uploaded_by: str


def seed_vision_set(sessions: sessionmaker[Session], vision: Vision, now: datetime) -> None:
    """Store the vision's base-data table as a population set once (a no-op when it exists)."""
    population = vision_population(vision)
    with sessions() as session:
        if _set_id(session, population.name) is not None:
            return
    try:
        with transaction(sessions) as session:
            save_population_set(session, population, VISION_ORIGIN, "vision", now)
    except (IntegrityError, StoreError):
        pass  # another process stored it first


def _set_id(session: Session, name: str) -> int | None:
    return session.scalar(select(PopulationSetRow.id).where(PopulationSetRow.name == name))


def save_population_set(
    session: Session, population: PopulationSet, origin: str, actor: str, now: datetime
) -> int:
    """Add a set inside the caller's transaction; its name must be new. Returns its id."""
    if _set_id(session, population.name) is not None:
        raise StoreError(f"人口データ「{population.name}」は既にあります（別の名前にしてください）")
    row = PopulationSetRow(
        name=population.name, as_of=population.as_of, source=population.source, origin=origin,
        created_at=now, created_by=actor,
    )  # fmt: skip
    session.add(row)
    session.flush()
    session.add_all(
        PopulationRow(set_id=row.id, municipality_code=code, population=people)
        for code, people in population.populations.items()
    )
    session.flush()
    return row.id


def population_sets(session: Session) -> list[StoredSet]:
    """Every set, the vision's first, then by date (newest first) and name."""
    totals = {
        set_id: (count, total)
        for set_id, count, total in session.execute(
            select(
                PopulationRow.set_id,
                func.count(PopulationRow.municipality_code),
                func.sum(PopulationRow.population),
            ).group_by(PopulationRow.set_id)
        )
    }
    rows = session.scalars(select(PopulationSetRow)).all()
    found = [
        StoredSet(r.id, r.name, r.as_of, r.source, r.origin, *map(int, totals.get(r.id, (0, 0))))
        for r in rows
    ]
    return sorted(found, key=lambda s: (s.origin != VISION_ORIGIN, -s.as_of.toordinal(), s.name))


def population_set(session: Session, key: int | str) -> tuple[StoredSet, PopulationSet] | None:
    """A set by its id or its name, with its figures; None when there is none."""
    listed = population_sets(session)
    found = next((s for s in listed if s.id == key or s.name == key), None)
    if found is None and isinstance(key, str) and key.isdigit():
        found = next((s for s in listed if s.id == int(key)), None)
    if found is None:
        return None
    figures = session.execute(
        select(PopulationRow.municipality_code, PopulationRow.population).where(
            PopulationRow.set_id == found.id
        )
    )
    populations = {code: people for code, people in figures}
    return found, PopulationSet(found.name, found.as_of, found.source, populations)


def save_usage(
    session: Session,
    kind: str,
    fiscal_year: int,
    records: Sequence[UsageRecord],
    file_name: str,
    actor: str,
    now: datetime,
) -> int:
    """Replace the stored records of this kind and fiscal year by these, in the caller's
    transaction (an upload is the whole year's figures). Returns the upload's id."""
    wrong = sorted({r.fiscal_year for r in records} - {fiscal_year})
    if wrong:
        raise StoreError(f"{fiscal_year}年度の取込に他の年度の行があります: {wrong}")
    stale = select(UsageUploadRow.id).where(
        UsageUploadRow.kind == kind, UsageUploadRow.fiscal_year == fiscal_year
    )
    session.execute(delete(UsageRecordRow).where(UsageRecordRow.upload_id.in_(stale)))
    session.execute(
        delete(UsageUploadRow).where(
            UsageUploadRow.kind == kind, UsageUploadRow.fiscal_year == fiscal_year
        )
    )
    upload = UsageUploadRow(
        kind=kind, fiscal_year=fiscal_year, file_name=file_name[:300], record_count=len(records),
        uploaded_at=now, uploaded_by=actor,
    )  # fmt: skip
    session.add(upload)
    session.flush()
    session.add_all(
        UsageRecordRow(
            upload_id=upload.id, kind=kind, fiscal_year=r.fiscal_year, provider=r.provider or "",
            facility=r.facility or "", period=r.period or "", municipality_code=r.municipality,
            quantity=str(r.quantity), row=r.row,
        )
        for r in records
    )  # fmt: skip
    session.flush()
    return upload.id


def usage_records(session: Session, kind: str, fiscal_year: int) -> tuple[UsageRecord, ...]:
    """The stored records of a kind and fiscal year, in the order of their file."""
    rows = session.scalars(
        select(UsageRecordRow)
        .where(UsageRecordRow.kind == kind, UsageRecordRow.fiscal_year == fiscal_year)
        .order_by(UsageRecordRow.row)
    )
    return tuple(
        UsageRecord(
            r.fiscal_year, r.municipality_code, Decimal(r.quantity), r.provider or None,
            r.facility or None, r.period or None, r.row,
        )
        for r in rows
    )  # fmt: skip


def usage_totals(session: Session, kind: str, fiscal_year: int) -> dict[str, Decimal]:
    """Each using municipality's total quantity of a kind in a fiscal year (exact)."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for record in usage_records(session, kind, fiscal_year):
        totals[record.municipality] += record.quantity
    return dict(totals)


def uploads(session: Session, kind: str | None = None) -> list[Upload]:
    """Accepted usage files, the newest first."""
    query = select(UsageUploadRow).order_by(UsageUploadRow.uploaded_at.desc())
    if kind is not None:
        query = query.where(UsageUploadRow.kind == kind)
    return [
        Upload(r.id, r.kind, r.fiscal_year, r.file_name, r.record_count, r.uploaded_at,
               r.uploaded_by)
        for r in session.scalars(query)
    ]  # fmt: skip
