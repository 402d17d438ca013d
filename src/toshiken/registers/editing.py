"""Writing entries: the create and edit forms, delete, the all-or-nothing import, JSON writes.

Staff write their own municipality's entries, the secretariat every one; anything else is a 403
and changes nothing. Every change goes to the audit log in the same transaction.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Body, File, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from toshiken.accounts.guard import CurrentUser, Forbidden
from toshiken.accounts.model import User
from toshiken.accounts.permissions import can_edit_municipality
from toshiken.core.db import transaction
from toshiken.core.web import SessionsDep, not_found
from toshiken.registers import store
from toshiken.registers.book import Book, BookDep
from toshiken.registers.files import FileRejected
from toshiken.registers.importing import ImportRejected, RowError
from toshiken.registers.load import import_file
from toshiken.registers.model import Entry, Register
from toshiken.registers.pages import templates
from toshiken.registers.tables import columns, record, title_of
from toshiken.registers.validate import MUNICIPALITY, FieldError, clean_entry

router = APIRouter()


def _writable(book: Book, user: User, code: str | None = None) -> list[str]:
    """The codes this user may write; Forbidden when none, or when `code` is not one of them."""
    codes = book.editable(user)
    if not codes or (code is not None and code not in codes):
        raise Forbidden("staff write their own municipality's entries; the secretariat all")
    return codes


def _existing(sessions: SessionsDep, key: str, entry_id: int) -> Entry:
    with sessions() as session:
        found = store.entry(session, key, entry_id)
    if found is None:
        raise not_found(f"entry {entry_id} of {key}")
    return found


def _own_entry(
    sessions: SessionsDep, book: Book, user: User, key: str, entry_id: int
) -> tuple[Register, Entry]:
    """The register and the entry, when this user may change it (404 or Forbidden otherwise)."""
    register = book.register(key)
    entry = _existing(sessions, key, entry_id)
    _writable(book, user, entry.municipality_code)
    return register, entry


def _form(
    request: Request,
    register: Register,
    book: Book,
    user: User,
    form: dict[str, str],
    entry: Entry | None = None,
    errors: list[FieldError] | None = None,
    status_code: int = 200,
) -> Response:
    context = {
        "user": user, "register": register, "form": form, "entry": entry,
        "errors": errors or [], "codes": book.editable(user), "members": book.members,
        "title": title_of(register, entry) if entry else "",
    }  # fmt: skip
    return templates.TemplateResponse(
        request, "registers/form.html", context, status_code=status_code
    )


async def _posted(request: Request) -> dict[str, str]:
    async with request.form() as data:
        return {k: v for k, v in data.items() if isinstance(v, str)}


@router.get("/registers/{key}/new", response_class=HTMLResponse, include_in_schema=False)
def new_page(request: Request, book: BookDep, user: CurrentUser, key: str) -> Response:
    register = book.register(key)
    codes = _writable(book, user)
    return _form(request, register, book, user, {MUNICIPALITY: codes[0]})


@router.post("/registers/{key}/new", response_class=HTMLResponse, include_in_schema=False)
async def create_entry(
    request: Request, sessions: SessionsDep, book: BookDep, user: CurrentUser, key: str
) -> Response:
    register = book.register(key)
    form = await _posted(request)
    _writable(book, user, form.get(MUNICIPALITY) or None)
    cleaned, errors = clean_entry(register, form, book.members)
    if cleaned is None:
        return _form(request, register, book, user, form, None, errors, 400)
    with transaction(sessions) as session:
        entry_id = store.create(session, register, cleaned, user.actor, datetime.now(UTC))
    return RedirectResponse(f"/registers/{key}/{entry_id}?saved=1", status_code=303)


def _as_form(entry: Entry) -> dict[str, str]:
    values = {k: ("true" if v is True else "false" if v is False else str(v))
              for k, v in entry.values.items()}  # fmt: skip
    return {MUNICIPALITY: entry.municipality_code, **values}


@router.get("/registers/{key}/{entry_id:int}/edit", response_class=HTMLResponse,
            include_in_schema=False)  # fmt: skip
def edit_page(
    request: Request,
    sessions: SessionsDep,
    book: BookDep,
    user: CurrentUser,
    key: str,
    entry_id: int,
) -> Response:
    register, entry = _own_entry(sessions, book, user, key, entry_id)
    return _form(request, register, book, user, _as_form(entry), entry)


@router.post("/registers/{key}/{entry_id:int}/edit", response_class=HTMLResponse,
             include_in_schema=False)  # fmt: skip
async def edit_entry(
    request: Request,
    sessions: SessionsDep,
    book: BookDep,
    user: CurrentUser,
    key: str,
    entry_id: int,
) -> Response:
    register, entry = _own_entry(sessions, book, user, key, entry_id)
    form = await _posted(request)
    _writable(book, user, form.get(MUNICIPALITY) or None)
    cleaned, errors = clean_entry(register, form, book.members)
    if cleaned is None:
        return _form(request, register, book, user, form, entry, errors, 400)
    with transaction(sessions) as session:
        store.update(session, register, entry_id, cleaned, user.actor, datetime.now(UTC))
    return RedirectResponse(f"/registers/{key}/{entry_id}?saved=1", status_code=303)


@router.post("/registers/{key}/{entry_id:int}/delete", include_in_schema=False)
def delete_entry(
    sessions: SessionsDep, book: BookDep, user: CurrentUser, key: str, entry_id: int
) -> Response:
    _own_entry(sessions, book, user, key, entry_id)
    with transaction(sessions) as session:
        store.delete(session, key, entry_id, user.actor, datetime.now(UTC))
    return RedirectResponse(f"/registers/{key}?deleted={entry_id}", status_code=303)


def _import_page(
    request: Request, register: Register, book: Book, user: User, status_code: int = 200,
    **extra: object,
) -> Response:  # fmt: skip
    context = {"user": user, "register": register, "errors": [], "codes": book.editable(user),
               "members": book.members, "headers": columns(register, True), **extra}  # fmt: skip
    return templates.TemplateResponse(
        request, "registers/import.html", context, status_code=status_code
    )


@router.get("/registers/{key}/import", response_class=HTMLResponse, include_in_schema=False)
def import_page(request: Request, book: BookDep, user: CurrentUser, key: str) -> Response:
    register = book.register(key)
    _writable(book, user)
    return _import_page(request, register, book, user)


@router.post("/registers/{key}/import", response_class=HTMLResponse, include_in_schema=False)
async def import_upload(
    request: Request,
    sessions: SessionsDep,
    book: BookDep,
    user: CurrentUser,
    key: str,
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Write every row of a CSV or Excel file, or none: each bad row named by row and column."""
    register = book.register(key)
    _writable(book, user)
    data = await file.read() if file is not None else b""
    name = file.filename if file is not None and file.filename else ""
    try:
        if not name:
            raise FileRejected("ファイルを選んでください")
        with transaction(sessions) as session:
            created, changed = import_file(
                session, register, book.members, name, data, user.actor,
                lambda code: can_edit_municipality(user, code), datetime.now(UTC),
            )  # fmt: skip
    except FileRejected as exc:
        errors = [RowError(0, "", "", str(exc))]
        return _import_page(request, register, book, user, 400, errors=errors, file_name=name)
    except ImportRejected as exc:
        return _import_page(request, register, book, user, 400, errors=exc.errors, file_name=name)
    return _import_page(request, register, book, user, created=created, changed=changed,
                        file_name=name)  # fmt: skip


