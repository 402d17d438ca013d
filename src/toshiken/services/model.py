"""Services as typed values: the reviewed entries, their providers, what a resident may use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from toshiken.vision.model import Initiative, Municipality

Group = Literal["子育て", "健康・医療", "学び・文化", "暮らしの相談", "福祉"]
GROUPS: tuple[Group, ...] = ("子育て", "健康・医療", "学び・文化", "暮らしの相談", "福祉")
"""Life events, in the order pages list them."""

GROUP_KEYS: dict[Group, str] = {
    "子育て": "kosodate",
    "健康・医療": "kenko",
    "学び・文化": "manabi",
    "暮らしの相談": "sodan",
    "福祉": "fukushi",
}
"""ASCII keys for anchors and CSV."""

ProviderKind = Literal["hub", "participants", "neighbours", "named"]
Access = Literal["any", "hub-and-neighbours"]
Via = Literal["residence", "commute"]
Reason = Literal["not-participant", "provided-at-home", "no-provider"]


@dataclass(frozen=True)
class FacilityCount:
    """Where a service's facilities are counted: a column of a chapter-2 table, with its label."""

    label: str  # what the page shows, e.g. 公民館図書室等
    column: str  # the column of the vision's table, e.g. 公民館図書室等数 (箇所)


@dataclass(frozen=True)
class FacilitySource:
    """A chapter-2 table that decides which participants provide the service, and how many sites."""

    table: str  # key of Vision.tables: "libraries", "sick_child_facilities"
    counts: tuple[FacilityCount, ...]


@dataclass(frozen=True)
class Service:
    """An entry of services.yaml checked against the vision; eligibility follows participants."""

    id: str
    name: str
    initiative: str  # "{pillar}-{policy}-{n}"
    group: Group
    summary: str
    audience: str
    providers: ProviderKind
    named: tuple[str, ...]  # municipality codes when providers == "named"
    access: Access
    places: dict[str, str]  # municipality code -> the place the document names
    facilities: FacilitySource | None
    commuters: bool  # the document also opens it to people commuting into a participant
    conditions: str | None
    apply: str
    cost: str | None  # cost to the resident, only where known
    basis: str  # the document's words this entry rests on
    line: int  # line of the entry in services.yaml


@dataclass(frozen=True)
class Site:
    """A count of facilities of one kind in one municipality."""

    label: str
    count: int


@dataclass(frozen=True)
class Provider:
    """A municipality providing a service, with its facilities per the chapter-2 table."""

    municipality: Municipality
    sites: tuple[Site, ...]  # empty when the service has no facility table
    place: str | None

    @property
    def site_total(self) -> int:
        return sum(s.count for s in self.sites)


@dataclass(frozen=True)
class Offer:
    """A service of other municipalities that a resident may use, and why."""

    service: Service
    initiative: Initiative
    providers: tuple[Provider, ...]
    via: Via
    through: Municipality  # the home, or the work/study municipality for via == "commute"


@dataclass(frozen=True)
class Missing:
    """A service the resident cannot use across the border, and why not."""

    service: Service
    initiative: Initiative
    reason: Reason


@dataclass(frozen=True)
class Finding:
    """Everything the finder says for one home (and optional work or study) municipality."""

    home: Municipality
    work: Municipality | None
    offers: tuple[Offer, ...]
    missing: tuple[Missing, ...]


@dataclass(frozen=True)
class Reach:
    """The reverse view for one provider: whose residents may use its part of the service."""

    provider: Provider
    residents_of: tuple[Municipality, ...]
