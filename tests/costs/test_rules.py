"""The classified rules file: it covers the 69 initiatives, validates, and matches the document."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from toshiken.costs.model import RuleKind, UsageMeasure, Weights
from toshiken.costs.rules import RulesError, check_against, load_rules, parse_rules, plain_text

DATA = Path(__file__).resolve().parents[2] / "data" / "kumamoto"
COST_ROW = re.compile(r"^(?:費用負担|費用分担|経費負担)(?:\t(.*))?$")


@pytest.fixture(scope="module")
def rules_text() -> str:
    return (DATA / "cost_rules.yaml").read_text(encoding="utf-8")


def document_cells() -> list[str]:
    """The 費用負担 cells of the document, in order (the rules file follows the same order)."""
    text = (DATA / "vision-2025-03.txt").read_text(encoding="utf-8")
    return [m.group(1) or "" for line in text.splitlines() if (m := COST_ROW.match(line))]


def test_the_file_covers_69_initiatives_and_validates(rules_text: str) -> None:
    rules = load_rules(rules_text)
    assert len(rules) == 69
    assert len({r.initiative_id for r in rules}) == 69
    assert {k for r in rules for k in r.kinds} == set(RuleKind)
    by_id = {r.initiative_id: r for r in rules}
    assert by_id["3-2-2"].components[0].measure is UsageMeasure.CHILDREN
    assert by_id["3-5-4"].components[0].measure is UsageMeasure.TONNES
    assert by_id["3-3-3"].components[0].provider == "宇城市"
    assert by_id["3-3-5"].kinds == (RuleKind.POPULATION_RATIO, RuleKind.EACH_PAYS_OWN)
    assert by_id["2-3-2"].kinds == (RuleKind.HUB_PAYS, RuleKind.EACH_PAYS_OWN)
    assert by_id["3-22-1"].components[0].instrument == "地方自治法第252条の7第1項に規定する規約"
    assert by_id["3-13-5"].text == "/" and by_id["3-13-5"].kinds == (RuleKind.NONE,)
    assert by_id["3-1-3"].text == "" and by_id["3-1-3"].kinds == (RuleKind.NONE,)


def test_every_text_is_the_documents_cell(rules_text: str) -> None:
    rules = load_rules(rules_text)
    cells = document_cells()
    assert len(cells) == 69
    texts = {rule.initiative_id: cell for rule, cell in zip(rules, cells, strict=True)}
    assert check_against(rules, texts) == ()


def test_check_against_reports_missing_extra_and_changed(rules_text: str) -> None:
    rules = load_rules(rules_text)
    texts = {r.initiative_id: r.text for r in rules}
    texts["9-9-9"] = "新しい取組"
    del texts["1-1-1"]
    texts["1-1-3"] = "<p>経費は、熊本県が負担する。</p>"
    found = {(m.initiative_id, m.problem) for m in check_against(rules, texts)}
    assert found == {("9-9-9", "missing"), ("1-1-1", "extra"), ("1-1-3", "text")}
    changed = next(m for m in check_against(rules, texts) if m.problem == "text")
    assert changed.document_text == "経費は、熊本県が負担する。"
    assert "本文が文書と異なります" in changed.message


def test_plain_text_strips_tags_but_keeps_brackets() -> None:
    cell = "<p>費用は、熊本市が負担する。</p> <p>ただし、\t周知は\u3000各自。</p>\t\t"
    assert plain_text(cell) == "費用は、熊本市が負担する。 ただし、 周知は 各自。"
    assert plain_text("<熊本市> が負担 &amp; 周知") == "<熊本市> が負担 & 周知"


def entry(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": "1-1-1",
        "text": "費用は、熊本市が負担する。",
        "components": [{"scope": "費用", "kind": "hub_pays", "payers": ["熊本市"]}],
    }
    return base | changes


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (entry(id="1-1"), "rules[0] (1-1).id"),
        (entry(text=None), "rules[0] (1-1-1).text"),
        (entry(text="<p>費用</p>"), "rules[0] (1-1-1).text"),
        (entry(components=[]), "rules[0] (1-1-1).components"),
        (entry(colour="red"), "rules[0] (1-1-1).colour: 未知の項目"),
        (entry(components=[{"scope": "費用", "kind": "hubpays"}]), "components[0].kind"),
        (entry(components=[{"scope": "費用", "kind": "hub_pays"}]), "components[0].payers: "),
        (entry(components=[{"scope": "費用", "kind": "usage_based"}]), "components[0].measure"),
        (
            entry(components=[{"scope": "費用", "kind": "usage_based", "measure": "kg"}]),
            "components[0].measure: 'kg'",
        ),
        (entry(components=[{"scope": "費用", "kind": "by_agreement"}]), "].instrument: "),
        (
            entry(components=[{"scope": "費用", "kind": "none", "measure": "use"}]),
            "components[0].measure: none では使えない",
        ),
        (
            entry(components=[{"scope": "", "kind": "none"}]),
            "components[0].scope: 空でない文字列",
        ),
        (
            entry(
                components=[
                    {"scope": "費", "kind": "equal_plus_population", "weights": {"equal": 1}}
                ]
            ),
            "components[0].weights",
        ),
        (
            entry(components=[{"scope": "費", "kind": "prefecture_shares", "payers": ["熊本市"]}]),
            "熊本県",
        ),
    ],
)
def test_errors_name_the_entry_and_field(rule: dict[str, object], expected: str) -> None:
    with pytest.raises(RulesError) as caught:
        parse_rules({"rules": [rule]})
    assert any(expected in problem for problem in caught.value.problems), caught.value.problems


def test_all_problems_are_reported_together_and_duplicates_found() -> None:
    with pytest.raises(RulesError) as caught:
        parse_rules({"rules": [entry(), entry(), entry(id="x")], "extra": 1})
    problems = caught.value.problems
    assert "extra: 未知の項目です" in problems
    assert any("rules[1] (1-1-1).id: rules[0] と重複" in p for p in problems)
    assert any(p.startswith("rules[2] (x).id") for p in problems)


def test_weights_parse_as_ratios() -> None:
    component = {
        "scope": "費用",
        "kind": "equal_plus_population",
        "weights": {"equal": "3/10", "population": 7},
    }
    (rule,) = parse_rules({"rules": [entry(components=[component])]})
    assert rule.components[0].weights == Weights(Fraction(3, 10), Fraction(7))


@pytest.mark.parametrize("text", ["rules: [", "- 1", "rules: []"])
def test_unreadable_files(text: str) -> None:
    with pytest.raises(RulesError):
        load_rules(text)


def test_the_file_is_plain_yaml_in_document_order(rules_text: str) -> None:
    ids = [r["id"] for r in yaml.safe_load(rules_text)["rules"]]
    key = [tuple(int(n) for n in i.split("-")) for i in ids]
    assert key == sorted(key)
