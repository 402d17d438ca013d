"""The licence from TOSHIKEN_OPENDATA_*: a known id alone, or any id with its title and URL."""

from __future__ import annotations

import pytest

from toshiken.opendata.settings import OpenDataSettings


def test_cc_by_4_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TOSHIKEN_OPENDATA_LICENSE_ID", raising=False)
    license = OpenDataSettings(_env_file=None).license()  # type: ignore[call-arg]
    assert license.id == "CC-BY-4.0" and "4.0" in license.title


def test_a_known_id_brings_its_title(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOSHIKEN_OPENDATA_LICENSE_ID", "PDL-1.0")
    assert OpenDataSettings(_env_file=None).license().title == "公共データ利用規約（第1.0版）"  # type: ignore[call-arg]


def test_any_other_id_needs_title_and_url() -> None:
    with pytest.raises(ValueError, match="LICENSE_TITLE"):
        OpenDataSettings(license_id="X-1").license()
    custom = OpenDataSettings(license_id="X-1", license_title="独自", license_url="https://x.jp")
    assert custom.license().url == "https://x.jp"
