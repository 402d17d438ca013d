"""Search over policy areas and initiatives: FTS5 trigram on SQLite, pg_trgm on PostgreSQL.

The index (migration vision_0002) holds each document's title and body in search form
(`matching.fold`: NFKC, lower case, katakana as hiragana). It is rebuilt lazily, on the first
search after the stored document's hash changes. The database picks the candidates; ranking and
highlighting are done here on the same folded text, so both databases give the same answer.
Words of three or more characters use the trigram index (FTS5 MATCH, or LIKE that pg_trgm's GIN
index serves); shorter words (婚活, 図書) use LIKE, which SQLite ≥ 3.42 (bundled by sqlean) answers
on the trigram table — Debian's SQLite 3.40 would wrongly find nothing there.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from toshiken.core.db import transaction
from toshiken.vision.matching import Snippet, fold, highlights, score, snippet, terms
from toshiken.vision.model import Vision
from toshiken.vision.store import load_vision, stored_hash

LIMIT = 50
_LOCK_KEY = 7_346_291  # pg_advisory_xact_lock key of the index rebuild


@dataclass(frozen=True)
class Document:
    """A searchable thing: a policy area or an initiative, with its searched fields."""

    kind: str  # "policy" or "initiative"
    ref: str
    label: str
    title: str
    fields: tuple[tuple[str, str], ...]  # (field name, original text)

    @property
    def url(self) -> str:
        return f"/{'policies' if self.kind == 'policy' else 'initiatives'}/{self.ref}"


def documents(vision: Vision) -> list[Document]:
    """What is searched, in the vision's order: each policy area followed by its initiatives."""
    docs: list[Document] = []
    for p in vision.policies:
        docs.append(
            Document("policy", p.id, f"{p.pillar}-{p.mark}", p.title, (
                ("direction", p.direction), ("agreement_content", p.agreement_content),
                ("hub_role", p.hub_role), ("neighbour_role", p.neighbour_role),
            ))
        )  # fmt: skip
        docs.extend(
            Document("initiative", i.id, i.label, i.title, (
                ("description", i.description), ("roles", i.roles), ("effect", i.effect),
            ))
            for i in vision.initiatives if i.policy_id == p.id
        )  # fmt: skip
    return docs


_DOCUMENTS: dict[int, tuple[Vision, list[Document]]] = {}


def cached_documents(vision: Vision) -> list[Document]:
    """`documents` once per Vision object (the web shares one Vision per dataset)."""
    found = _DOCUMENTS.get(id(vision))
    if found is None or found[0] is not vision:
        if len(_DOCUMENTS) > 8:
            _DOCUMENTS.clear()
        found = _DOCUMENTS[id(vision)] = (vision, documents(vision))
    return found[1]


def _row(doc: Document) -> dict[str, str]:
    title = fold(doc.title).key
    body = "\n".join(fold(value).key for _, value in doc.fields)
    return {
        "kind": doc.kind,
        "ref": doc.ref,
        "title": title,
        "body": body,
        "doc": f"{title}\n{body}",
    }


def _built(session: Session) -> str | None:
    found = session.scalar(text("SELECT source_sha256 FROM vision_search_state WHERE id = 1"))
    return None if found is None else str(found)


