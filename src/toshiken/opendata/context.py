"""What the open-data routes share: the publisher, the sessions and the site's address.

The dependencies are `async` because they never block: FastAPI would run plain functions in
its thread pool, one hop each per request.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session, sessionmaker

from toshiken.core.runtime import Runtime
from toshiken.opendata.store import Publisher

FRESH_SECONDS = 2.0
"""The app checks the database and the providers for changes at most this often."""


def _runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


async def get_publisher(request: Request) -> Publisher:
    """One publisher per app, so the catalog is built again only when its data changes."""
    publisher: Publisher | None = getattr(request.app.state, "opendata_publisher", None)
    if publisher is None:
        publisher = Publisher(_runtime(request).settings, fresh_for=FRESH_SECONDS)
        request.app.state.opendata_publisher = publisher
    return publisher


async def get_sessions(request: Request) -> sessionmaker[Session]:
    return _runtime(request).sessions


async def get_base_url(request: Request) -> str:
    """The configured public address, else the one the request came to; no trailing slash."""
    return (_runtime(request).settings.opendata_site_url or str(request.base_url)).rstrip("/")


PublisherDep = Annotated[Publisher, Depends(get_publisher)]
SessionsDep = Annotated[sessionmaker[Session], Depends(get_sessions)]
BaseUrlDep = Annotated[str, Depends(get_base_url)]
