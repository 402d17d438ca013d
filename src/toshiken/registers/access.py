"""What routes and commands share: the declarations and members as read from the data folder,
and seeding the registers the first time they are used."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from toshiken.accounts.model import Actor
from toshiken.core.db import transaction
from toshiken.core.settings import Settings
from toshiken.registers import store
from toshiken.registers.declarations import FOLDER, load_declarations
from toshiken.registers.model import Register

SEED_ACTOR = Actor(None, "seed:vision")
MEMBERS_FILE = "municipalities.csv"


def _stamp(folder: Path) -> tuple[tuple[str, float], ...]:
    return tuple((p.name, p.stat().st_mtime) for p in sorted(folder.glob("*.yaml")))


@lru_cache(maxsize=4)
def _declarations(folder: Path, stamp: tuple[tuple[str, float], ...]) -> dict[str, Register]:
    return load_declarations(folder)


def declarations(settings: Settings) -> dict[str, Register]:
    """The registers declared under <data_dir>/registers, re-read when a file changes."""
    folder = settings.data_dir / FOLDER
    return _declarations(folder, _stamp(folder))


@lru_cache(maxsize=4)
def _members(path: Path, mtime: float) -> dict[str, str]:
    rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
    return {row["code"]: row["name"] for row in rows}


def members(settings: Settings) -> dict[str, str]:
    """The members' names by code, in the partnership's order (<data_dir>/municipalities.csv)."""
    path = settings.data_dir / MEMBERS_FILE
    return _members(path, path.stat().st_mtime)


def ensure_seeded(
    sessions: sessionmaker[Session],
    registers: dict[str, Register],
    names: dict[str, str],
    now: datetime,
) -> dict[str, int]:
    """Seed every register with a seed that was never seeded; the entries written, by register."""
    with sessions() as session:
        done = store.seeded(session)
    written: dict[str, int] = {}
    for register in registers.values():
        if not register.seed or register.key in done:
            continue
        try:
            with transaction(sessions) as session:
                count = store.seed(session, register, names, SEED_ACTOR, now)
        except IntegrityError:  # another process seeded it at the same moment
            continue
        if count is not None:
            written[register.key] = count
    return written
