"""vision search index: FTS5 trigram on SQLite, pg_trgm GIN on PostgreSQL

Revision ID: vision_0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "vision_0002"
down_revision = "0001"
branch_labels = ("vision_search",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "vision_search_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_sha256", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vision_search_state")),
    )
    if op.get_bind().dialect.name == "sqlite":
        # the rows are the index: kind and ref are carried, title and body are searched
        op.execute(
            "CREATE VIRTUAL TABLE vision_search USING fts5("
            "kind UNINDEXED, ref UNINDEXED, title, body, tokenize='trigram')"
        )
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_table(
        "vision_search",
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("ref", sa.String(length=12), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("doc", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "ref", name=op.f("pk_vision_search")),
    )
    op.execute(
        "CREATE INDEX ix_vision_search_doc_trgm ON vision_search USING gin (doc gin_trgm_ops)"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.execute("DROP INDEX IF EXISTS ix_vision_search_doc_trgm")
    op.execute("DROP TABLE IF EXISTS vision_search")
    op.drop_table("vision_search_state")
