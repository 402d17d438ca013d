"""The registers migration creates exactly the tables the registers' ORM declares."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from toshiken.core.db import Base
from toshiken.core.runtime import Runtime
from toshiken.features import import_models


def test_schema_matches_the_models(runtime: Runtime) -> None:
    runtime.ensure_schema()
    import_models()
    with runtime.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    mine = [d for d in diff if "registers_" in repr(d)]
    assert mine == []
