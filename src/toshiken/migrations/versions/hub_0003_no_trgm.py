"""hub: drop the pg_trgm index of hub_item.search_text, which search no longer reads (PostgreSQL)

Revision ID: hub_0003
Revises: hub_0002

Search on PostgreSQL asks the gram index (hub_0002) for the rarest one- and two-character grams of
the words and checks the words with strpos; pg_trgm had to read every trigram of a word, common
ones included (~30 ms for a word ending in について over a million items), and cost every write.
SQLite keeps its FTS5 table.
"""

from __future__ import annotations

from alembic import op

revision = "hub_0003"
down_revision = "hub_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_hub_item_search_trgm")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE INDEX ix_hub_item_search_trgm ON hub_item USING gin (search_text gin_trgm_ops)"
    )
