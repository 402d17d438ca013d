"""The registers' read pages and JSON twins: index, filtered list, entry, summary, files."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from toshiken.accounts.guard import MaybeUser
from toshiken.accounts.permissions import can_edit_municipality, is_internal
from toshiken.core.web import SessionsDep, not_found
from toshiken.registers import editing, store
from toshiken.registers.book import Book, BookDep
from toshiken.registers.chart import stacked_bars
from toshiken.registers.files import CSV, XLSX, write_csv, write_xlsx
from toshiken.registers.listing import Filters, date_field, filters_from, select
from toshiken.registers.model import Entry, Register
from toshiken.registers.pages import templates
from toshiken.registers.summary import Tally, as_dict, tally
from toshiken.registers.tables import Cell, columns, record, rows, title_of

router = APIRouter()
router.include_router(editing.router)


def describe(register: Register, internal: bool, count: int | None = None) -> dict[str, object]:
    """A register's declaration as the API shows it: the fields the reader may see."""
    found: dict[str, object] = {
        "key": register.key, "title": register.title, "title_en": register.title_en,
        "description": register.description, "initiatives": list(register.initiatives),
        "summary": register.summary is not None,
        "fields": [
            {"key": f.key, "label": f.label, "label_en": f.label_en, "type": f.type,
             "required": f.required, "public": f.public, "choices": list(f.choices)}
            for f in register.visible(internal)
        ],
    }  # fmt: skip
    if count is not None:
        found["entries"] = count
    return found


@router.get("/registers", response_class=HTMLResponse, include_in_schema=False)
def index_page(request: Request, sessions: SessionsDep, book: BookDep, user: MaybeUser) -> Response:
    with sessions() as session:
        counts = store.counts(session)
    context = {"user": user, "registers": list(book.registers.values()), "counts": counts}
    return templates.TemplateResponse(request, "registers/index.html", context)


@router.get("/api/registers")
def api_index(sessions: SessionsDep, book: BookDep, user: MaybeUser) -> list[dict[str, object]]:
    """Every register: its declaration (the fields the reader may see) and its number of entries."""
    with sessions() as session:
        counts = store.counts(session)
    internal = is_internal(user)
    return [describe(r, internal, counts.get(r.key, 0)) for r in book.registers.values()]


def _selected(
    request: Request, sessions: SessionsDep, register: Register, internal: bool
) -> tuple[Filters, list[Entry]]:
    filters = filters_from(register, dict(request.query_params))
    with sessions() as session:
        found = store.entries(session, register.key)
    return filters, select(register, found, filters, internal)


@router.get("/registers/{key}", response_class=HTMLResponse, include_in_schema=False)
def list_page(
    request: Request, sessions: SessionsDep, book: BookDep, user: MaybeUser, key: str
) -> Response:
    register = book.register(key)
    internal = is_internal(user)
    filters, found = _selected(request, sessions, register, internal)
    context = {
        "user": user, "register": register, "filters": filters, "entries": found,
        "columns": columns(register, internal)[3:], "members": book.members,
        "can_create": bool(book.editable(user)), "date_field": date_field(register),
        "title_of": title_of, "query": filters.params(),
    }  # fmt: skip
    return templates.TemplateResponse(request, "registers/list.html", context)


@router.get("/api/registers/{key}")
def api_list(
    request: Request, sessions: SessionsDep, book: BookDep, user: MaybeUser, key: str
) -> dict[str, object]:
    """A register's entries that pass the filters (municipality, choices, from, to, q)."""
    register = book.register(key)
    internal = is_internal(user)
    filters, found = _selected(request, sessions, register, internal)
    return {
        "register": describe(register, internal),
        "filters": filters.params(),
        "entries": [record(register, e, book.members, internal) for e in found],
    }


@router.get("/registers/{key}/export.{fmt}", include_in_schema=False)
def export(
    request: Request,
    sessions: SessionsDep,
    book: BookDep,
    user: MaybeUser,
    key: str,
    fmt: Literal["csv", "xlsx"],
) -> Response:
    """The list as CSV (UTF-8 with BOM) or Excel, filters applied, in the import's layout."""
    register = book.register(key)
    internal = is_internal(user)
    _, found = _selected(request, sessions, register, internal)
    headers = [c.label for c in columns(register, internal)]
    table = rows(register, found, book.members, internal)
    stamp = datetime.now(UTC).strftime("%Y%m%d")
    disposition = {"Content-Disposition": f'attachment; filename="{key}-{stamp}.{fmt}"'}
    if fmt == "xlsx":
        return Response(
            write_xlsx(register.title, headers, table), media_type=XLSX, headers=disposition
        )
    return Response(write_csv(headers, table), media_type=CSV, headers=disposition)


def _entry(sessions: SessionsDep, book: Book, key: str, entry_id: int) -> tuple[Register, Entry]:
    register = book.register(key)
    with sessions() as session:
        found = store.entry(session, key, entry_id)
    if found is None:
        raise not_found(f"entry {entry_id} of {key}")
    return register, found


@router.get("/registers/{key}/{entry_id:int}", response_class=HTMLResponse, include_in_schema=False)
def entry_page(
    request: Request,
    sessions: SessionsDep,
    book: BookDep,
    user: MaybeUser,
    key: str,
    entry_id: int,
) -> Response:
    register, entry = _entry(sessions, book, key, entry_id)
    internal = is_internal(user)
    context = {
        "user": user, "register": register, "entry": entry,
        "item": record(register, entry, book.members, internal),
        "fields": register.visible(internal), "title": title_of(register, entry),
        "can_edit": can_edit_municipality(user, entry.municipality_code), "internal": internal,
        "saved": request.query_params.get("saved"),
    }  # fmt: skip
    return templates.TemplateResponse(request, "registers/entry.html", context)


@router.get("/api/registers/{key}/{entry_id:int}")
def api_entry(
    sessions: SessionsDep, book: BookDep, user: MaybeUser, key: str, entry_id: int
) -> dict[str, Cell]:
    """One entry: the fields the reader may see."""
    register, entry = _entry(sessions, book, key, entry_id)
    return record(register, entry, book.members, is_internal(user))


def _tally_for(sessions: SessionsDep, book: Book, key: str) -> tuple[Register, Tally]:
    register = book.register(key)
    if register.summary is None:
        raise not_found(f"summary of {key}")
    with sessions() as session:
        found = store.entries(session, key)
    return register, tally(register, found, book.members)


@router.get("/registers/{key}/summary", response_class=HTMLResponse, include_in_schema=False)
def summary_page(
    request: Request, sessions: SessionsDep, book: BookDep, user: MaybeUser, key: str
) -> Response:
    register, t = _tally_for(sessions, book, key)
    context = {"user": user, "register": register, "t": t, "members": book.members,
               "chart": stacked_bars}  # fmt: skip
    return templates.TemplateResponse(request, "registers/summary.html", context)


@router.get("/api/registers/{key}/summary")
def api_summary(sessions: SessionsDep, book: BookDep, key: str) -> dict[str, object]:
    """Area-wide counts by group, month and municipality (public fields only)."""
    _, t = _tally_for(sessions, book, key)
    return as_dict(t, book.members)
