"""What the open-data routes share: the publisher, its settings and the site's address."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from toshiken.opendata.settings import OpenDataSettings
from toshiken.opendata.store import Publisher


def get_opendata_settings(request: Request) -> OpenDataSettings:
    """Read once per app, on first use (never at import time)."""
    settings: OpenDataSettings | None = getattr(request.app.state, "opendata_settings", None)
    if settings is None:
        settings = OpenDataSettings()
        request.app.state.opendata_settings = settings
    return settings


def get_publisher(
    request: Request, settings: Annotated[OpenDataSettings, Depends(get_opendata_settings)]
) -> Publisher:
    """One publisher per app, so the catalog is built again only when its data changes."""
    publisher: Publisher | None = getattr(request.app.state, "opendata_publisher", None)
    if publisher is None:
        publisher = Publisher(settings.license())
        request.app.state.opendata_publisher = publisher
    return publisher


def get_base_url(
    request: Request, settings: Annotated[OpenDataSettings, Depends(get_opendata_settings)]
) -> str:
    """The configured public address, else the one the request came to; no trailing slash."""
    return (settings.site_url or str(request.base_url)).rstrip("/")


PublisherDep = Annotated[Publisher, Depends(get_publisher)]
BaseUrlDep = Annotated[str, Depends(get_base_url)]
