"""The open-data licence from the core settings (TOSHIKEN_OPENDATA_LICENSE_*)."""

from __future__ import annotations

from toshiken.core.settings import Settings
from toshiken.opendata.catalog import LICENSES
from toshiken.opendata.model import License


def configured_license(settings: Settings) -> License:
    """The configured licence; raises ValueError for an unknown id without title and URL."""
    license_id = settings.opendata_license_id
    known = LICENSES.get(license_id)
    title = settings.opendata_license_title or (known.title if known else None)
    url = settings.opendata_license_url or (known.url if known else None)
    if title is None or url is None:
        raise ValueError(
            f"TOSHIKEN_OPENDATA_LICENSE_ID={license_id!r} is not one of "
            f"{', '.join(LICENSES)}: set TOSHIKEN_OPENDATA_LICENSE_TITLE and _URL too"
        )
    return License(license_id, title, url, is_open=True)
