import pytest

from tests.hub.conftest import CONFIG_PATH
from toshiken.hub.sources import HubConfig, HubConfigError, check_digit_ok, parse_config

MEMBERS = dict(
  [
    ("431001", "熊本市"), ("432041", "荒尾市"), ("432067", "玉名市"), ("432083", "山鹿市"),
    ("432105", "菊池市"), ("432113", "宇土市"), ("432130", "宇城市"), ("432148", "阿蘇市"),
    ("432164", "合志市"), ("433489", "美里町"), ("433641", "玉東町"), ("433675", "南関町"),
    ("433683", "長洲町"), ("433691", "和水町"), ("434035", "大津町"), ("434043", "菊陽町"),
    ("434281", "高森町"), ("434329", "西原村"), ("434337", "南阿蘇村"), ("434418", "御船町"),
    ("434426", "嘉島町"), ("434434", "益城町"), ("434442", "甲佐町"), ("434477", "山都町"),
  ]
)  # fmt: skip


def test_shipped_registry_covers_the_24_members(config: HubConfig) -> None:
    assert config.names() == MEMBERS
    assert len(config.sources) == 96
    assert {s.kind for s in config.sources} == {"rss", "atom", "ical", "html"}
    assert all(s.municipality in MEMBERS for s in config.sources)
    assert {s.kind for s in config.jma_sources} == {"jma"}


def test_check_digit() -> None:
    assert all(check_digit_ok(code) for code in MEMBERS)
    assert not check_digit_ok("431002")


def _broken(old: str, new: str) -> str:
    text = CONFIG_PATH.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "place"),
    [
        ('code: "431001"', 'code: "431002"', "municipalities[0].code"),
        ('item: "div.kiji_list div.kiji"', 'item: "div["', "municipalities[0].sources[0].list"),
        ("kind: html", "kind: gopher", "municipalities[0].sources[0].kind"),
        ("id: arao-news", "id: kumamoto-news", "repeated source id"),
        (
            'url: "https://www.city.kumamoto.jp/hpkiji',
            'url: "ftp://www.city.kumamoto.jp/hpkiji',
            "url",
        ),
    ],
)
def test_errors_name_the_place(old: str, new: str, place: str) -> None:
    with pytest.raises(HubConfigError) as error:
        parse_config(_broken(old, new), origin="hub_sources.yaml")
    assert "hub_sources.yaml" in str(error.value) and place in str(error.value)
