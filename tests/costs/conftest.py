"""Fixtures for the cost tests: the 24 members and the vision's population table."""

from __future__ import annotations

from datetime import date

import pytest

from toshiken.costs.model import PopulationSet

# code, name, population (熊本県推計人口調査, 1 October 2024, as printed in the vision)
MEMBERS: tuple[tuple[str, str, int], ...] = (
    ("431001", "熊本市", 737409),
    ("432041", "荒尾市", 48294),
    ("432067", "玉名市", 61464),
    ("432083", "山鹿市", 46186),
    ("432105", "菊池市", 45036),
    ("432113", "宇土市", 35340),
    ("432130", "宇城市", 55106),
    ("432148", "阿蘇市", 23550),
    ("432164", "合志市", 63892),
    ("433489", "美里町", 8323),
    ("433641", "玉東町", 4939),
    ("433675", "南関町", 8187),
    ("433683", "長洲町", 14708),
    ("433691", "和水町", 8609),
    ("434035", "大津町", 35997),
    ("434043", "菊陽町", 44450),
    ("434281", "高森町", 5421),
    ("434329", "西原村", 6731),
    ("434337", "南阿蘇村", 9503),
    ("434418", "御船町", 16621),
    ("434426", "嘉島町", 10032),
    ("434434", "益城町", 33261),
    ("434442", "甲佐町", 9625),
    ("434477", "山都町", 12041),
)
CODE = {name: code for code, name, _ in MEMBERS}
HUB = CODE["熊本市"]


@pytest.fixture
def population() -> PopulationSet:
    return PopulationSet(
        name="熊本県推計人口調査（2024-10-01）",
        as_of=date(2024, 10, 1),
        source="熊本県推計人口調査",
        populations={code: people for code, _, people in MEMBERS},
    )


@pytest.fixture
def names() -> dict[str, str]:
    return {code: name for code, name, _ in MEMBERS}
