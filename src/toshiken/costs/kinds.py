"""The kinds of cost rule, usage measures and rounding rules."""

from __future__ import annotations

from enum import StrEnum


class RuleKind(StrEnum):
    """How a part of an initiative's costs is borne (費用負担の種類)."""

    HUB_PAYS = "hub_pays"  # 熊本市が負担
    PREFECTURE_SHARES = "prefecture_shares"  # 熊本市及び熊本県が負担
    EACH_PAYS_OWN = "each_pays_own"  # 関係市町村がそれぞれ負担
    POPULATION_RATIO = "population_ratio"  # 人口割合・人口比・人口按分
    EQUAL_PLUS_POPULATION = "equal_plus_population"  # 均等割＋人口割
    USAGE_BASED = "usage_based"  # 実績・利用児童数・ごみの量
    BY_AGREEMENT = "by_agreement"  # 協定書・規約・地方自治法の定め
    TO_BE_NEGOTIATED = "to_be_negotiated"  # 別途協議
    NONE = "none"  # 費用負担なし・空欄


SHARED_KINDS = frozenset(
    {
        RuleKind.HUB_PAYS,
        RuleKind.PREFECTURE_SHARES,
        RuleKind.POPULATION_RATIO,
        RuleKind.EQUAL_PLUS_POPULATION,
        RuleKind.USAGE_BASED,
    }
)
"""Kinds whose amount the engine splits; the others leave it unassigned (no transfer)."""


class UsageMeasure(StrEnum):
    """What a usage-based rule counts."""

    CHILDREN = "children"  # 利用児童数
    TONNES = "tonnes"  # ごみの量 (t)
    CASES = "cases"  # 件数
    LESSONS = "lessons"  # 授業数
    USE = "use"  # 利用実績


class Rounding(StrEnum):
    """How exact shares are rounded to whole yen so that they add up to the amount."""

    LARGEST_REMAINDER = "largest_remainder"  # 最大剰余法 (default)
    REMAINDER_TO_HUB = "remainder_to_hub"  # 端数は連携中枢都市に寄せる
