"""The licence from TOSHIKEN_OPENDATA_*: a known id alone, or any id with its title and URL."""

from __future__ import annotations

import pytest

from toshiken.core.settings import Settings
from toshiken.opendata.settings import configured_license


def test_cc_by_4_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TOSHIKEN_OPENDATA_LICENSE_ID", raising=False)
    license = configured_license(Settings(_env_file=None))  # type: ignore[call-arg]
    assert license.id == "CC-BY-4.0" and "4.0" in license.title


def test_a_known_id_brings_its_title(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOSHIKEN_OPENDATA_LICENSE_ID", "PDL-1.0")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert configured_license(settings).title == "公共データ利用規約（第1.0版）"


def test_any_other_id_needs_title_and_url() -> None:
    with pytest.raises(ValueError, match="LICENSE_TITLE"):
        configured_license(Settings(opendata_license_id="X-1"))
    custom = Settings(
        opendata_license_id="X-1",
        opendata_license_title="独自",
        opendata_license_url="https://x.jp",
    )
    assert configured_license(custom).url == "https://x.jp"


def test_the_site_url_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOSHIKEN_OPENDATA_SITE_URL", "https://opendata.example.jp")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.opendata_site_url == "https://opendata.example.jp"
