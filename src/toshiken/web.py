"""create_app(settings): the FastAPI app with every feature's router, templates and static files."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from toshiken.accounts.guard import install as install_accounts
from toshiken.core.runtime import Runtime
from toshiken.core.settings import Settings
from toshiken.features import feature_modules
from toshiken.vision.portal import install_portal

HERE = Path(__file__).parent
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
    "script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every response that lacks them (pure ASGI: no per-request task)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers.extend(h for h in self.headers if h[0] not in present)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; uvicorn calls this with no argument (settings from the environment)."""
    settings = settings or Settings()
    settings.check()
    runtime = Runtime(settings)
    runtime.ensure_schema()
    app = FastAPI(title="toshiken (都市圏)", version="0.1.0", docs_url="/docs")
    app.state.runtime = runtime
    install_accounts(app, settings)  # session cookie, CSRF check, 403 page (inside the headers)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for module in feature_modules("routes"):
        app.include_router(module.router)
    install_portal(app)  # language cookie, Japanese error pages, offline /docs
    return app
