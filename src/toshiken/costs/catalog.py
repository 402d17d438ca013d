"""The rules file checked against the loaded vision: every id exists and every text is the cell."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from threading import Lock

from toshiken.costs.model import SHARED_KINDS, CostRule
from toshiken.costs.rules import Mismatch, RulesError, check_against, load_rules, plain_text
from toshiken.vision.model import Initiative, Vision

RULES_FILE = "cost_rules.yaml"
BLANK_MARKS = frozenset({"/", "／"})
"""The reader stores a lone '/' cell as '' (vision/initiatives.py); the rules file keeps '/'."""


class RulesMismatch(RulesError):
    """The rules file disagrees with the loaded vision; ``mismatches`` name each entry id."""

    def __init__(self, mismatches: Sequence[Mismatch]) -> None:
        self.mismatches = tuple(mismatches)
        super().__init__([m.message for m in self.mismatches])


@dataclass(frozen=True)
class Catalog:
    """The checked rules of one vision, by initiative id, in document order."""

    vision: Vision
    rules: tuple[CostRule, ...]

    def rule(self, initiative_id: str) -> CostRule:
        return next(r for r in self.rules if r.initiative_id == initiative_id)

    def initiative(self, initiative_id: str) -> Initiative:
        return next(i for i in self.vision.initiatives if i.id == initiative_id)

    def has(self, initiative_id: str) -> bool:
        return any(r.initiative_id == initiative_id for r in self.rules)


def check_rules(rules: Sequence[CostRule], vision: Vision) -> tuple[Mismatch, ...]:
    """rules.check_against the loaded vision's 費用負担 cells, a lone '/' counting as blank."""
    by_id = {rule.initiative_id: rule for rule in rules}
    texts = {}
    for initiative in vision.initiatives:
        cell = initiative.cost_sharing
        rule = by_id.get(initiative.id)
        if rule is not None and not cell.strip() and plain_text(rule.text) in BLANK_MARKS:
            cell = rule.text
        texts[initiative.id] = cell
    return check_against(rules, texts)


def catalog_from_text(text: str, vision: Vision) -> Catalog:
    """Parse and validate the rules, then check them against the vision; raise on any problem."""
    rules = load_rules(text)
    mismatches = check_rules(rules, vision)
    if mismatches:
        raise RulesMismatch(mismatches)
    return Catalog(vision, rules)


_CACHE: dict[tuple[str, int, int], Catalog] = {}
_LOCK = Lock()


def load_catalog(data_dir: Path, vision: Vision) -> Catalog:
    """The rules file beside the document, checked against this vision; read again on change."""
    path = data_dir / RULES_FILE
    key = (str(path), path.stat().st_mtime_ns, id(vision))
    found = _CACHE.get(key)
    if found is not None and found.vision is vision:
        return found
    catalog = catalog_from_text(path.read_text(encoding="utf-8"), vision)
    with _LOCK:
        if len(_CACHE) >= 4:
            _CACHE.clear()
        _CACHE[key] = catalog
    return catalog


def default_component(rule: CostRule) -> int:
    """The component a calculation uses unless told: the first one whose amount is split."""
    return next((i for i, c in enumerate(rule.components) if c.kind in SHARED_KINDS), 0)
