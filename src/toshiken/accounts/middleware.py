"""The session cookie and CSRF check every request goes through (a pure ASGI middleware)."""

from __future__ import annotations

from datetime import UTC, datetime

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.requests import Request, cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from toshiken.accounts.login import signed_in_user
from toshiken.accounts.pages import templates
from toshiken.accounts.signing import (
    COOKIE,
    CSRF_FIELD,
    CSRF_HEADER,
    csrf_token,
    csrf_valid,
    new_session_id,
    sign_session,
    unsign_session,
)
from toshiken.core.settings import Settings

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
STRICT_PATHS = frozenset({"/login"})  # a forged login would sign the victim in as someone else
EXEMPT_PREFIXES = ("/api/3/action/", "/api/action/")
"""The read-only CKAN Action API: it changes nothing and ignores cookies (docs/opendata.md)."""
MAX_BODY = 10 * 1024 * 1024  # an uploaded workbook fits well below this
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def session_cookie(settings: Settings, session_id: str) -> str:
    """A Set-Cookie value: HttpOnly, SameSite=Lax, Secure in production, for the browser session."""
    secure = "; Secure" if settings.environment == "production" else ""
    value = sign_session(settings.secret_key, session_id)
    return f"{COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax{secure}"


class SessionCsrfMiddleware:
    """Gives every browser a signed session id and refuses forged unsafe requests.

    A POST, PUT, PATCH or DELETE needs the session's CSRF token (a hidden `csrf_token` field, or
    an `X-CSRF-Token` header) when it comes with a signed-in session, goes to /login, or brings a
    cookie this server did not sign. Without a session cookie, or on a session nobody signed in
    to, a request can only act as the public and passes. The read-only CKAN Action API
    (EXEMPT_PREFIXES) is never checked: harvesters POST there with whatever cookie they kept.
    Routes read `request.state.session_id` and `request.state.csrf_token`.
    """

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        cookie = cookie_parser(headers.get("cookie", "")).get(COOKIE)
        session_id = unsign_session(self.settings.secret_key, cookie)
        forged = session_id is None and cookie is not None  # a cookie we did not sign
        if session_id is None:
            session_id = new_session_id()
        state = scope.setdefault("state", {})
        state["session_id"] = session_id
        state["csrf_token"] = csrf_token(self.settings.secret_key, session_id)
        send = self._setting_cookie(send, session_id) if cookie is None or forged else send
        if scope["method"] in SAFE_METHODS or scope["path"].startswith(EXEMPT_PREFIXES):
            await self.app(scope, receive, send)
            return
        body = await _read_body(receive)
        if body is None:
            await _refuse(scope, send, 413, "too_large")
            return
        submitted = headers.get(CSRF_HEADER) or await _form_token(scope, body)
        if not csrf_valid(self.settings.secret_key, session_id, submitted) and (
            forged or scope["path"] in STRICT_PATHS or await _signed_in(scope, session_id)
        ):
            await _refuse(scope, send, 403, "csrf")
            return
        await self.app(scope, _replay(body), send)

    def _setting_cookie(self, send: Send, session_id: str) -> Send:
        value = session_cookie(self.settings, session_id)

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                names = {name.lower() for name, _ in message["headers"]}
                if b"set-cookie" not in names:
                    message["headers"].append((b"set-cookie", value.encode("latin-1")))
            await send(message)

        return wrapped


async def _signed_in(scope: Scope, session_id: str) -> bool:
    """Whether someone is signed in on this browser session (one database look-up)."""
    runtime = scope["app"].state.runtime
    now = datetime.now(UTC)
    user = await run_in_threadpool(signed_in_user, runtime.sessions, session_id, now)
    return user is not None


async def _read_body(receive: Receive) -> bytes | None:
    """The whole request body, or None once it passes MAX_BODY."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


async def _form_token(scope: Scope, body: bytes) -> str | None:
    content_type = Headers(scope=scope).get("content-type", "")
    if not content_type.startswith(FORM_TYPES):
        return None
    request = Request(scope, _replay(body))
    try:
        async with request.form() as form:
            value = form.get(CSRF_FIELD)
            return value if isinstance(value, str) else None
    except Exception:  # a malformed body has no token; the refusal says enough
        return None


async def _refuse(scope: Scope, send: Send, status: int, reason: str) -> None:
    request = Request(scope)
    response = templates.TemplateResponse(
        request, "refused.html", {"reason": reason}, status_code=status
    )
    await response(scope, _replay(b""), send)
