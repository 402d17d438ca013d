"""What the open-data routes share: the publisher and the site's address."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from toshiken.core.web import RuntimeDep
from toshiken.opendata.store import Publisher


def get_publisher(request: Request, runtime: RuntimeDep) -> Publisher:
    """One publisher per app, so the catalog is built again only when its data changes."""
    publisher: Publisher | None = getattr(request.app.state, "opendata_publisher", None)
    if publisher is None:
        publisher = Publisher(runtime.settings)
        request.app.state.opendata_publisher = publisher
    return publisher


def get_base_url(request: Request, runtime: RuntimeDep) -> str:
    """The configured public address, else the one the request came to; no trailing slash."""
    return (runtime.settings.opendata_site_url or str(request.base_url)).rstrip("/")


PublisherDep = Annotated[Publisher, Depends(get_publisher)]
BaseUrlDep = Annotated[str, Depends(get_base_url)]
