"""hub: a GIN index of every 1- and 2-character gram of hub_item.search_text (PostgreSQL)

Revision ID: hub_0002
Revises: hub_0001

pg_trgm cannot serve a LIKE for a word of one or two characters, so such a word scanned the whole
table. `hub_grams(text)` lists the distinct 1- and 2-character substrings of a text; a GIN index
on it answers `hub_grams(search_text) @> ARRAY[word]` exactly. SQLite keeps its FTS5 vocabulary.
"""

from __future__ import annotations

from alembic import op

revision = "hub_0002"
down_revision = "hub_0001"
branch_labels = None
depends_on = None

GRAMS_FUNCTION = """
CREATE OR REPLACE FUNCTION hub_grams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT g), '{}') FROM (
    SELECT substr(t, i, 1) FROM generate_series(1, length(t)) AS i
    UNION ALL
    SELECT substr(t, i, 2) FROM generate_series(1, length(t) - 1) AS i
  ) AS grams(g)
$$
"""
GRAMS_INDEX = "CREATE INDEX ix_hub_item_search_grams ON hub_item USING gin (hub_grams(search_text))"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(GRAMS_FUNCTION)
    op.execute(GRAMS_INDEX)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_hub_item_search_grams")
    op.execute("DROP FUNCTION IF EXISTS hub_grams(text)")
