"""The hub's tables: source states, items, merged stories and disaster notices.

Keys (canonical URL keys, telegram addresses) can be long: each table is unique on a SHA-1 of
the key and keeps the key itself beside it. Times are stored in UTC (SQLite keeps no zone, so
`UtcDateTime` puts UTC back on read). The search index over `hub_item.search_text` lives beside
the table and is created by the migrations only (FTS5 trigram on SQLite, a GIN index of
`hub_grams(search_text)` on PostgreSQL); see `hub/search.py`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from toshiken.core.db import Base


class UtcDateTime(TypeDecorator[datetime]):
    """An aware datetime, stored as UTC; naive values read back from SQLite get UTC again."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("hub times must carry a time zone")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment: datetime = value
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


class SourceStateRow(Base):
    """What the scheduler and the fetcher remember about one source (model.SourceState)."""

    __tablename__ = "hub_source_state"

    source_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    url: Mapped[str | None] = mapped_column(Text)  # after a permanent redirect
    next_due: Mapped[datetime | None] = mapped_column(UtcDateTime)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    repeats: Mapped[int] = mapped_column(Integer, default=0)  # identical bodies in a row
    last_attempt: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_success: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_error: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_error_message: Mapped[str] = mapped_column(Text, default="")
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(String(100))
    body_hash: Mapped[str | None] = mapped_column(String(64))
    items: Mapped[int] = mapped_column(Integer, default=0)
    newest: Mapped[datetime | None] = mapped_column(UtcDateTime)


class StoryRow(Base):
    """A merged item: one story however many members posted it (model.MergedItem)."""

    __tablename__ = "hub_story"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key_hash: Mapped[str] = mapped_column(String(40), unique=True)
    key: Mapped[str] = mapped_column(Text)  # the key of the first item seen
    first_seen: Mapped[datetime] = mapped_column(UtcDateTime)
    updated: Mapped[datetime] = mapped_column(UtcDateTime)
    copies: Mapped[int] = mapped_column(Integer, default=1)


class ItemRow(Base):
    """One source's copy of a page (model.Item), sanitised, with its story and search text."""

    __tablename__ = "hub_item"
    __table_args__ = (
        UniqueConstraint("source_id", "key_hash", name="uq_hub_item_source_key"),
        Index("ix_hub_item_published", "published"),
        Index("ix_hub_item_primary_published", "is_primary", "published"),
        Index("ix_hub_item_municipality_published", "municipality", "published"),
        Index("ix_hub_item_topic_published", "topic", "published"),
        Index("ix_hub_item_starts", "starts"),
        Index("ix_hub_item_first_seen", "first_seen"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source_id: Mapped[str] = mapped_column(String(100))
    key_hash: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(Text)  # http(s) only; checked before storing
    title: Mapped[str] = mapped_column(Text)  # plain text
    lead: Mapped[str] = mapped_column(Text)  # plain text
    summary_html: Mapped[str] = mapped_column(Text)  # sanitised with nh3 before storing
    published: Mapped[datetime | None] = mapped_column(UtcDateTime)
    municipality: Mapped[str] = mapped_column(String(6))
    topic: Mapped[str] = mapped_column(String(20))
    topics: Mapped[list[str]] = mapped_column(JSON)
    initiatives: Mapped[list[str]] = mapped_column(JSON)
    starts: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ends: Mapped[datetime | None] = mapped_column(UtcDateTime)
    location: Mapped[str] = mapped_column(Text, default="")
    story_id: Mapped[int] = mapped_column(
        ForeignKey("hub_story.id", ondelete="CASCADE"), index=True
    )
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    first_seen: Mapped[datetime] = mapped_column(UtcDateTime)
    signature: Mapped[bytes | None] = mapped_column(LargeBinary)  # MinHash, 64 × 8 bytes
    search_text: Mapped[str] = mapped_column(Text)  # search.fold(title + lead)


class NoticeRow(Base):
    """A JMA telegram that concerns the partnership (model.DisasterNotice)."""

    __tablename__ = "hub_notice"
    __table_args__ = (Index("ix_hub_notice_issued", "issued"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    link_hash: Mapped[str] = mapped_column(String(40), unique=True)
    link: Mapped[str] = mapped_column(Text)  # the telegram's address: the notice's identity
    title: Mapped[str] = mapped_column(Text)
    info_type: Mapped[str] = mapped_column(String(20))
    headline: Mapped[str] = mapped_column(Text)
    issued: Mapped[datetime | None] = mapped_column(UtcDateTime)
    office: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(20))
    kinds: Mapped[list[str]] = mapped_column(JSON)
    municipalities: Mapped[list[str]] = mapped_column(JSON)
    pinned: Mapped[bool] = mapped_column(Boolean)
    first_seen: Mapped[datetime] = mapped_column(UtcDateTime)
