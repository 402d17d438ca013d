"""The finder shows, for each of the 24 members, exactly the services the document's lists give."""

from __future__ import annotations

import pytest

from tests.services.expected import expected, members, participants
from toshiken.services.finder import eligible_homes, find, reach_of
from toshiken.services.model import Service
from toshiken.vision.model import Vision

MEMBERS = members()


def offered(
    vision: Vision, catalog: tuple[Service, ...], home: str, work: str | None = None
) -> dict[str, set[str]]:
    """service id -> names of the providers the finder offers."""
    work_m = vision.municipality(work) if work else None
    finding = find(vision, catalog, vision.municipality(home), work_m)
    return {o.service.id: {p.municipality.name for p in o.providers} for o in finding.offers}


@pytest.mark.parametrize("home", MEMBERS)
def test_every_member_sees_what_the_participant_lists_give(
    vision: Vision, catalog: tuple[Service, ...], title_lines: dict[str, int], home: str
) -> None:
    assert offered(vision, catalog, home) == expected(title_lines, home)


def test_sick_child_care_follows_the_table_and_the_hub_exchange(
    vision: Vision, catalog: tuple[Service, ...]
) -> None:
    # 3-②-イ: 熊本市の住民 use the neighbours' facilities; neighbours' residents use 熊本市's.
    hub = offered(vision, catalog, "熊本市")["sick-child-care"]
    with_facilities = "荒尾市 玉名市 山鹿市 菊池市 宇城市 合志市 大津町 菊陽町 御船町 益城町 山都町"
    assert hub == set(with_facilities.split(" "))
    assert offered(vision, catalog, "玉東町")["sick-child-care"] == {
        "熊本市"
    }  # no facility of its own
    assert "sick-child-care" not in offered(
        vision, catalog, "宇土市"
    )  # a facility, not a participant
    koshi = find(vision, catalog, vision.municipality("合志市"))
    offer = next(o for o in koshi.offers if o.service.id == "sick-child-care")
    assert [(p.municipality.name, p.site_total) for p in offer.providers] == [("熊本市", 8)]


def test_libraries_count_public_libraries_and_community_hall_rooms(
    vision: Vision, catalog: tuple[Service, ...]
) -> None:
    koshi = offered(vision, catalog, "合志市")
    assert "library" not in koshi  # 合志市 is not among 3-⑤-ア's 関係市町村
    hub = find(vision, catalog, vision.municipality("熊本市"))
    offer = next(o for o in hub.offers if o.service.id == "library")
    sites = {p.municipality.name: {s.label: s.count for s in p.sites} for p in offer.providers}
    assert len(sites) == 19 and "菊陽町" not in sites
    assert sites["山鹿市"] == {"公共図書館": 2, "公民館図書室等": 3}
    assert sites["美里町"] == {"公共図書館": 0, "公民館図書室等": 2}
    tamana = find(vision, catalog, vision.municipality("玉名市"))
    library = next(o for o in tamana.offers if o.service.id == "library")
    assert [(p.municipality.name, p.site_total) for p in library.providers] == [("熊本市", 22)]


def test_services_of_the_hub_are_not_shown_to_its_own_residents(
    vision: Vision, catalog: tuple[Service, ...]
) -> None:
    finding = find(vision, catalog, vision.municipality("熊本市"))
    reasons = {m.service.id: m.reason for m in finding.missing}
    assert reasons["dv-consultation"] == "provided-at-home"
    assert reasons["kosodate-hiroba"] == "provided-at-home"
    assert offered(vision, catalog, "熊本市")["special-school-care"] == {"宇城市"}
    assert "special-school-care" not in offered(vision, catalog, "宇城市")


def test_the_citizen_guardian_course_keeps_its_condition(
    vision: Vision, catalog: tuple[Service, ...]
) -> None:
    course = next(s for s in catalog if s.id == "citizen-guardian-course")
    assert course.conditions and "定員に空き" in course.conditions
    assert offered(vision, catalog, "山鹿市")["citizen-guardian-course"] == {"熊本市"}
    assert "citizen-guardian-course" not in offered(vision, catalog, "荒尾市")


def test_commuters_count_only_for_the_health_points(
    vision: Vision, catalog: tuple[Service, ...], title_lines: dict[str, int]
) -> None:
    assert "health-points" not in offered(vision, catalog, "合志市")
    with_work = find(vision, catalog, vision.municipality("合志市"), vision.municipality("熊本市"))
    commute = [
        (o.service.id, o.via, o.through.name) for o in with_work.offers if o.via == "commute"
    ]
    assert commute == [("health-points", "commute", "熊本市")]
    assert "health-points" not in offered(vision, catalog, "合志市", "菊陽町")  # not a participant
    assert offered(vision, catalog, "合志市", "玉名市") == expected(title_lines, "合志市", "玉名市")
    assert [s.id for s in catalog if s.commuters] == ["health-points"]


def test_work_only_adds_commuter_services(vision: Vision, catalog: tuple[Service, ...]) -> None:
    """Checked for all 24 × 24 pairs of home and work."""
    commuter_ids = {s.id for s in catalog if s.commuters}
    for home in MEMBERS:
        alone = offered(vision, catalog, home)
        for work in MEMBERS:
            both = offered(vision, catalog, home, work)
            assert alone.items() <= both.items(), (home, work)
            assert both.keys() - alone.keys() <= commuter_ids, (home, work)


def test_the_reverse_view_agrees_with_the_finder(
    vision: Vision, catalog: tuple[Service, ...], title_lines: dict[str, int]
) -> None:
    for service in catalog:
        users: dict[str, set[str]] = {}
        for reach in reach_of(vision, service):
            for m in reach.residents_of:
                users.setdefault(m.name, set()).add(reach.provider.municipality.name)
        from_finder = {
            home: offers[service.id]
            for home in MEMBERS
            if service.id in (offers := offered(vision, catalog, home))
        }
        assert users == from_finder, service.id
        assert {m.name for m in eligible_homes(vision, service)} == set(from_finder)
        members_of = participants(title_lines[service.initiative])
        assert set(from_finder) <= members_of, service.id


def test_neighbours_never_use_each_other_under_the_hub_exchange(
    vision: Vision, catalog: tuple[Service, ...]
) -> None:
    exchange = [s.id for s in catalog if s.access == "hub-and-neighbours"]
    assert exchange == ["sick-child-care", "konkatsu-events", "library"]
    for home in MEMBERS[1:]:
        offers = offered(vision, catalog, home)
        for service_id in exchange:
            assert offers.get(service_id, {"熊本市"}) == {"熊本市"}, (home, service_id)
