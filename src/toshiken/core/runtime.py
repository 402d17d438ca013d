"""The runtime every entry point builds once from Settings: engine, sessions, schema."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from toshiken.core.db import make_engine, make_sessions, migrate
from toshiken.core.settings import Settings


@dataclass
class Runtime:
    """Settings plus the database handles built from them (lazily, once)."""

    settings: Settings
    _migrated: bool = field(default=False, init=False)

    @cached_property
    def engine(self) -> Engine:
        return make_engine(self.settings.database_url)

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        self.ensure_schema()
        return make_sessions(self.engine)

    def ensure_schema(self) -> None:
        """Run the migrations once per process."""
        if not self._migrated:
            migrate(self.engine)
            self._migrated = True
