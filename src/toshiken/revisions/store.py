"""Read and write revisions and the draft; publishing also stores the vision tables."""

from __future__ import annotations

import hashlib
from datetime import date, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from toshiken.accounts.audit import aware, record_change
from toshiken.accounts.model import Actor
from toshiken.revisions.codec import vision_from_dict, vision_to_dict
from toshiken.revisions.model import Draft, Revision, revision_date, short_title
from toshiken.revisions.orm import DraftRow, RevisionRow
from toshiken.revisions.publish import Prepared
from toshiken.vision.model import Vision
from toshiken.vision.render import render_text
from toshiken.vision.store import load_vision, save_vision, stored_hash

DRAFT_ID = 1


def revisions(session: Session) -> list[Revision]:
    """Every published revision, oldest first."""
    return [_revision(r) for r in session.scalars(select(RevisionRow).order_by(RevisionRow.number))]


def revision(session: Session, number: int) -> Revision | None:
    row = session.get(RevisionRow, number)
    return _revision(row) if row else None


def latest_number(session: Session) -> int:
    return session.scalar(select(func.max(RevisionRow.number))) or 0


def ensure_current(session: Session, reference: str, now: datetime) -> Revision | None:
    """Record the loaded vision as the next revision unless a revision already holds it.

    `toshiken load` of the embedded document makes revision 1 (令和7年3月改定). The loaded
    document's own hash is kept as the revision's dataset hash, so a reload of the same
    document is recognised. Returns the new revision, or None (nothing loaded or nothing new).
    """
    sha = stored_hash(session)
    if sha is None or by_dataset(session, sha) is not None:
        return None
    vision = load_vision(session)
    if vision is None:
        return None
    text = render_text(vision)
    first = latest_number(session) == 0
    row = RevisionRow(
        number=latest_number(session) + 1, title=short_title(vision.revision),
        dated=revision_date(vision.revision) or now.date(), published_at=now,
        published_by="toshiken load", note="" if first else "imported by toshiken load",
        text=text, reference=reference, sha256=_sha(text), dataset_sha256=sha,
    )  # fmt: skip
    session.add(row)
    session.flush()
    return _revision(row)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def by_dataset(session: Session, sha: str) -> Revision | None:
    """The revision whose vision the tables carry under this hash, if any."""
    row = session.scalars(
        select(RevisionRow).where(RevisionRow.dataset_sha256 == sha).order_by(RevisionRow.number)
    ).first()
    return _revision(row) if row else None


def draft(session: Session) -> Draft | None:
    row = session.get(DraftRow, DRAFT_ID)
    if row is None:
        return None
    return Draft(row.base, vision_from_dict(row.data), aware(row.updated_at), row.updated_by)


def save_draft(
    session: Session, base: int, vision: Vision, actor: Actor, now: datetime, what: str
) -> None:
    """Keep the edited vision as the draft and log the edit (`what`: e.g. initiative 1-1-1)."""
    row = session.get(DraftRow, DRAFT_ID)
    data = vision_to_dict(vision)
    before = None if row is None else {"base": row.base, "updated_at": row.updated_at}
    if row is None:
        row = DraftRow(id=DRAFT_ID, base=base, data=data, updated_at=now, updated_by=actor.name)
        session.add(row)
    else:
        row.data, row.updated_at, row.updated_by = data, now, actor.name
    after = {"base": base, "edit": what, "updated_at": now}
    record_change(session, actor, "vision_draft", "draft", before, after, now)
    session.flush()


def discard_draft(session: Session, actor: Actor, now: datetime) -> bool:
    row = session.get(DraftRow, DRAFT_ID)
    if row is None:
        return False
    record_change(session, actor, "vision_draft", "draft", {"base": row.base}, None, now)
    session.execute(delete(DraftRow))
    return True


def publish(
    session: Session, prepared: Prepared, actor: Actor, now: datetime, day: date, note: str
) -> Revision:
    """Store the next revision, make it the current vision (vision tables), drop the draft."""
    number = latest_number(session) + 1
    row = RevisionRow(
        number=number, title=short_title(prepared.vision.revision), dated=day, published_at=now,
        published_by=actor.name, note=note, text=prepared.text, reference=prepared.reference,
        sha256=prepared.sha256, dataset_sha256=prepared.dataset_sha256,
    )  # fmt: skip
    session.add(row)
    save_vision(session, prepared.vision, f"revision-{number}.txt", row.dataset_sha256, now)
    session.execute(delete(DraftRow))
    record_change(
        session, actor, "vision_revision", str(number), None,
        {"number": number, "title": row.title, "dated": day, "sha256": row.sha256}, now,
    )  # fmt: skip
    session.flush()
    return _revision(row)


def _revision(r: RevisionRow) -> Revision:
    return Revision(
        number=r.number, title=r.title, dated=r.dated, published_at=aware(r.published_at),
        published_by=r.published_by, note=r.note, text=r.text, reference=r.reference,
        sha256=r.sha256, dataset_sha256=r.dataset_sha256,
    )  # fmt: skip
