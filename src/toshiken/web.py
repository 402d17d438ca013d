"""create_app(settings): the FastAPI app with every feature's router, templates and static files."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint

from toshiken.core.runtime import Runtime
from toshiken.core.settings import Settings
from toshiken.features import feature_modules

HERE = Path(__file__).parent
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
    "script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


class SecurityHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; uvicorn calls this with no argument (settings from the environment)."""
    settings = settings or Settings()
    settings.check()
    runtime = Runtime(settings)
    runtime.ensure_schema()
    app = FastAPI(title="toshiken (都市圏)", version="0.1.0", docs_url="/docs")
    app.state.runtime = runtime
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for module in feature_modules("routes"):
        app.include_router(module.router)
    return app
