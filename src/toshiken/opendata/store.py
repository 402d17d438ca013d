"""The published catalog read from the database, kept until the data behind it changes."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from toshiken.core.settings import Settings
from toshiken.opendata.catalog import build_catalog
from toshiken.opendata.formats import render
from toshiken.opendata.model import Catalog
from toshiken.opendata.package import DESCRIPTOR, bulk_zip, data_files, descriptor_bytes, zip_name
from toshiken.opendata.providers import DatasetProvider, call, discover
from toshiken.opendata.settings import configured_license
from toshiken.vision.model import Vision
from toshiken.vision.orm import DatasetRow
from toshiken.vision.store import load_vision


def loaded(session: Session) -> tuple[str, datetime] | None:
    """The stored document's hash and load time (UTC); None when nothing is loaded."""
    row = session.execute(select(DatasetRow.source_sha256, DatasetRow.loaded_at)).first()
    if row is None:
        return None
    sha256, moment = row
    return sha256, moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@dataclass
class Published:
    """A catalog and its files, each rendered once on first use."""

    catalog: Catalog
    _files: dict[str, bytes] = field(default_factory=dict)

    def file(self, name: str) -> bytes | None:
        """A data file, datapackage.json or the bulk ZIP by name; None for an unknown name."""
        if name not in self._files:
            found = self.catalog.file(name)
            if found is not None:
                self._files[name] = render(self.catalog, *found)
            elif name == DESCRIPTOR:
                self._files[name] = descriptor_bytes(self.catalog, self.data_files())
            elif name == zip_name(self.catalog):
                self._files[name] = bulk_zip(self.catalog, self.data_files())
            else:
                return None
        return self._files[name]

    def data_files(self) -> dict[str, bytes]:
        files = data_files(self.catalog)
        self._files.update(files)
        return files


class Publisher:
    """Builds the catalog from the stored vision and the providers; reuses it while unchanged.

    With `fresh_for` seconds, a catalog checked that recently is served without asking the
    database or the providers again (the web app's setting: changes show within that time).
    One check runs at a time; meanwhile other callers get the last catalog (or wait for the
    first one).
    Raises ValueError when the configured licence is unknown (see settings.configured_license).
    """

    def __init__(
        self,
        settings: Settings,
        providers: Sequence[DatasetProvider] | None = None,
        fresh_for: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self.license = configured_license(settings)
        self.providers = list(discover() if providers is None else providers)
        self.fresh_for = fresh_for
        self._clock = clock
        self._lock = threading.Lock()
        self._checked = -math.inf
        self._vision: tuple[tuple[str, datetime], Vision] | None = None
        self._published: tuple[tuple[object, ...], Published] | None = None

    def current(self, sessions: sessionmaker[Session]) -> Published | None:
        """The catalog as the database has it now; None when no vision is loaded."""
        cached = self._published
        if cached is not None and self._clock() - self._checked < self.fresh_for:
            return cached[1]
        wait = cached is None or self.fresh_for <= 0
        if not self._lock.acquire(blocking=wait):
            assert cached is not None
            return cached[1]  # another thread is checking: serve the last catalog meanwhile
        try:
            published = self._check(sessions)
            self._checked = self._clock()
            return published
        finally:
            self._lock.release()

    def _check(self, sessions: sessionmaker[Session]) -> Published | None:
        with sessions() as session:
            stamp = loaded(session)
            vision = self._vision_for(session, stamp) if stamp else None
            if stamp is None or vision is None:
                self._published = None
                return None
            extra = tuple(
                d
                for provide in self.providers
                for d in call(provide, session, vision, self.settings)
            )
        key = (stamp, extra)
        cached = self._published
        if cached is not None and cached[0] == key:
            return cached[1]
        published = Published(build_catalog(vision, stamp[1], self.license, extra))
        self._published = (key, published)
        return published

    def _vision_for(self, session: Session, stamp: tuple[str, datetime]) -> Vision | None:
        cached = self._vision
        if cached is not None and cached[0] == stamp:
            return cached[1]
        vision = load_vision(session)
        self._vision = None if vision is None else (stamp, vision)
        return vision
