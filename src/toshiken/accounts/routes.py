"""Login and logout pages, the signed-in user's page, and the audit log with its exports."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from toshiken.accounts import users_pages
from toshiken.accounts.audit import audit_entries
from toshiken.accounts.guard import CurrentUser, MaybeUser, SecretariatUser
from toshiken.accounts.login import session_lifetime, sign_in, sign_out
from toshiken.accounts.middleware import session_cookie
from toshiken.accounts.pages import templates
from toshiken.accounts.passwords import hasher_for
from toshiken.accounts.signing import new_session_id
from toshiken.core.output import to_csv
from toshiken.core.web import RuntimeDep

router = APIRouter()
router.include_router(users_pages.router)
PAGE = 100


def safe_next(target: str | None) -> str:
    """Only a path on this site may follow a login (no //host or scheme: open redirects)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/account"
    return target


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_page(request: Request, user: MaybeUser, next: str | None = None) -> Response:
    return templates.TemplateResponse(
        request, "login.html", {"user": user, "next": safe_next(next), "errors": {}}
    )


@router.post("/login", response_class=HTMLResponse, include_in_schema=False)
def login(
    request: Request,
    runtime: RuntimeDep,
    username: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "",
) -> Response:
    errors: dict[str, str] = {}
    if not username.strip():
        errors["username"] = "required"
    if not password:
        errors["password"] = "required"
    context: dict[str, object] = {"user": None, "next": safe_next(next), "username": username}
    if errors:
        return templates.TemplateResponse(
            request, "login.html", {**context, "errors": errors}, status_code=400
        )
    settings = runtime.settings
    session_id = new_session_id()  # a new id at sign-in: no session fixation
    now = datetime.now(UTC)
    address = request.client.host if request.client else "unknown"
    outcome = sign_in(
        runtime.sessions, hasher_for(settings), username.strip(), password, address,
        session_id, now, session_lifetime(settings),
    )  # fmt: skip
    if outcome.locked_until is not None:
        wait = max(1, int((outcome.locked_until - now).total_seconds() // 60) + 1)
        return templates.TemplateResponse(
            request, "login.html", {**context, "errors": {"locked": str(wait)}},
            status_code=429, headers={"Retry-After": str(wait * 60)},
        )  # fmt: skip
    if outcome.user is None:
        return templates.TemplateResponse(
            request, "login.html", {**context, "errors": {"credentials": "invalid"}},
            status_code=401,
        )  # fmt: skip
    old = getattr(request.state, "session_id", None)
    if old:
        sign_out(runtime.sessions, old)
    response = RedirectResponse(safe_next(next), status_code=303)
    response.headers.append("set-cookie", session_cookie(settings, session_id))
    return response


@router.post("/logout", include_in_schema=False)
def logout(request: Request, runtime: RuntimeDep) -> Response:
    old = getattr(request.state, "session_id", None)
    if old:
        sign_out(runtime.sessions, old)
    response = RedirectResponse("/", status_code=303)
    response.headers.append("set-cookie", session_cookie(runtime.settings, new_session_id()))
    return response


@router.get("/account", response_class=HTMLResponse, include_in_schema=False)
def account(request: Request, user: CurrentUser) -> Response:
    return templates.TemplateResponse(request, "account.html", {"user": user})


@router.get("/api/me")
def api_me(user: MaybeUser) -> dict[str, object] | None:
    """The signed-in user (null for the public)."""
    if user is None:
        return None
    return {
        "username": user.username, "display_name": user.display_name, "role": user.role.value,
        "municipality_code": user.municipality_code,
    }  # fmt: skip


AuditFilter = Annotated[str | None, Query(max_length=100)]


@router.get("/audit", response_class=HTMLResponse, include_in_schema=False)
def audit_page(
    request: Request,
    runtime: RuntimeDep,
    user: SecretariatUser,
    entity: AuditFilter = None,
    actor: AuditFilter = None,
    page: Annotated[int, Query(ge=1)] = 1,
) -> Response:
    with runtime.sessions() as session:
        entries = audit_entries(session, entity or None, actor or None, PAGE + 1, (page - 1) * PAGE)
    return templates.TemplateResponse(
        request, "audit.html",
        {"user": user, "entries": entries[:PAGE], "entity": entity or "", "actor": actor or "",
         "page": page, "more": len(entries) > PAGE},
    )  # fmt: skip


@router.get("/api/audit")
def api_audit(
    runtime: RuntimeDep,
    user: SecretariatUser,
    entity: AuditFilter = None,
    actor: AuditFilter = None,
) -> list[dict[str, object]]:
    """Every change, newest first: who, when, what, before and after (secretariat only)."""
    with runtime.sessions() as session:
        return [e.as_row() for e in audit_entries(session, entity, actor, limit=None)]


@router.get("/audit.csv", include_in_schema=False)
def audit_csv(
    runtime: RuntimeDep,
    user: SecretariatUser,
    entity: AuditFilter = None,
    actor: AuditFilter = None,
) -> Response:
    with runtime.sessions() as session:
        rows = [e.as_row() for e in audit_entries(session, entity, actor, limit=None)]
    for row in rows:  # one column each, whatever the entity's fields
        row["before"] = _json(row["before"])
        row["after"] = _json(row["after"])
    return Response(
        to_csv(rows), media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="audit-log.csv"'},
    )  # fmt: skip


def _json(value: object) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)
