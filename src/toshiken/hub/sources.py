"""The source registry: hub_sources.yaml read and validated into sources, rules and lexicons."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from toshiken.hub.canonical import UrlRule, host_of
from toshiken.hub.listpage import ListPageError, ListRule
from toshiken.hub.model import Topic

SourceKind = Literal["rss", "atom", "ical", "html", "jma"]
Tier = Literal["normal", "disaster"]


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class HubConfigError(ValueError):
    """hub_sources.yaml is wrong; the message names the file and the place."""


def check_digit_ok(code: str) -> bool:
    """全国地方公共団体コード: the sixth digit checks the first five (431001 熊本市)."""
    if len(code) != 6 or not code.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(code[:5], (6, 5, 4, 3, 2), strict=True))
    return (11 - total % 11) % 10 == int(code[5])


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ListSpec(_Frozen):
    """Where items sit in an HTML list page."""

    syntax: Literal["css", "xpath"] = "css"
    item: str
    link: str = "a"
    title: str | None = None
    date: str | None = None
    summary: str | None = None
    link_attribute: str = "href"

    @model_validator(mode="after")
    def _compiles(self) -> ListSpec:
        try:
            self.rule().check()
        except ListPageError as exc:
            raise ValueError(str(exc)) from exc
        return self

    def rule(self) -> ListRule:
        return ListRule(**self.model_dump())


class Source(_Frozen):
    """One address the hub polls."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")
    municipality: str = Field(description="local government code of the publisher")
    kind: SourceKind
    url: str
    title: str = ""
    category: str = Field(
        "", description="the site's own category for everything this source lists"
    )
    tier: Tier = "normal"
    interval_minutes: float | None = Field(None, gt=0)
    list: ListSpec | None = None

    @field_validator("url")
    @classmethod
    def _http(cls, url: str) -> str:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an http(s) address: {url!r}")
        return url

    @model_validator(mode="after")
    def _list_rule(self) -> Source:
        if (self.kind == "html") != (self.list is not None):
            raise ValueError("an html source needs a `list` rule, and only html sources have one")
        return self

    @property
    def host(self) -> str:
        return host_of(self.url)


class SourceSpec(_Frozen):
    """A source as written under its municipality (the code comes from the parent)."""

    id: str
    kind: SourceKind
    url: str
    title: str = ""
    category: str = ""
    tier: Tier = "normal"
    interval_minutes: float | None = None
    list: ListSpec | None = None


class MunicipalitySpec(_Frozen):
    code: str
    name: str
    sources: tuple[SourceSpec, ...]

    @field_validator("code")
    @classmethod
    def _code(cls, code: str) -> str:
        if not check_digit_ok(code):
            raise ValueError(
                f"{code!r} is not a 6-digit local government code with its check digit"
            )
        return code


class Defaults(_Frozen):
    interval_minutes: float = Field(15, gt=0)
    disaster_interval_minutes: float = Field(2, gt=0)
    jma_interval_minutes: float = Field(1, gt=0)
    user_agent: str = Field(
        min_length=10,
        pattern=r"^[\x20-\x7e]+$",
        description="names the hub and a contact address (printable ASCII: it is an HTTP header)",
    )


class UrlRuleSpec(_Frozen):
    host: str
    path: str
    keep: tuple[str, ...]


class TopicSpec(_Frozen):
    keywords: dict[str, float] = Field(description="keyword -> weight, matched on normalised text")
    paths: tuple[str, ...] = ()  # URL path fragments
    categories: tuple[str, ...] = ()  # source or entry category words


class InitiativeSpec(_Frozen):
    id: str = Field(pattern=r"^\d+-\d+-\d+$")
    title: str
    keywords: tuple[str, ...] = Field(min_length=1)


class DisasterSpec(_Frozen):
    feeds: tuple[SourceSpec, ...]
    offices: tuple[str, ...]  # telegrams from other offices are read only when nationwide (気象庁)
    areas: dict[str, tuple[str, ...]]  # member code -> JMA city-level codes
    regions: dict[str, tuple[str, ...]]  # JMA region code -> member codes it covers


class HubConfig(_Frozen):
    version: Literal[1]
    area: str
    defaults: Defaults
    url_rules: tuple[UrlRuleSpec, ...] = ()
    topics: dict[Topic, TopicSpec]
    initiatives: tuple[InitiativeSpec, ...]
    disaster: DisasterSpec
    municipalities: tuple[MunicipalitySpec, ...]

    @model_validator(mode="after")
    def _consistent(self) -> HubConfig:
        codes = [m.code for m in self.municipalities]
        ids = [s.id for s in self.all_sources]
        for label, values in (("municipality code", codes), ("source id", ids)):
            repeated = [v for v, n in Counter(values).items() if n > 1]
            if repeated:
                raise ValueError(f"repeated {label}: {', '.join(repeated)}")
        unknown = set(self.disaster.areas) - set(codes)
        for members in self.disaster.regions.values():
            unknown |= set(members) - set(codes)
        if unknown:
            raise ValueError(f"disaster areas name unknown members: {sorted(unknown)}")
        return self

    @property
    def sources(self) -> tuple[Source, ...]:
        """The members' sources (not the JMA feeds)."""
        return tuple(
            Source(municipality=m.code, **s.model_dump())
            for m in self.municipalities
            for s in m.sources
        )

    @property
    def jma_sources(self) -> tuple[Source, ...]:
        return tuple(
            Source(municipality="000000", **s.model_dump(exclude={"tier"}), tier="disaster")
            for s in self.disaster.feeds
        )

    @property
    def all_sources(self) -> tuple[Source, ...]:
        return self.sources + self.jma_sources

    @property
    def url_rules_compiled(self) -> tuple[UrlRule, ...]:
        return tuple(UrlRule(r.host, r.path, r.keep) for r in self.url_rules)

    def names(self) -> dict[str, str]:
        return {m.code: m.name for m in self.municipalities}


def _place(loc: tuple[int | str, ...]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")


def parse_config(text: str, origin: str = "hub_sources.yaml") -> HubConfig:
    """Validate YAML text; errors name `origin` and the field's place."""
    try:
        raw = yaml.load(text, Loader=_LOADER)  # a safe loader (libyaml's when built)
    except yaml.YAMLError as exc:
        raise HubConfigError(f"{origin}: not YAML: {exc}") from exc
    try:
        return HubConfig.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(f"{_place(e['loc'])}: {e['msg']}" for e in exc.errors())
        raise HubConfigError(f"{origin}: {problems}") from exc


def load_config(path: Path) -> HubConfig:
    """Read and validate a hub_sources.yaml file."""
    return parse_config(path.read_text(encoding="utf-8"), origin=str(path))
