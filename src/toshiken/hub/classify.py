"""Topics by keywords, source category and URL path; vision initiatives by keywords."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from toshiken.hub.model import TOPICS, Topic
from toshiken.hub.normalize import normalize_text
from toshiken.hub.sources import HubConfig

TITLE_WEIGHT = 1.0
LEAD_WEIGHT = 0.3
PATH_WEIGHT = 2.0
SOURCE_CATEGORY_WEIGHT = 2.5
ENTRY_CATEGORY_WEIGHT = 1.5
FALLBACK: Topic = "くらし"


@dataclass(frozen=True)
class TopicRule:
    topic: Topic
    keywords: tuple[tuple[str, float], ...]  # normalised keyword, weight
    paths: tuple[str, ...]
    categories: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    """What classification reads: built once from the configuration, then shared."""

    topics: tuple[TopicRule, ...]
    initiatives: tuple[tuple[str, tuple[str, ...]], ...]  # id, normalised keywords

    @classmethod
    def from_config(cls, config: HubConfig) -> Lexicon:
        topics = tuple(
            TopicRule(
                topic=topic,
                keywords=tuple((_norm(k), w) for k, w in spec.keywords.items()),
                paths=tuple(p.lower() for p in spec.paths),
                categories=tuple(_norm(c) for c in spec.categories),
            )
            for topic, spec in config.topics.items()
        )
        initiatives = tuple((i.id, tuple(_norm(k) for k in i.keywords)) for i in config.initiatives)
        return cls(topics=topics, initiatives=initiatives)


def _norm(text: str) -> str:
    return normalize_text(text).lower()


def _keyword_score(rule: TopicRule, text: str) -> float:
    return sum(weight for keyword, weight in rule.keywords if keyword in text)


def topic_scores(
    lexicon: Lexicon,
    title: str,
    lead: str = "",
    url: str = "",
    source_category: str = "",
    entry_categories: Iterable[str] = (),
) -> dict[Topic, float]:
    """Every topic's score for one item (higher is more likely)."""
    title_n, lead_n = _norm(title), _norm(lead)
    parts = urlsplit(url)
    path = f"{parts.path}?{parts.query}".lower()
    source_n = _norm(source_category)
    entry_n = [_norm(c) for c in entry_categories]
    scores: dict[Topic, float] = {}
    for rule in lexicon.topics:
        score = TITLE_WEIGHT * _keyword_score(rule, title_n) + LEAD_WEIGHT * _keyword_score(
            rule, lead_n
        )
        if any(fragment in path for fragment in rule.paths):
            score += PATH_WEIGHT
        if source_n and any(word in source_n for word in rule.categories):
            score += SOURCE_CATEGORY_WEIGHT
        if any(word in category for category in entry_n for word in rule.categories):
            score += ENTRY_CATEGORY_WEIGHT
        scores[rule.topic] = score
    return scores


def rank_topics(scores: Mapping[Topic, float]) -> tuple[Topic, ...]:
    """Topics with a positive score, best first (ties in TOPICS order); くらし when none scores."""
    ranked = sorted((t for t in TOPICS if scores.get(t, 0) > 0), key=lambda t: -scores[t])
    return tuple(ranked) or (FALLBACK,)


def classify(
    lexicon: Lexicon,
    title: str,
    lead: str = "",
    url: str = "",
    source_category: str = "",
    entry_categories: Iterable[str] = (),
) -> tuple[Topic, ...]:
    """The item's topics, best first; never empty."""
    scores = topic_scores(lexicon, title, lead, url, source_category, entry_categories)
    return rank_topics(scores)


def link_initiatives(lexicon: Lexicon, *texts: str) -> tuple[str, ...]:
    """Initiative ids whose keywords occur in any of the texts, in configuration order."""
    joined = " ".join(_norm(t) for t in texts)
    return tuple(iid for iid, keywords in lexicon.initiatives if any(k in joined for k in keywords))
