"""Revisions and the draft in the database (SQLite and PostgreSQL)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

from toshiken.accounts.audit import audit_entries
from toshiken.accounts.model import Actor
from toshiken.core.db import transaction
from toshiken.core.runtime import Runtime
from toshiken.revisions import store
from toshiken.revisions.access import ensure_revisions, vision_of
from toshiken.revisions.publish import prepare
from toshiken.vision.reader import ReadResult
from toshiken.vision.store import load_vision, save_vision, stored_hash

NOW = datetime(2026, 1, 15, 3, 0, tzinfo=UTC)
ACTOR = Actor(None, "test")


def test_revision_1_is_recorded_once(
    runtime: Runtime, read_result: ReadResult, reference_text: str, tmp_path: object
) -> None:
    with transaction(runtime.sessions) as session:
        save_vision(session, read_result.vision, "vision.txt", "a" * 64, NOW)
    data_dir = runtime.settings.data_dir
    first = ensure_revisions(runtime.sessions, data_dir, lambda: NOW)
    again = ensure_revisions(runtime.sessions, data_dir, lambda: NOW)
    assert [(r.number, r.title, r.dated, r.dataset_sha256) for r in again] == [
        (1, "令和7年3月改定", date(2025, 3, 1), "a" * 64)
    ]
    assert first == again
    assert vision_of(again[0]) == read_result.vision


def test_draft_publish_and_the_vision_tables(runtime: Runtime, read_result: ReadResult) -> None:
    with transaction(runtime.sessions) as session:
        save_vision(session, read_result.vision, "vision.txt", "a" * 64, NOW)
    [first] = ensure_revisions(runtime.sessions, runtime.settings.data_dir, lambda: NOW)
    changed = dataclasses.replace(read_result.vision.initiatives[0], title="産学連携（改）")
    draft = dataclasses.replace(
        read_result.vision, initiatives=(changed, *read_result.vision.initiatives[1:])
    )
    with transaction(runtime.sessions) as session:
        store.save_draft(session, 1, draft, ACTOR, NOW, "initiative 1-1-1")
    with transaction(runtime.sessions) as session:
        store.save_draft(session, 1, draft, ACTOR, NOW, "policy 1-1")
    with runtime.sessions() as session:
        kept = store.draft(session)
        log = [(e.action, (e.after or {}).get("edit")) for e in audit_entries(session)]
    assert kept is not None and kept.vision == draft and kept.base == 1
    assert log == [("update", "policy 1-1"), ("create", "initiative 1-1-1")]
    prepared = prepare(draft, first.reference, date(2026, 1, 15))
    with transaction(runtime.sessions) as session:
        second = store.publish(session, prepared, ACTOR, NOW, date(2026, 1, 15), "")
    assert (second.number, second.title) == (2, "令和8年1月改定")
    with runtime.sessions() as session:
        assert store.draft(session) is None
        assert load_vision(session) == prepared.vision
        assert stored_hash(session) == second.dataset_sha256
        assert [r.number for r in store.revisions(session)] == [1, 2]
        assert store.by_dataset(session, "a" * 64) == first
    assert vision_of(second) == prepared.vision
    assert vision_of(first) == read_result.vision
