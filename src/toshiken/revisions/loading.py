"""What `toshiken load` asks of the revisions: skip a replaced document; record a new one."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from toshiken.revisions import store
from toshiken.revisions.access import REFERENCE_FILE, ensure_revisions
from toshiken.revisions.model import Revision
from toshiken.vision.store import stored_hash


def document_hash(source: Path, data_dir: Path) -> str:
    """The dataset hash `toshiken load` gives this document (document bytes + reference file)."""
    raw = source.read_bytes()
    return hashlib.sha256(raw + (data_dir / REFERENCE_FILE).read_bytes()).hexdigest()


def replaced_by(sessions: sessionmaker[Session], source: Path, data_dir: Path) -> Revision | None:
    """The current revision when `source` is an earlier revision's document: loading it again
    must not undo what was published in the app since."""
    sha = document_hash(source, data_dir)
    with sessions() as session:
        current = stored_hash(session)
        if current is None or current == sha:
            return None
        earlier = store.by_dataset(session, sha)
        now = store.by_dataset(session, current)
    if earlier is not None and now is not None and now.number > earlier.number:
        return now
    return None


def record_loaded(sessions: sessionmaker[Session], data_dir: Path) -> list[Revision]:
    """After a load: the loaded vision becomes revision 1 (or the next one) unless one holds it."""
    return ensure_revisions(sessions, data_dir, lambda: datetime.now(UTC))
