"""The classified cost rules (cost_rules.yaml): loading, validation, the check against the text."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import yaml

from toshiken.costs.model import CostComponent, CostRule, RuleKind, UsageMeasure, Weights

ID = re.compile(r"[1-9]\d*-[1-9]\d*-[1-9]\d*")
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")  # HTML only: <熊本市> stays
_SPACE = re.compile(r"[\s\u3000]+")

TOP_FIELDS = frozenset({"source", "revision", "rules"})
RULE_FIELDS = frozenset({"id", "title", "text", "components"})
COMPONENT_FIELDS = frozenset(
    {"scope", "kind", "measure", "instrument", "payers", "provider", "weights", "note"}
)
ALLOWED: dict[RuleKind, frozenset[str]] = {
    RuleKind.HUB_PAYS: frozenset({"payers"}),
    RuleKind.PREFECTURE_SHARES: frozenset({"payers"}),
    RuleKind.USAGE_BASED: frozenset({"measure", "provider"}),
    RuleKind.BY_AGREEMENT: frozenset({"instrument"}),
    RuleKind.EQUAL_PLUS_POPULATION: frozenset({"weights"}),
}
REQUIRED: dict[RuleKind, frozenset[str]] = {
    RuleKind.HUB_PAYS: frozenset({"payers"}),
    RuleKind.PREFECTURE_SHARES: frozenset({"payers"}),
    RuleKind.USAGE_BASED: frozenset({"measure"}),
    RuleKind.BY_AGREEMENT: frozenset({"instrument"}),
}


class RulesError(ValueError):
    """The rules file is invalid; ``problems`` names each entry (index and id) and field."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("費用負担ルールに誤りがあります:\n" + "\n".join(self.problems))


@dataclass(frozen=True)
class Mismatch:
    """A difference between the rules file and the document."""

    initiative_id: str
    problem: str  # "missing" (in the document, not the rules), "extra" or "text"
    rule_text: str | None
    document_text: str | None

    @property
    def message(self) -> str:
        if self.problem == "missing":
            return f"{self.initiative_id}: 費用負担ルールがありません"
        if self.problem == "extra":
            return f"{self.initiative_id}: 文書にない取組の費用負担ルールです"
        return (
            f"{self.initiative_id}: 本文が文書と異なります\n"
            f"  ルール: {self.rule_text}\n  文書:   {self.document_text}"
        )


def plain_text(cell: str) -> str:
    """A 費用負担 cell as the rules file stores it: tags out, entities decoded, spaces collapsed."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", cell))).strip()


def load_rules(text: str) -> tuple[CostRule, ...]:
    """Parse and validate the YAML text of a rules file."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise RulesError([f"YAML として読めません: {error}"]) from error
    return parse_rules(data)


def parse_rules(data: object) -> tuple[CostRule, ...]:
    """Validate parsed YAML and build the rules; every problem is reported at once."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise RulesError(["最上位は rules を持つ対応表（mapping）でなければなりません"])
    problems += [f"{key}: 未知の項目です" for key in sorted(set(data) - TOP_FIELDS, key=str)]
    entries = data.get("rules")
    if not isinstance(entries, list) or not entries:
        raise RulesError([*problems, "rules: 規則の一覧（空でない list）が必要です"])
    rules: list[CostRule] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        rule = _rule(index, entry, problems)
        if rule is None:
            continue
        if rule.initiative_id in seen:
            problems.append(
                f"rules[{index}] ({rule.initiative_id}).id: "
                f"rules[{seen[rule.initiative_id]}] と重複しています"
            )
        seen.setdefault(rule.initiative_id, index)
        rules.append(rule)
    if problems:
        raise RulesError(problems)
    return tuple(rules)


def check_against(rules: Sequence[CostRule], texts: Mapping[str, str]) -> tuple[Mismatch, ...]:
    """Compare rules with the document's cells (id -> cell, raw or plain); () when they agree."""
    by_id = {rule.initiative_id: rule for rule in rules}
    found: list[Mismatch] = []
    for initiative_id, cell in texts.items():
        rule = by_id.get(initiative_id)
        document = plain_text(cell)
        if rule is None:
            found.append(Mismatch(initiative_id, "missing", None, document))
        elif plain_text(rule.text) != document:
            found.append(Mismatch(initiative_id, "text", rule.text, document))
    found += [Mismatch(i, "extra", by_id[i].text, None) for i in by_id if i not in texts]
    return tuple(found)


