"""The rules file is checked against the loaded vision: every id exists, every text is its cell."""

from __future__ import annotations

import dataclasses

import pytest

from tests.conftest import DATA
from toshiken.costs.catalog import (
    RULES_FILE,
    Catalog,
    RulesMismatch,
    catalog_from_text,
    check_rules,
    default_component,
)
from toshiken.costs.model import RuleKind
from toshiken.vision.model import Vision


@pytest.fixture(scope="module")
def rules_text() -> str:
    return (DATA / RULES_FILE).read_text(encoding="utf-8")


def test_the_rules_agree_with_the_loaded_vision(catalog: Catalog, vision: Vision) -> None:
    assert len(catalog.rules) == len(vision.initiatives) == 69
    assert [r.initiative_id for r in catalog.rules] == [i.id for i in vision.initiatives]
    assert check_rules(catalog.rules, vision) == ()


def test_a_lone_slash_matches_the_blank_cell_the_reader_stores(catalog: Catalog) -> None:
    assert catalog.rule("3-13-5").text == "/"
    assert catalog.initiative("3-13-5").cost_sharing == ""


def test_a_changed_text_is_reported_with_its_entry_id(rules_text: str, vision: Vision) -> None:
    changed = rules_text.replace(
        'text: "経費は、熊本市が負担する。"', 'text: "経費は、熊本県が負担する。"', 1
    )
    with pytest.raises(RulesMismatch) as caught:
        catalog_from_text(changed, vision)
    [mismatch] = caught.value.mismatches
    assert (mismatch.initiative_id, mismatch.problem) == ("1-1-3", "text")
    assert "1-1-3: 本文が文書と異なります" in str(caught.value)


def test_ids_missing_from_either_side_are_reported(rules_text: str, vision: Vision) -> None:
    renamed = rules_text.replace('- id: "1-1-1"', '- id: "1-1-9"', 1)
    with pytest.raises(RulesMismatch) as caught:
        catalog_from_text(renamed, vision)
    found = {(m.initiative_id, m.problem) for m in caught.value.mismatches}
    assert found == {("1-1-1", "missing"), ("1-1-9", "extra")}


def test_a_vision_with_another_cell_disagrees(catalog: Catalog, vision: Vision) -> None:
    first = vision.initiatives[0]
    other = dataclasses.replace(first, cost_sharing="<p>費用は、別途協議する。</p>")
    changed = dataclasses.replace(vision, initiatives=(other, *vision.initiatives[1:]))
    [mismatch] = check_rules(catalog.rules, changed)
    assert mismatch.initiative_id == first.id
    assert mismatch.document_text == "費用は、別途協議する。"


def test_the_default_component_is_the_first_that_splits(catalog: Catalog) -> None:
    assert default_component(catalog.rule("3-3-5")) == 0  # population ratio, then each pays
    assert default_component(catalog.rule("3-20-5")) == 1  # none, then lessons
    rule = catalog.rule("3-20-3")  # negotiated, then each pays: nothing splits
    assert default_component(rule) == 0
    assert rule.components[0].kind is RuleKind.TO_BE_NEGOTIATED
