"""Open-data settings (TOSHIKEN_OPENDATA_*): the licence and the catalog's public address."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from toshiken.opendata.catalog import CC_BY_4, LICENSES
from toshiken.opendata.model import License


class OpenDataSettings(BaseSettings):
    """What the open-data feature reads from the environment; built by its entry points."""

    model_config = SettingsConfigDict(
        env_prefix="TOSHIKEN_OPENDATA_", env_file=".env", extra="ignore"
    )

    license_id: str = Field(
        default=CC_BY_4.id,
        description="Licence of every dataset: CC-BY-4.0 (default), CC-BY-SA-4.0, CC0-1.0, "
        "PDL-1.0, or any other id together with its title and URL.",
    )
    license_title: str | None = Field(
        default=None, description="The licence's name; needed only for an id not listed above."
    )
    license_url: str | None = Field(
        default=None, description="Where the licence text is; needed only for an unlisted id."
    )
    site_url: str | None = Field(
        default=None,
        description="Public address of the site (https://…) used in the API's links; "
        "default: the address each request came to.",
    )

    def license(self) -> License:
        """The configured licence; raises ValueError for an unknown id without title and URL."""
        known = LICENSES.get(self.license_id)
        title = self.license_title or (known.title if known else None)
        url = self.license_url or (known.url if known else None)
        if title is None or url is None:
            raise ValueError(
                f"TOSHIKEN_OPENDATA_LICENSE_ID={self.license_id!r} is not one of "
                f"{', '.join(LICENSES)}: set TOSHIKEN_OPENDATA_LICENSE_TITLE and _URL too"
            )
        return License(self.license_id, title, url, is_open=True)
