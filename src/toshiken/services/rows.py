"""One serializer per public shape: the rows every page, the JSON API, CSV and the CLI share."""

from __future__ import annotations

from toshiken.services.finder import eligible_homes, initiative_of, providers_of, reach_of
from toshiken.services.model import GROUP_KEYS, Finding, Missing, Offer, Provider, Service
from toshiken.vision.model import Initiative, Municipality, Vision

Row = dict[str, object]

REASONS = {
    "not-participant": "お住まいの市町村はこの取組に参加していません。",
    "provided-at-home": "お住まいの市町村が提供しているサービスです。",
    "no-provider": "利用できる他の市町村の施設がありません。",
}


def municipality_ref(m: Municipality) -> Row:
    return {"code": m.code, "name": m.name}


def initiative_ref(i: Initiative) -> Row:
    return {"id": i.id, "label": i.label, "title": i.title}


def provider_label(p: Provider) -> str:
    """熊本市（8か所）; 山鹿市（公共図書館 2か所・公民館図書室等 3か所）; 宇城市（松橋支援学校）."""
    if len(p.sites) == 1:
        return f"{p.municipality.name}（{p.sites[0].count}か所）"
    parts = [f"{s.label} {s.count}か所" for s in p.sites if s.count]
    detail = "・".join(parts) or p.place
    return f"{p.municipality.name}（{detail}）" if detail else p.municipality.name


def provider_row(p: Provider) -> Row:
    return {
        "code": p.municipality.code,
        "name": p.municipality.name,
        "sites": {s.label: s.count for s in p.sites},
        "site_total": p.site_total if p.sites else None,
        "place": p.place,
        "label": provider_label(p),
    }


def access_text(vision: Vision, service: Service) -> str:
    """Who may use whose part of the service, in a sentence a resident reads."""
    hub = vision.hub.name
    if service.access == "hub-and-neighbours":
        text = (
            f"{hub}の住民は、参加する近隣市町村の施設等を利用できます。参加する近隣市町村の住民は、"
            f"{hub}の施設等を利用できます（近隣市町村どうしの利用は、この取組の対象外です）。"
        )
    elif service.providers == "hub":
        text = f"参加する近隣市町村の住民が、{hub}のサービスを利用できます。"
    elif service.providers == "named":
        names = "、".join(vision.municipality(c).name for c in service.named)
        text = f"参加する市町村の住民が、{names}のサービスを利用できます。"
    elif service.providers == "neighbours":
        text = f"参加する市町村の住民が、{hub}以外の参加市町村が実施するものを利用できます。"
    else:
        text = "参加する市町村の住民が、互いに他の参加市町村のサービスを利用できます。"
    if service.commuters:
        text += "参加する市町村に通勤・通学している方も対象です。"
    return text


def facility_source(vision: Vision, service: Service) -> Row | None:
    """The chapter-2 table the facility counts come from."""
    if service.facilities is None:
        return None
    table = next(t for t in vision.tables if t.key == service.facilities.table)
    return {"table": table.title, "source": table.source, "as_of": table.as_of}


def service_row(vision: Vision, service: Service) -> Row:
    """A service with its providers and the municipalities whose residents may use it."""
    initiative = initiative_of(vision, service)
    homes = eligible_homes(vision, service)
    return {
        "id": service.id,
        "name": service.name,
        "group": service.group,
        "group_key": GROUP_KEYS[service.group],
        "initiative": initiative_ref(initiative),
        "summary": service.summary,
        "audience": service.audience,
        "access": service.access,
        "access_text": access_text(vision, service),
        "commuters": service.commuters,
        "conditions": service.conditions,
        "apply": service.apply,
        "cost": service.cost,
        "basis": service.basis,
        "facility_source": facility_source(vision, service),
        "providers": [provider_row(p) for p in providers_of(vision, service)],
        "eligible_homes": [municipality_ref(m) for m in homes],
    }


def reverse_row(vision: Vision, service: Service) -> Row:
    """The reverse view: for each provider, whose residents may use it; and who takes no part."""
    row = service_row(vision, service)
    participants = set(initiative_of(vision, service).participants)
    row["reach"] = [
        provider_row(r.provider) | {"residents_of": [municipality_ref(m) for m in r.residents_of]}
        for r in reach_of(vision, service)
    ]
    row["participants"] = [
        municipality_ref(m) for m in vision.municipalities if m.code in participants
    ]
    row["non_participants"] = [
        municipality_ref(m) for m in vision.municipalities if m.code not in participants
    ]
    return row


def offer_row(vision: Vision, offer: Offer) -> Row:
    """A service open to the resident, with the providers they may use and why."""
    row = service_row(vision, offer.service)
    del row["eligible_homes"]
    row["providers"] = [provider_row(p) for p in offer.providers]
    row["via"] = offer.via
    row["through"] = municipality_ref(offer.through)
    row["via_text"] = (
        f"{offer.through.name}に通勤・通学しているため利用できます。"
        if offer.via == "commute"
        else f"{offer.through.name}がこの取組に参加しているため利用できます。"
    )
    return row


def missing_row(missing: Missing) -> Row:
    return {
        "id": missing.service.id,
        "name": missing.service.name,
        "group": missing.service.group,
        "initiative": initiative_ref(missing.initiative),
        "reason": missing.reason,
        "reason_text": REASONS[missing.reason],
    }


def finding_row(vision: Vision, finding: Finding) -> Row:
    """What /api/services/for returns and the result page and the PDF guide show."""
    return {
        "home": municipality_ref(finding.home),
        "work": municipality_ref(finding.work) if finding.work else None,
        "services": [offer_row(vision, o) for o in finding.offers],
        "unavailable": [missing_row(m) for m in finding.missing],
    }


def offer_flat(vision: Vision, offer: Offer) -> Row:
    """One line per offer for CSV and the terminal table."""
    return {
        "id": offer.service.id,
        "group": offer.service.group,
        "name": offer.service.name,
        "providers": [provider_label(p) for p in offer.providers],
        "via": offer.via,
        "conditions": offer.service.conditions or "",
        "apply": offer.service.apply,
        "cost": offer.service.cost or "",
        "initiative": offer.initiative.id,
    }


def grouped(rows: list[Row]) -> list[tuple[str, str, list[Row]]]:
    """Rows per life event as (group, key, rows), in the groups' order, empty groups left out."""
    return [
        (group, key, members)
        for group, key in GROUP_KEYS.items()
        if (members := [r for r in rows if r["group"] == group])
    ]
