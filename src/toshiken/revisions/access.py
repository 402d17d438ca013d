"""What pages and commands share: revision 1 made on first use, each revision's Vision."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from toshiken.core.db import transaction
from toshiken.revisions import store
from toshiken.revisions.model import Draft, Revision
from toshiken.vision.model import Vision
from toshiken.vision.reader import read_vision
from toshiken.vision.store import stored_hash

REFERENCE_FILE = "municipalities.csv"


def ensure_revisions(
    sessions: sessionmaker[Session], data_dir: Path, now: Callable[[], datetime]
) -> list[Revision]:
    """Every published revision; the loaded vision is recorded first if no revision holds it."""
    with sessions() as session:
        found = store.revisions(session)
        sha = stored_hash(session)
    if sha is None or any(r.dataset_sha256 == sha for r in found):
        return found
    reference = (data_dir / REFERENCE_FILE).read_text(encoding="utf-8")
    try:
        with transaction(sessions) as session:
            store.ensure_current(session, reference, now())
    except IntegrityError:
        pass  # another request recorded it at the same moment
    with sessions() as session:
        return store.revisions(session)


@lru_cache(maxsize=16)
def _read(sha256: str, text: str, reference: str) -> Vision:
    return read_vision(text, reference, source_name=f"revision-{sha256[:8]}.txt").vision


def vision_of(revision: Revision) -> Vision:
    """The revision's data: its text read back by the reader (remembered per process)."""
    return _read(revision.sha256, revision.text, revision.reference)


def current_revision(revisions: list[Revision], dataset_sha256: str | None) -> Revision | None:
    """The revision the vision tables hold now: by hash, else the newest."""
    for revision in revisions:
        if revision.dataset_sha256 == dataset_sha256:
            return revision
    return revisions[-1] if revisions else None


def working_draft(sessions: sessionmaker[Session], latest: Revision) -> Draft | None:
    with sessions() as session:
        return store.draft(session)


def draft_or_latest(sessions: sessionmaker[Session], latest: Revision) -> tuple[Vision, int]:
    """The draft's vision and its base; without a draft, the latest revision (to start one)."""
    found = working_draft(sessions, latest)
    if found is not None:
        return found.vision, found.base
    return vision_of(latest), latest.number
