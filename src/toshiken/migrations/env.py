"""Alembic environment: runs on the connection toshiken hands it, or on TOSHIKEN_DATABASE_URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from toshiken.core.db import Base, make_engine
from toshiken.core.settings import Settings
from toshiken.features import import_models

import_models()
target_metadata = Base.metadata
connection = context.config.attributes.get("connection")


def run(conn: Connection) -> None:
    context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    run(connection)
else:
    with make_engine(Settings().database_url).begin() as conn:
        run(conn)
