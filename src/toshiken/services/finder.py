"""Pure derivation: which services of other municipalities a resident may use, and the reverse."""

from __future__ import annotations

from collections.abc import Sequence

from toshiken.services.model import (
    Finding,
    Missing,
    Offer,
    Provider,
    Reach,
    Reason,
    Service,
    Site,
)
from toshiken.vision.model import Initiative, Municipality, Vision


def initiative_of(vision: Vision, service: Service) -> Initiative:
    """The initiative a (validated) service rests on."""
    return next(i for i in vision.initiatives if i.id == service.initiative)


def providers_of(vision: Vision, service: Service) -> tuple[Provider, ...]:
    """Every municipality providing the service, in the vision's member order.

    With a facility table, a participant provides only if the table counts a facility for it.
    """
    participants = initiative_of(vision, service).participants
    hub = vision.hub.code
    if service.providers == "hub":
        codes: Sequence[str] = [hub] if hub in participants else []
    elif service.providers == "neighbours":
        codes = [c for c in participants if c != hub]
    elif service.providers == "named":
        codes = service.named
    else:
        codes = participants
    wanted = set(codes)
    found = []
    for member in vision.municipalities:
        if member.code not in wanted:
            continue
        sites = _sites(vision, service, member)
        if service.facilities is not None and sum(s.count for s in sites) == 0:
            continue
        found.append(Provider(member, sites, service.places.get(member.code)))
    return tuple(found)


def _sites(vision: Vision, service: Service, member: Municipality) -> tuple[Site, ...]:
    if service.facilities is None:
        return ()
    table = next(t for t in vision.tables if t.key == service.facilities.table)
    row = next((r for r in table.rows if r[0] == member.name), None)
    sites = []
    for count in service.facilities.counts:
        cell = row[table.columns.index(count.column)] if row else "-"
        sites.append(Site(count.label, _count(cell)))
    return tuple(sites)


def _count(cell: str) -> int:
    """A count cell of a chapter-2 table; '-' means none."""
    text = cell.strip().replace(",", "")
    return int(text) if text.isdigit() else 0


def reachable(
    service: Service, providers: Sequence[Provider], member: Municipality, home: Municipality
) -> tuple[Provider, ...]:
    """The providers open to people of a participant `member`, other than their home."""
    others = [p for p in providers if p.municipality.code != home.code]
    if service.access == "hub-and-neighbours":
        others = [p for p in others if p.municipality.is_hub != member.is_hub]
    return tuple(others)


def find(
    vision: Vision,
    services: Sequence[Service],
    home: Municipality,
    work: Municipality | None = None,
) -> Finding:
    """The services of other municipalities open to a resident of `home`.

    `work` (where they work or study) counts only for services the document opens to commuters.
    """
    if work is not None and work.code == home.code:
        work = None
    offers: list[Offer] = []
    missing: list[Missing] = []
    for service in services:
        initiative = initiative_of(vision, service)
        providers = providers_of(vision, service)
        if home.code in initiative.participants:
            reach = reachable(service, providers, home, home)
            if reach:
                offers.append(Offer(service, initiative, reach, "residence", home))
            else:
                at_home = any(p.municipality.code == home.code for p in providers)
                reason: Reason = "provided-at-home" if at_home else "no-provider"
                missing.append(Missing(service, initiative, reason))
            continue
        if service.commuters and work is not None and work.code in initiative.participants:
            reach = reachable(service, providers, work, home)
            if reach:
                offers.append(Offer(service, initiative, reach, "commute", work))
                continue
        missing.append(Missing(service, initiative, "not-participant"))
    return Finding(home, work, tuple(offers), tuple(missing))


def reach_of(vision: Vision, service: Service) -> tuple[Reach, ...]:
    """The reverse view: for each provider, the municipalities whose residents may use it."""
    providers = providers_of(vision, service)
    participants = set(initiative_of(vision, service).participants)
    users: dict[str, list[Municipality]] = {p.municipality.code: [] for p in providers}
    for member in vision.municipalities:
        if member.code in participants:
            for p in reachable(service, providers, member, member):
                users[p.municipality.code].append(member)
    return tuple(Reach(p, tuple(users[p.municipality.code])) for p in providers)


def eligible_homes(vision: Vision, service: Service) -> tuple[Municipality, ...]:
    """Municipalities whose residents may use the service somewhere else (commuters aside)."""
    users = {m.code for r in reach_of(vision, service) for m in r.residents_of}
    return tuple(m for m in vision.municipalities if m.code in users)
