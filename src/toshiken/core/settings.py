"""Settings: one pydantic-settings class, read from TOSHIKEN_* environment variables."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_SOURCE = PROJECT_ROOT / "data" / "kumamoto" / "vision-2025-03.txt"


class Settings(BaseSettings):
    """Everything that can be configured. Build it in the entry points and pass it down."""

    model_config = SettingsConfigDict(env_prefix="TOSHIKEN_", env_file=".env", extra="ignore")

    database_url: str = Field(
        default="sqlite:///toshiken.sqlite3",
        description="SQLAlchemy URL of the database: a SQLite file by default, "
        "postgresql+psycopg://… for multi-user deployments.",
    )
    source: Path = Field(
        default=DEFAULT_SOURCE,
        description="The vision document (text) the embedded dataset is loaded from.",
    )
    data_dir: Path = Field(
        default=PROJECT_ROOT / "data" / "kumamoto",
        description="Folder of the reviewed data files that sit beside the document.",
    )
    host: str = Field(default="127.0.0.1", description="Address the web server binds to.")
    port: int = Field(default=8000, description="Port the web server listens on.")
    secret_key: str = Field(
        default="development-only-secret",
        description="Key that signs session cookies; must be changed outside development.",
    )
    environment: str = Field(
        default="development",
        description="development, test or production; production refuses the default secret.",
    )
    session_lifetime_minutes: int = Field(
        default=480,
        ge=5,
        le=7 * 24 * 60,
        description="How long a sign-in lasts, in minutes, before the user must sign in again.",
    )
    opendata_license_id: str = Field(
        default="CC-BY-4.0",
        description="Licence of every open dataset: CC-BY-4.0 (default), CC-BY-SA-4.0, CC0-1.0, "
        "PDL-1.0, or any other id together with its title and URL.",
    )
    opendata_license_title: str | None = Field(
        default=None, description="The licence's name; needed only for an id not listed above."
    )
    opendata_license_url: str | None = Field(
        default=None, description="Where the licence text is; needed only for an unlisted id."
    )
    opendata_site_url: str | None = Field(
        default=None,
        description="Public address of the site (https://…) used in the CKAN API's links; "
        "default: the address each request came to.",
    )

    def check(self) -> None:
        """Refuse placeholder secrets outside development."""
        if self.environment == "production" and self.secret_key == "development-only-secret":
            raise ValueError("TOSHIKEN_SECRET_KEY must be set in production")
