"""package_search's query language: the Solr subset CKAN clients send in q, fq and sort."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from fnmatch import fnmatchcase

from toshiken.core.text import search_key
from toshiken.opendata.model import FORMATS, Catalog, Dataset

EXACT = frozenset({"name", "id", "organization", "owner_org", "groups", "tags", "res_format",
                   "license_id", "dataset_type", "type", "state"})  # fmt: skip
TEXT = frozenset({"text", "title", "notes"})
RANGES = frozenset({"metadata_modified", "metadata_created"})
SORTABLE = frozenset({"name", "id", "title", "title_string", "metadata_modified",
                      "metadata_created", "score"})  # fmt: skip
_FIELD = re.compile(r"([A-Za-z_][\w.]*):")
_STOP = set(' \t\r\n"()[]{}')


class QuerySyntaxError(ValueError):
    """q or fq that cannot be read (CKAN answers a Search Error)."""


class SortError(ValueError):
    """A sort that names an unknown field or no direction (CKAN: Search Query Error)."""


@dataclass(frozen=True)
class Term:
    """field:value, a bare word or phrase (field None), or a date range (low, high)."""

    field: str | None
    values: tuple[str, ...] = ()
    low: datetime | None = None
    high: datetime | None = None
    negate: bool = False
    exclusive: bool = False  # {low TO high} leaves out both ends


Query = tuple[tuple[Term, ...], ...]
"""Groups joined by OR; the terms of a group are joined by AND."""


@dataclass(frozen=True)
class Document:
    """What a dataset is searched and sorted by; text already folded with search_key."""

    dataset: Dataset
    exact: dict[str, frozenset[str]]
    title: str
    notes: str
    tags: str
    created: datetime


_DOCUMENTS: dict[int, tuple[Catalog, list[Document]]] = {}


def documents(catalog: Catalog) -> list[Document]:
    """Every dataset's search document, folded once per catalog (the last few are kept)."""
    found = _DOCUMENTS.get(id(catalog))
    if found is not None and found[0] is catalog:
        return found[1]
    docs = [document(catalog, d) for d in catalog.datasets]
    if len(_DOCUMENTS) >= 4:
        _DOCUMENTS.clear()
    _DOCUMENTS[id(catalog)] = (catalog, docs)
    return docs


def document(catalog: Catalog, d: Dataset) -> Document:
    org = catalog.organization(d.organization)
    exact = {
        "name": {d.name}, "id": {d.id}, "organization": {d.organization},
        "owner_org": {org.id if org else ""}, "groups": set(d.groups), "tags": set(d.tags),
        "res_format": set(FORMATS), "license_id": {catalog.license.id},
        "dataset_type": {"dataset"}, "type": {"dataset"}, "state": {"active"},
    }  # fmt: skip
    return Document(
        d, {k: frozenset(search_key(v) for v in vs) for k, vs in exact.items()},
        search_key(d.title), search_key(d.notes), search_key(" ".join(d.tags)), d.modified,
    )  # fmt: skip


def parse(text: str) -> Query:
    """Read a q or fq string; raise QuerySyntaxError naming the place of the first problem."""
    groups: list[list[Term]] = [[]]
    pos, negate = 0, False
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            break
        word = re.match(r"(AND|OR|NOT|&&|\|\|)(?=\s|$)", text[pos:])
        if word:
            pos += len(word.group(0))
            if word.group(1) in ("OR", "||"):
                if not groups[-1] or negate:
                    raise QuerySyntaxError(f"OR without a term before it at {pos}")
                groups.append([])
            negate = negate or word.group(1) == "NOT"
            continue
        if text[pos] in "+-!":
            negate = negate or text[pos] != "+"
            pos += 1
        term, pos = _term(text, pos, negate)
        groups[-1].append(term)
        negate = False
    if negate or (len(groups) > 1 and not groups[-1]):
        raise QuerySyntaxError("the query ends with an operator")
    return tuple(tuple(g) for g in groups if g)


