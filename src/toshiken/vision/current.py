"""The stored vision for the web: read once per dataset hash and shared by every request."""

from __future__ import annotations

import time
from collections.abc import Callable
from threading import Lock
from typing import Concatenate, ParamSpec, TypeVar

from fastapi import HTTPException
from sqlalchemy.orm import Session, sessionmaker

from toshiken.vision.model import Vision
from toshiken.vision.store import load_vision, stored_hash

CHECK_EVERY = 1.0
"""Seconds a process trusts its copy before asking the database for the hash again."""

_BY_HASH: dict[str, Vision] = {}
_CHECKED: dict[int, tuple[sessionmaker[Session], float, Vision]] = {}
_LOCK = Lock()
P = ParamSpec("P")
T = TypeVar("T")


def cached_vision(
    sessions: sessionmaker[Session], clock: Callable[[], float] = time.monotonic
) -> Vision | None:
    """The loaded vision, re-read only when the stored document's hash changes.

    The hash is checked at most every CHECK_EVERY seconds, so a `toshiken load` shows within a
    second. It covers the document and its reference file: one hash is one Vision whichever
    database holds it, so the copies are keyed by the hash alone.
    """
    now = clock()
    seen = _CHECKED.get(id(sessions))
    if seen is not None and seen[0] is sessions and now - seen[1] < CHECK_EVERY:
        return seen[2]
    with sessions() as session:
        sha = stored_hash(session)
        if sha is None:
            return None
        vision = _BY_HASH.get(sha) or load_vision(session)
    if vision is None:
        return None
    with _LOCK:
        if len(_BY_HASH) >= 4 or len(_CHECKED) >= 64:
            _BY_HASH.clear()
            _CHECKED.clear()
        _BY_HASH[sha] = vision
        _CHECKED[id(sessions)] = (sessions, now, vision)
    return vision


def forget_vision() -> None:
    """Drop this process's copies now (e.g. right after storing a new document in-process)."""
    with _LOCK:
        _BY_HASH.clear()
        _CHECKED.clear()


def require_vision(sessions: sessionmaker[Session]) -> Vision:
    """The loaded vision, or 503 when `toshiken load` has not run yet."""
    vision = cached_vision(sessions)
    if vision is None:
        raise HTTPException(503, "no vision is loaded yet: run `toshiken load`")
    return vision


def per_vision(
    function: Callable[Concatenate[Vision, P], T],
) -> Callable[Concatenate[Vision, P], T]:
    """Remember a pure function of a Vision: the result is shared, so never mutate it."""
    memo: dict[tuple[object, ...], tuple[Vision, T]] = {}

    def remembered(vision: Vision, /, *args: P.args, **kwargs: P.kwargs) -> T:
        key = (id(vision), *args, *sorted(kwargs.items()))
        hit = memo.get(key)
        if hit is not None and hit[0] is vision:
            return hit[1]
        value = function(vision, *args, **kwargs)
        if len(memo) >= 512:
            memo.clear()
        memo[key] = (vision, value)
        return value

    remembered.__doc__, remembered.__name__ = function.__doc__, function.__name__
    return remembered
