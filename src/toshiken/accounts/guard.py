"""Route dependencies: the signed-in user as named aliases, and refusals as pages or JSON."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.responses import Response

from toshiken.accounts.login import signed_in_user
from toshiken.accounts.middleware import SessionCsrfMiddleware
from toshiken.accounts.model import User
from toshiken.accounts.pages import templates
from toshiken.accounts.permissions import is_internal, is_secretariat
from toshiken.core.settings import Settings
from toshiken.core.web import RuntimeDep


class Forbidden(HTTPException):
    """403: shown as a page to browsers, as JSON to everyone else."""

    def __init__(self, detail: str = "forbidden") -> None:
        super().__init__(status_code=403, detail=detail)


def optional_user(request: Request, runtime: RuntimeDep) -> User | None:
    """The user signed in on this browser session, or None for the public."""
    session_id: str | None = getattr(request.state, "session_id", None)
    if session_id is None:
        return None
    return signed_in_user(runtime.sessions, session_id, datetime.now(UTC))


MaybeUser = Annotated[User | None, Depends(optional_user)]


def current_user(user: MaybeUser) -> User:
    """Any signed-in user; the public gets 403 (pages offer the login form)."""
    if user is None or not is_internal(user):
        raise Forbidden("sign in first")
    return user


CurrentUser = Annotated[User, Depends(current_user)]


def secretariat_user(user: CurrentUser) -> User:
    if not is_secretariat(user):
        raise Forbidden("only the secretariat may do this")
    return user


SecretariatUser = Annotated[User, Depends(secretariat_user)]


def _wants_html(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "")


async def _forbidden(request: Request, exc: Exception) -> Response:
    detail = exc.detail if isinstance(exc, HTTPException) else "forbidden"
    if not _wants_html(request):
        return JSONResponse({"detail": detail}, status_code=403)
    user = optional_user(request, request.app.state.runtime)
    if user is None and request.method == "GET":
        target = quote(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
        return RedirectResponse(f"/login?next={target}", status_code=303)
    return templates.TemplateResponse(
        request, "forbidden.html", {"user": user, "detail": detail}, status_code=403
    )


def install(app: FastAPI, settings: Settings) -> None:
    """What web.py calls once: the session/CSRF middleware and the 403 page."""
    app.add_middleware(SessionCsrfMiddleware, settings=settings)
    app.add_exception_handler(Forbidden, _forbidden)
