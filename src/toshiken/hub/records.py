"""Model values <-> table rows, sanitised on the way in: nh3 for summaries, plain text for the
rest, http(s) addresses only; nothing a member site sent reaches a page or feed unchecked."""

from __future__ import annotations

import hashlib
import re
import struct
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from toshiken.hub.dates import JST
from toshiken.hub.model import DisasterNotice, Item, SourceState, Validators
from toshiken.hub.orm import ItemRow, NoticeRow, SourceStateRow
from toshiken.hub.sanitize import clean_html, to_text
from toshiken.hub.search import search_text

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def jst_now() -> datetime:
    return datetime.now(JST)


def key_hash(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def safe_url(url: str) -> str:
    """The address if it is http(s) with a host, else '' (javascript:, data: … never pass)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    return url.strip() if parts.scheme in ("http", "https") and parts.hostname else ""


def plain(text: str, limit: int | None = None) -> str:
    """Plain text that stays plain wherever it lands (RSS readers may read a title as HTML):
    tags dropped, entities decoded, control characters (invalid in XML) removed, then any
    remaining < > made full-width."""
    text = _CONTROL.sub("", to_text(text, limit))
    return text.replace("<", "＜").replace(">", "＞")


def pack_signature(signature: tuple[int, ...] | None) -> bytes | None:
    return struct.pack(f">{len(signature)}Q", *signature) if signature else None


def unpack_signature(blob: bytes | None) -> tuple[int, ...] | None:
    return struct.unpack(f">{len(blob) // 8}Q", blob) if blob else None


def item_values(
    item: Item, story_id: int, primary: bool, now: datetime, sig: bytes | None
) -> dict[str, Any]:
    """The column values of one item, every text field sanitised."""
    title = plain(item.title) or "(無題)"
    lead = plain(item.lead, 200)
    return {
        "source_id": item.source_id, "key_hash": key_hash(item.key), "key": item.key,
        "url": safe_url(item.url), "title": title, "lead": lead,
        "summary_html": clean_html(item.summary_html), "published": item.published,
        "municipality": item.municipality, "topic": item.topic, "topics": list(item.topics),
        "initiatives": list(item.initiatives), "starts": item.starts, "ends": item.ends,
        "location": plain(item.location), "story_id": story_id, "is_primary": primary,
        "first_seen": now, "signature": sig, "search_text": search_text(title, lead),
    }  # fmt: skip


def item_row(item: Item, story_id: int, primary: bool, now: datetime, sig: bytes | None) -> ItemRow:
    """A row for one item, every text field sanitised."""
    return ItemRow(**item_values(item, story_id, primary, now, sig))


def to_item(row: ItemRow) -> Item:
    return Item(
        key=row.key, url=row.url, title=row.title, lead=row.lead, summary_html=row.summary_html,
        published=row.published, source_id=row.source_id, municipality=row.municipality,
        topics=tuple(row.topics) or (row.topic,), initiatives=tuple(row.initiatives),  # type: ignore[arg-type]
        starts=row.starts, ends=row.ends, location=row.location,
    )  # fmt: skip


def remembered_item(row: Any) -> Item:
    """What a crawler keeps of a stored item to match new ones against (a row of
    `store.REMEMBERED`): no summary, event dates or place, which only pages and feeds need."""
    return Item(
        key=row.key, url=row.url, title=row.title, lead=row.lead, summary_html="",
        published=row.published, source_id=row.source_id, municipality=row.municipality,
        topics=tuple(row.topics) or (row.topic,), initiatives=tuple(row.initiatives),
    )  # fmt: skip


def state_values(state: SourceState) -> dict[str, object]:
    v = state.validators
    return {
        "url": state.url, "next_due": state.next_due, "failures": state.failures,
        "repeats": state.repeats, "last_attempt": state.last_attempt,
        "last_success": state.last_success, "last_error": state.last_error,
        "last_error_message": state.last_error_message[:2000], "etag": v.etag,
        "last_modified": v.last_modified, "body_hash": v.body_hash, "items": state.items,
        "newest": state.newest,
    }  # fmt: skip


def to_state(row: SourceStateRow) -> SourceState:
    return SourceState(
        row.source_id, next_due=row.next_due, failures=row.failures, repeats=row.repeats,
        last_attempt=row.last_attempt, last_success=row.last_success, last_error=row.last_error,
        last_error_message=row.last_error_message,
        validators=Validators(row.etag, row.last_modified, row.body_hash), items=row.items,
        newest=row.newest, url=row.url,
    )  # fmt: skip


def to_notice(row: NoticeRow) -> DisasterNotice:
    return DisasterNotice(
        id=row.link, title=row.title, info_type=row.info_type, headline=row.headline,
        issued=row.issued, office=row.office, level=row.level,  # type: ignore[arg-type]
        kinds=tuple(row.kinds), municipalities=tuple(row.municipalities), link=row.link,
    )  # fmt: skip