def _json_errors(errors: list[FieldError]) -> JSONResponse:
    body = {
        "detail": "invalid",
        "errors": [{"field": e.field, "message": e.message} for e in errors],
    }
    return JSONResponse(body, status_code=400)


def _raw(payload: dict[str, Any]) -> dict[str, str]:
    return {k: "" if v is None else str(v).lower() if isinstance(v, bool) else str(v)
            for k, v in payload.items()}  # fmt: skip


@router.post("/api/registers/{key}", status_code=201)
def api_create(
    sessions: SessionsDep,
    book: BookDep,
    user: CurrentUser,
    key: str,
    payload: Annotated[dict[str, Any], Body()],
) -> Response:
    """Add an entry: {"municipality_code": "432164", "<field>": value, …} (signed-in staff)."""
    register = book.register(key)
    raw = _raw(payload)
    _writable(book, user, raw.get(MUNICIPALITY) or None)
    cleaned, errors = clean_entry(register, raw, book.members)
    if cleaned is None:
        return _json_errors(errors)
    with transaction(sessions) as session:
        entry_id = store.create(session, register, cleaned, user.actor, datetime.now(UTC))
    return _saved(sessions, book, register, entry_id, 201)


@router.put("/api/registers/{key}/{entry_id:int}")
def api_update(
    sessions: SessionsDep,
    book: BookDep,
    user: CurrentUser,
    key: str,
    entry_id: int,
    payload: Annotated[dict[str, Any], Body()],
) -> Response:
    """Replace an entry's municipality and values (the whole entry, as for create)."""
    register, _ = _own_entry(sessions, book, user, key, entry_id)
    raw = _raw(payload)
    _writable(book, user, raw.get(MUNICIPALITY) or None)
    cleaned, errors = clean_entry(register, raw, book.members)
    if cleaned is None:
        return _json_errors(errors)
    with transaction(sessions) as session:
        store.update(session, register, entry_id, cleaned, user.actor, datetime.now(UTC))
    return _saved(sessions, book, register, entry_id, 200)


def _saved(
    sessions: SessionsDep, book: Book, register: Register, entry_id: int, status: int
) -> JSONResponse:
    saved = _existing(sessions, register.key, entry_id)
    return JSONResponse(record(register, saved, book.members, True), status_code=status)


@router.delete("/api/registers/{key}/{entry_id:int}", status_code=204)
def api_delete(
    sessions: SessionsDep, book: BookDep, user: CurrentUser, key: str, entry_id: int
) -> Response:
    _own_entry(sessions, book, user, key, entry_id)
    with transaction(sessions) as session:
        store.delete(session, key, entry_id, user.actor, datetime.now(UTC))
    return Response(status_code=204)
