"""Load the document into the database in one transaction: what `toshiken load` runs."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from toshiken.core.db import transaction
from toshiken.vision.model import Vision
from toshiken.vision.reader import read_vision
from toshiken.vision.report import LoadReport
from toshiken.vision.store import load_vision, save_vision

REFERENCE_FILE = "municipalities.csv"


@dataclass(frozen=True)
class LoadResult:
    vision: Vision
    report: LoadReport
    changed: bool
    sha256: str


def load_document(
    sessions: sessionmaker[Session], source: Path, data_dir: Path, now: datetime | None = None
) -> LoadResult:
    """Read, verify and store. Raises VisionError (nothing written) if the document is rejected."""
    raw = source.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{source}: not UTF-8 text (byte {exc.start})") from exc
    reference = (data_dir / REFERENCE_FILE).read_text(encoding="utf-8")
    result = read_vision(text, reference, source_name=source.name)
    sha256 = hashlib.sha256(raw + reference.encode()).hexdigest()
    with transaction(sessions) as session:
        changed = save_vision(session, result.vision, source.name, sha256, now or datetime.now(UTC))
    return LoadResult(result.vision, result.report, changed, sha256)


def current_vision(sessions: sessionmaker[Session]) -> Vision | None:
    with sessions() as session:
        return load_vision(session)
