"""hub: source states, items, merged stories, disaster notices, item search index

Revision ID: hub_0001
Revises: 0001

The search index: on SQLite an external-content FTS5 table with the trigram tokenizer over
hub_item.search_text (kept in step by triggers) and an fts5vocab table over it, used to expand
1–2 character queries; on PostgreSQL a pg_trgm GIN index on the same column.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "hub_0001"
down_revision = "0001"
branch_labels = ("hub",)
depends_on = None

TZ = sa.DateTime(timezone=True)
SQLITE_SEARCH = (
    "CREATE VIRTUAL TABLE hub_item_fts USING fts5(search_text, content='hub_item', "
    "content_rowid='id', tokenize='trigram case_sensitive 1')",
    "CREATE VIRTUAL TABLE hub_item_vocab USING fts5vocab(hub_item_fts, 'row')",
    "CREATE TRIGGER hub_item_fts_insert AFTER INSERT ON hub_item BEGIN "
    "INSERT INTO hub_item_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER hub_item_fts_delete AFTER DELETE ON hub_item BEGIN "
    "INSERT INTO hub_item_fts(hub_item_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER hub_item_fts_update AFTER UPDATE OF search_text ON hub_item BEGIN "
    "INSERT INTO hub_item_fts(hub_item_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO hub_item_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
)


def upgrade() -> None:
    op.create_table(
        "hub_source_state",
        sa.Column("source_id", sa.String(length=100), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("next_due", TZ, nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("repeats", sa.Integer(), nullable=False),
        sa.Column("last_attempt", TZ, nullable=True),
        sa.Column("last_success", TZ, nullable=True),
        sa.Column("last_error", TZ, nullable=True),
        sa.Column("last_error_message", sa.Text(), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.String(length=100), nullable=True),
        sa.Column("body_hash", sa.String(length=64), nullable=True),
        sa.Column("items", sa.Integer(), nullable=False),
        sa.Column("newest", TZ, nullable=True),
        sa.PrimaryKeyConstraint("source_id", name=op.f("pk_hub_source_state")),
    )
    op.create_table(
        "hub_story",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key_hash", sa.String(length=40), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("first_seen", TZ, nullable=False),
        sa.Column("updated", TZ, nullable=False),
        sa.Column("copies", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hub_story")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_hub_story_key_hash")),
    )
    op.create_table(
        "hub_item",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source_id", sa.String(length=100), nullable=False),
        sa.Column("key_hash", sa.String(length=40), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("lead", sa.Text(), nullable=False),
        sa.Column("summary_html", sa.Text(), nullable=False),
        sa.Column("published", TZ, nullable=True),
        sa.Column("municipality", sa.String(length=6), nullable=False),
        sa.Column("topic", sa.String(length=20), nullable=False),
        sa.Column("topics", sa.JSON(), nullable=False),
        sa.Column("initiatives", sa.JSON(), nullable=False),
        sa.Column("starts", TZ, nullable=True),
        sa.Column("ends", TZ, nullable=True),
        sa.Column("location", sa.Text(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("is_primary", sa.Boolean(), nullable=False),
        sa.Column("first_seen", TZ, nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["hub_story.id"],
            name=op.f("fk_hub_item_story_id_hub_story"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hub_item")),
        sa.UniqueConstraint("source_id", "key_hash", name="uq_hub_item_source_key"),
    )
    for name, columns in (
        ("ix_hub_item_published", ["published"]),
        ("ix_hub_item_primary_published", ["is_primary", "published"]),
        ("ix_hub_item_municipality_published", ["municipality", "published"]),
        ("ix_hub_item_topic_published", ["topic", "published"]),
        ("ix_hub_item_starts", ["starts"]),
        ("ix_hub_item_first_seen", ["first_seen"]),
        ("ix_hub_item_story_id", ["story_id"]),
    ):
        op.create_index(name, "hub_item", columns, unique=False)
    op.create_table(
        "hub_notice",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("link_hash", sa.String(length=40), nullable=False),
        sa.Column("link", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("info_type", sa.String(length=20), nullable=False),
        sa.Column("headline", sa.Text(), nullable=False),
        sa.Column("issued", TZ, nullable=True),
        sa.Column("office", sa.String(length=100), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("kinds", sa.JSON(), nullable=False),
        sa.Column("municipalities", sa.JSON(), nullable=False),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.Column("first_seen", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hub_notice")),
        sa.UniqueConstraint("link_hash", name=op.f("uq_hub_notice_link_hash")),
    )
    op.create_index("ix_hub_notice_issued", "hub_notice", ["issued"], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_SEARCH:
            op.execute(statement)
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute(
        "CREATE INDEX ix_hub_item_search_trgm ON hub_item USING gin (search_text gin_trgm_ops)"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS hub_item_fts_{name}")
        op.execute("DROP TABLE IF EXISTS hub_item_vocab")
        op.execute("DROP TABLE IF EXISTS hub_item_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_hub_item_search_trgm")
    op.drop_table("hub_notice")
    op.drop_table("hub_item")
    op.drop_table("hub_story")
    op.drop_table("hub_source_state")