def ensure_index(sessions: sessionmaker[Session]) -> None:
    """Rebuild the index when the stored document changed since it was built."""
    with sessions() as session:
        current = stored_hash(session)
        if current is None or current == _built(session):
            return
    with transaction(sessions) as session:
        postgres = session.get_bind().dialect.name == "postgresql"
        if postgres:
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
        else:  # a write first: takes SQLite's write lock before anything is read
            session.execute(text("UPDATE vision_search_state SET id = id"))
        current = stored_hash(session)
        vision = load_vision(session)
        if current is None or vision is None or current == _built(session):
            return
        session.execute(text("DELETE FROM vision_search"))
        columns = "kind, ref, title, body" + (", doc" if postgres else "")
        values = ", ".join(f":{c.strip()}" for c in columns.split(","))
        rows = [_row(d) for d in documents(vision)]
        if not postgres:
            for row in rows:
                del row["doc"]
        session.execute(text(f"INSERT INTO vision_search ({columns}) VALUES ({values})"), rows)
        session.execute(text("DELETE FROM vision_search_state"))
        session.execute(
            text("INSERT INTO vision_search_state (id, source_sha256) VALUES (1, :sha)"),
            {"sha": current},
        )


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def candidates(session: Session, words: list[str]) -> list[tuple[str, str, str, str]]:
    """(kind, ref, title, body) of every document holding all the words (folded)."""
    params: dict[str, str] = {}
    where: list[str] = []
    if session.get_bind().dialect.name == "postgresql":
        for n, word in enumerate(words):
            where.append(f"doc LIKE :w{n} ESCAPE '\\'")
            params[f"w{n}"] = _like(word)
    else:
        long = [w for w in words if len(w) >= 3]
        if long:
            where.append("vision_search MATCH :match")
            params["match"] = " AND ".join('"' + w.replace('"', '""') + '"' for w in long)
        for n, word in enumerate(w for w in words if len(w) < 3):
            where.append(f"(title LIKE :w{n} ESCAPE '\\' OR body LIKE :w{n} ESCAPE '\\')")
            params[f"w{n}"] = _like(word)
    sql = f"SELECT kind, ref, title, body FROM vision_search WHERE {' AND '.join(where)}"
    return [(r[0], r[1], r[2], r[3]) for r in session.execute(text(sql), params)]


@dataclass(frozen=True)
class Hit:
    """A found document, its score, and where the words are in its title and fields."""

    document: Document
    score: int
    title_highlights: tuple[tuple[int, int], ...]
    matches: tuple[tuple[str, Snippet], ...]

    def as_row(self) -> dict[str, object]:
        d = self.document
        return {
            "kind": d.kind, "id": d.ref, "label": d.label, "title": d.title, "url": d.url,
            "score": self.score, "title_highlights": [list(s) for s in self.title_highlights],
            "matches": [
                {"field": name, "text": s.text, "highlights": [list(h) for h in s.highlights],
                 "clipped_start": s.clipped_start, "clipped_end": s.clipped_end}
                for name, s in self.matches
            ],
        }  # fmt: skip


@dataclass(frozen=True)
class SearchResult:
    query: str
    words: tuple[str, ...]
    total: int
    hits: tuple[Hit, ...]

    @cached_property
    def body(self) -> bytes:
        """as_row() as JSON, encoded once (results are remembered per Vision)."""
        return json.dumps(self.as_row(), ensure_ascii=False, separators=(",", ":")).encode()

    def as_row(self) -> dict[str, object]:
        return {
            "query": self.query, "words": list(self.words), "total": self.total,
            "results": [h.as_row() for h in self.hits],
        }  # fmt: skip


_RESULTS: dict[tuple[int, str, int], tuple[Vision, SearchResult]] = {}


def recall(vision: Vision, query: str, limit: int = LIMIT) -> SearchResult | None:
    """A result already computed for this Vision (the index is derived from it)."""
    hit = _RESULTS.get((id(vision), query, limit))
    return hit[1] if hit is not None and hit[0] is vision else None


def search(
    sessions: sessionmaker[Session], vision: Vision, query: str, limit: int = LIMIT
) -> SearchResult:
    """Documents holding every word of the query, best first, with their matches marked."""
    result = recall(vision, query, limit) or _search(sessions, vision, query, limit)
    if len(_RESULTS) >= 1024:
        _RESULTS.clear()
    _RESULTS[(id(vision), query, limit)] = (vision, result)
    return result


def _search(
    sessions: sessionmaker[Session], vision: Vision, query: str, limit: int
) -> SearchResult:
    words = terms(query)
    if not words:
        return SearchResult(query, (), 0, ())
    ensure_index(sessions)
    with sessions() as session:
        found = candidates(session, words)
    docs = cached_documents(vision)
    position = {(d.kind, d.ref): n for n, d in enumerate(docs)}
    ranked = sorted(
        ((score(title, body, words), position[(kind, ref)]) for kind, ref, title, body in found
         if (kind, ref) in position),
        key=lambda pair: (-pair[0], pair[1]),
    )  # fmt: skip
    ranked = [pair for pair in ranked if pair[0] > 0]
    hits = []
    for points, at in ranked[:limit]:
        doc = docs[at]
        matches = tuple(
            (name, cut) for name, value in doc.fields if (cut := snippet(value, words)) is not None
        )
        hits.append(Hit(doc, points, tuple(highlights(doc.title, words)), matches))
    return SearchResult(query, tuple(words), len(ranked), tuple(hits))