def _term(text: str, pos: int, negate: bool) -> tuple[Term, int]:
    if text.startswith("*:*", pos):
        return Term(None, ("*",), negate=negate), pos + 3
    field_match = _FIELD.match(text, pos)
    field = field_match.group(1) if field_match else None
    if field_match:
        pos = field_match.end()
    if field is not None and field not in EXACT | TEXT | RANGES:
        raise QuerySyntaxError(f"undefined field {field}")
    start = pos
    if pos < len(text) and text[pos] in "[{":
        end = _closing(text, pos, "]" if text[pos] == "[" else "}")
        if field not in RANGES:
            raise QuerySyntaxError(f"a range at {start} needs a date field")
        low, high = _range(text[pos + 1 : end - 1], start)
        return Term(field, low=low, high=high, negate=negate, exclusive=text[pos] == "{"), end
    if pos < len(text) and text[pos] == '"':
        end = _closing(text, pos, '"')
        return Term(field, (text[pos + 1 : end - 1],), negate=negate), end
    if pos < len(text) and text[pos] == "(":
        end = _closing(text, pos, ")")
        inner = [v for v in text[pos + 1 : end - 1].replace('"', " ").split() if v != "OR"]
        if not inner or any(c in "()[]{}" for v in inner for c in v):
            raise QuerySyntaxError(f"unsupported group at {start}")
        return Term(field, tuple(inner), negate=negate), end
    while pos < len(text) and text[pos] not in _STOP:
        pos += 1
    if pos == start:
        where = f"after {field}:" if field else f"at {start}"
        raise QuerySyntaxError(f"missing value {where} (unexpected {text[pos : pos + 1]!r})")
    if field in RANGES:
        raise QuerySyntaxError(f"{field} takes a range such as [2025-04-01T00:00:00Z TO *]")
    return Term(field, (text[start:pos],), negate=negate), pos


def _closing(text: str, pos: int, closer: str) -> int:
    end = text.find(closer, pos + 1)
    if end < 0:
        raise QuerySyntaxError(f"{text[pos]!r} at {pos} is never closed")
    return end + 1


def _range(inner: str, at: int) -> tuple[datetime | None, datetime | None]:
    parts = inner.split()
    if len(parts) != 3 or parts[1] != "TO":
        raise QuerySyntaxError(f"a range at {at} reads [FROM TO UNTIL]")
    return _moment(parts[0], at), _moment(parts[2], at)


def _moment(text: str, at: int) -> datetime | None:
    if text == "*":
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise QuerySyntaxError(f"not a date or time at {at}: {text}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def matches(query: Query, doc: Document) -> bool:
    """True when some OR group has every one of its terms satisfied (an empty query: all)."""
    return not query or any(all(_holds(t, doc) != t.negate for t in g) for g in query)


def _holds(term: Term, doc: Document) -> bool:
    if term.field is None and term.values == ("*",):
        return True
    if term.field in RANGES:
        moment = doc.created if term.field == "metadata_created" else doc.dataset.modified
        if term.exclusive:
            return (term.low is None or moment > term.low) and (
                term.high is None or moment < term.high
            )
        return (term.low is None or moment >= term.low) and (
            term.high is None or moment <= term.high
        )
    if term.field in EXACT:
        have = doc.exact[term.field]
        return any(_exact(search_key(v), have) for v in term.values)
    haystack = {"title": doc.title, "notes": doc.notes}.get(
        term.field or "", f"{doc.title}\n{doc.notes}\n{doc.tags}"
    )
    return any(search_key(v).replace("*", "") in haystack for v in term.values)


def _exact(wanted: str, have: frozenset[str]) -> bool:
    if wanted == "*":
        return bool(have)
    if "*" in wanted or "?" in wanted:
        return any(fnmatchcase(v, wanted) for v in have)
    return wanted in have


def score(query: Query, doc: Document) -> int:
    """Relevance: free-text terms found in the title weigh 3, in tags 2, in the notes 1."""
    total = 0
    for term in (t for g in query for t in g if t.field in (None, "text") and not t.negate):
        for value in (search_key(v).replace("*", "") for v in term.values):
            if value:
                total += 3 * (value in doc.title) + 2 * (value in doc.tags)
                total += value in doc.notes
    return total


def parse_sort(text: str) -> list[tuple[str, bool]]:
    """'name asc, metadata_modified desc' -> [(field, descending)]; raise SortError."""
    keys = []
    for part in (p.strip() for p in text.split(",") if p.strip()):
        words = part.split()
        if len(words) != 2 or words[0] not in SORTABLE or words[1].lower() not in ("asc", "desc"):
            raise SortError(f'Invalid "sort" parameter: {part!r}')
        keys.append(("title" if words[0] == "title_string" else words[0], words[1] == "desc"))
    return keys


def ranked(query: Query, docs: list[Document], sort: list[tuple[str, bool]]) -> list[Document]:
    """The matching documents in sort order; ties fall back to the name, so pages are stable."""
    found = sorted((d for d in docs if matches(query, d)), key=lambda d: d.dataset.name)
    for field, descending in reversed(sort):
        found.sort(key=lambda d, f=field: _sort_key(d, f, query), reverse=descending)  # type: ignore[misc]
    return found


def _sort_key(doc: Document, field: str, query: Query) -> str:
    if field == "score":
        return f"{score(query, doc):09d}"
    if field in ("metadata_modified", "metadata_created"):
        moment = doc.dataset.modified if field == "metadata_modified" else doc.created
        return moment.astimezone(UTC).isoformat()
    return str(getattr(doc.dataset, field))