def _rule(index: int, entry: object, problems: list[str]) -> CostRule | None:
    if not isinstance(entry, dict):
        problems.append(f"rules[{index}]: 対応表（mapping）でなければなりません")
        return None
    where = f"rules[{index}] ({entry.get('id', '?')})"
    start = len(problems)
    problems += [f"{where}.{key}: 未知の項目です" for key in _unknown(entry, RULE_FIELDS)]
    initiative_id = entry.get("id")
    if not isinstance(initiative_id, str) or not ID.fullmatch(initiative_id):
        problems.append(f"{where}.id: 「柱-取組-番号」の形（例 3-2-2）の文字列が必要です")
    text = entry.get("text")
    if not isinstance(text, str):
        problems.append(f'{where}.text: 文字列が必要です（空欄は ""）')
    elif text != plain_text(text):
        problems.append(f"{where}.text: タグや連続する空白を除いた形で書いてください")
    title = entry.get("title", "")
    if not isinstance(title, str):
        problems.append(f"{where}.title: 文字列が必要です")
    raw = entry.get("components")
    if not isinstance(raw, list) or not raw:
        problems.append(f"{where}.components: 空でない list が必要です")
        raw = []
    components = [_component(f"{where}.components[{i}]", c, problems) for i, c in enumerate(raw)]
    if len(problems) > start:
        return None
    return CostRule(
        initiative_id=str(initiative_id),
        text=str(text),
        components=tuple(c for c in components if c is not None),
        title=str(title),
    )


def _component(where: str, entry: object, problems: list[str]) -> CostComponent | None:
    if not isinstance(entry, dict):
        problems.append(f"{where}: 対応表（mapping）でなければなりません")
        return None
    start = len(problems)
    problems += [f"{where}.{key}: 未知の項目です" for key in _unknown(entry, COMPONENT_FIELDS)]
    try:
        kind = RuleKind(str(entry.get("kind")))
    except ValueError:
        choices = ", ".join(k.value for k in RuleKind)
        problems.append(f"{where}.kind: {entry.get('kind')!r} は種類ではありません（{choices}）")
        return None
    present = {key for key in entry if key in COMPONENT_FIELDS - {"scope", "kind", "note"}}
    for key in sorted(present - ALLOWED.get(kind, frozenset())):
        problems.append(f"{where}.{key}: {kind.value} では使えない項目です")
    for key in sorted(REQUIRED.get(kind, frozenset()) - present):
        problems.append(f"{where}.{key}: {kind.value} には必須です")
    scope = _text(where, entry, "scope", problems, required=True)
    note = _text(where, entry, "note", problems)
    instrument = _text(where, entry, "instrument", problems)
    provider = _text(where, entry, "provider", problems)
    payers = entry.get("payers", [])
    if not isinstance(payers, list) or not all(isinstance(p, str) and p for p in payers):
        problems.append(f"{where}.payers: 名称の list が必要です")
        payers = []
    if kind is RuleKind.PREFECTURE_SHARES and "熊本県" not in payers:
        problems.append(f"{where}.payers: prefecture_shares には 熊本県 を含めてください")
    measure = None
    if "measure" in entry:
        try:
            measure = UsageMeasure(entry["measure"])
        except ValueError:
            choices = ", ".join(m.value for m in UsageMeasure)
            value = entry["measure"]
            problems.append(f"{where}.measure: {value!r} は単位ではありません（{choices}）")
    weights = _weights(where, entry.get("weights"), problems) if "weights" in entry else None
    if len(problems) > start:
        return None
    return CostComponent(
        scope=str(scope),
        kind=kind,
        measure=measure,
        instrument=instrument,
        payers=tuple(payers),
        provider=provider,
        weights=weights,
        note=note,
    )


def _weights(where: str, raw: object, problems: list[str]) -> Weights | None:
    if not isinstance(raw, dict) or set(raw) != {"equal", "population"}:
        problems.append(f"{where}.weights: equal と population の2項目が必要です")
        return None
    try:
        return Weights(equal=_ratio(raw["equal"]), population=_ratio(raw["population"]))
    except (ValueError, ZeroDivisionError, TypeError):
        problems.append(f'{where}.weights: 0以上の比（例 "1/2"、"3/10"）で書いてください')
        return None


def _ratio(value: object) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError("a ratio is an int or a string such as '1/2'")
    return Fraction(value)


def _text(
    where: str, entry: dict[Any, Any], key: str, problems: list[str], *, required: bool = False
) -> str | None:
    value = entry.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{where}.{key}: 空でない文字列が必要です")
        return None
    return value


def _unknown(entry: dict[Any, Any], known: frozenset[str]) -> list[str]:
    return sorted((str(key) for key in entry if key not in known), key=str)
