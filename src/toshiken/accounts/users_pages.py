"""The secretariat's account pages: list, create, disable or enable, change role, reset password."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from toshiken.accounts import forms, store
from toshiken.accounts.forms import FormError
from toshiken.accounts.guard import SecretariatUser
from toshiken.accounts.model import ROLE_LABELS, AccountError, User
from toshiken.accounts.pages import templates
from toshiken.accounts.passwords import hasher_for
from toshiken.core.db import transaction
from toshiken.core.web import RuntimeDep, not_found
from toshiken.vision.load import current_vision

router = APIRouter()
NO_STORE = {"Cache-Control": "no-store"}  # pages that show a one-time password


def _municipalities(runtime: RuntimeDep) -> dict[str, str]:
    vision = current_vision(runtime.sessions)
    return {} if vision is None else {m.code: m.name for m in vision.municipalities}


def _users(runtime: RuntimeDep) -> list[User]:
    with runtime.sessions() as session:
        return store.list_users(session)


def _user(runtime: RuntimeDep, username: str) -> User:
    found = next((u for u in _users(runtime) if u.username == username), None)
    if found is None:
        raise not_found(f"user {username}")
    return found


async def _form(request: Request) -> dict[str, str]:
    async with request.form() as data:
        return {k: v for k, v in data.items() if isinstance(v, str)}


def _list_page(
    request: Request,
    runtime: RuntimeDep,
    user: User,
    errors: list[FormError] | None = None,
    form: dict[str, str] | None = None,
    created: tuple[User, str] | None = None,
    status_code: int = 200,
) -> Response:
    context = {
        "user": user, "users": _users(runtime), "names": _municipalities(runtime),
        "roles": ROLE_LABELS, "errors": errors or [], "form": form or {}, "created": created,
    }  # fmt: skip
    headers = NO_STORE if created else None
    return templates.TemplateResponse(
        request, "users.html", context, status_code=status_code, headers=headers
    )


@router.get("/accounts/users", response_class=HTMLResponse, include_in_schema=False)
def users_page(request: Request, runtime: RuntimeDep, user: SecretariatUser) -> Response:
    return _list_page(request, runtime, user)


@router.get("/api/accounts/users")
def api_users(runtime: RuntimeDep, user: SecretariatUser) -> list[dict[str, object]]:
    """Every account with its role, municipality and whether it is active (secretariat only)."""
    return [
        {"username": u.username, "display_name": u.display_name, "role": u.role.value,
         "municipality_code": u.municipality_code, "active": u.active}
        for u in _users(runtime)
    ]  # fmt: skip


@router.post("/accounts/users", response_class=HTMLResponse, include_in_schema=False)
async def create_user(request: Request, runtime: RuntimeDep, user: SecretariatUser) -> Response:
    """A new account with a one-time password, shown once to the secretariat."""
    form = await _form(request)
    taken = {u.username for u in _users(runtime)}
    new, errors = forms.new_user(form, _municipalities(runtime), taken)
    if new is None:
        return _list_page(request, runtime, user, errors, form, status_code=400)
    password = forms.temporary_password()
    password_hash = hasher_for(runtime.settings).hash(password)
    try:
        with transaction(runtime.sessions) as session:
            created = store.create_user(
                session, new.username, new.display_name, new.role, new.municipality_code,
                password_hash, user.actor, datetime.now(UTC),
            )  # fmt: skip
    except AccountError:  # created by someone else in the meantime
        errors = [FormError("username", "taken")]
        return _list_page(request, runtime, user, errors, form, status_code=400)
    return _list_page(request, runtime, user, created=(created, password))


def _detail(
    request: Request,
    runtime: RuntimeDep,
    user: User,
    target: User,
    errors: list[FormError] | None = None,
    password: str | None = None,
    status_code: int = 200,
) -> Response:
    context = {
        "user": user, "target": target, "names": _municipalities(runtime), "roles": ROLE_LABELS,
        "errors": errors or [], "password": password,
        "saved": request.query_params.get("saved"),
    }  # fmt: skip
    headers = NO_STORE if password else None
    return templates.TemplateResponse(
        request, "user.html", context, status_code=status_code, headers=headers
    )


@router.get("/accounts/users/{username}", response_class=HTMLResponse, include_in_schema=False)
def user_page(
    request: Request, runtime: RuntimeDep, user: SecretariatUser, username: str
) -> Response:
    return _detail(request, runtime, user, _user(runtime, username))


def _done(username: str, what: str) -> Response:
    return RedirectResponse(f"/accounts/users/{username}?saved={what}", status_code=303)


@router.post("/accounts/users/{username}/active", include_in_schema=False)
def set_active(
    request: Request,
    runtime: RuntimeDep,
    user: SecretariatUser,
    username: str,
    active: Annotated[str, Form()] = "",
) -> Response:
    """Disable an account (its sessions end) or enable it again; never one's own."""
    target = _user(runtime, username)
    if active not in ("0", "1"):
        return _detail(request, runtime, user, target, [FormError("active", "required")], None, 400)
    if target.id == user.id:
        errors = [FormError("active", "not_yourself")]
        return _detail(request, runtime, user, target, errors, None, 400)
    with transaction(runtime.sessions) as session:
        store.update_user(session, username, user.actor, datetime.now(UTC), active=active == "1")
    return _done(username, "active")


@router.post("/accounts/users/{username}/role", include_in_schema=False)
async def set_role(
    request: Request, runtime: RuntimeDep, user: SecretariatUser, username: str
) -> Response:
    """Change an account's role (and, for staff, its municipality); never one's own."""
    target = _user(runtime, username)
    role, code, errors = forms.role_and_municipality(await _form(request), _municipalities(runtime))
    if target.id == user.id:
        errors.append(FormError("role", "not_yourself"))
    if errors or role is None:
        return _detail(request, runtime, user, target, errors, None, 400)
    with transaction(runtime.sessions) as session:
        store.update_user(
            session, username, user.actor, datetime.now(UTC), role=role, municipality_code=code
        )
    return _done(username, "role")


@router.post(
    "/accounts/users/{username}/password", response_class=HTMLResponse, include_in_schema=False
)
def reset_password(
    request: Request, runtime: RuntimeDep, user: SecretariatUser, username: str
) -> Response:
    """A new one-time password, shown once; the account's sessions end."""
    target = _user(runtime, username)
    password = forms.temporary_password()
    password_hash = hasher_for(runtime.settings).hash(password)
    with transaction(runtime.sessions) as session:
        store.set_password(session, username, password_hash, user.actor, datetime.now(UTC))
    return _detail(request, runtime, user, target, password=password)
