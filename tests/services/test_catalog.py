"""services.yaml is checked against the vision; every problem names its line and entry."""

from __future__ import annotations

import pytest

from tests.conftest import DATA
from toshiken.services.catalog import ServiceDataError, parse_catalog
from toshiken.services.model import GROUPS, Service
from toshiken.vision.model import Vision

SHIPPED = (DATA / "services.yaml").read_text(encoding="utf-8")

ENTRY = """\
version: 1
services:
  - id: library
    name: 図書館の相互利用
    initiative: "3-5-1"
    group: 学び・文化
    summary: 貸出
    audience: 利用者
    providers: participants
    access: hub-and-neighbours
    apply: 来館
    basis: 図書資料の貸出等のサービスを実施する。
"""


def rejected(text: str, vision: Vision) -> list[str]:
    with pytest.raises(ServiceDataError) as caught:
        parse_catalog(text, vision)
    return caught.value.problems


def test_the_shipped_file_is_valid_and_covers_every_group(catalog: tuple[Service, ...]) -> None:
    assert len(catalog) >= 15
    assert {s.group for s in catalog} == set(GROUPS)
    assert len({s.id for s in catalog}) == len(catalog)
    by_id = {s.id: s for s in catalog}
    assert by_id["sick-child-care"].initiative == "3-2-2"
    assert by_id["library"].facilities is not None
    assert by_id["special-school-care"].named == ("432130",)  # 宇城市


def test_a_minimal_entry_reads(vision: Vision) -> None:
    (service,) = parse_catalog(ENTRY, vision)
    assert (service.id, service.providers, service.access, service.line) == (
        "library", "participants", "hub-and-neighbours", 3,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('"3-5-1"', '"3-5-9"'), "initiative '3-5-9' is not in the vision"),
        (("図書資料の貸出等", "図書資料の販売等"), "basis is not the words of initiative 3-5-1"),
        (("providers: participants", "providers: [合志市]"), "provider 合志市 does not take part"),
        (("providers: participants", "providers: [八代市]"), "provider '八代市' is not a member"),
        (("providers: participants", "providers: []"), "name at least one municipality"),
        (("access: hub-and-neighbours", "commuters: true"), "does not open it to commuters"),
        (("group: 学び・文化", "group: 観光"), "group: Input should be"),
        (("    apply: 来館\n", ""), "apply: Field required"),
        (("id: library", "id: Library"), "id: String should match pattern"),
        (("id: library", "id: guide"), "the id 'guide' is reserved"),
        (("    apply:", "    price: 0\n    apply:"), "price: Extra inputs are not permitted"),
    ],
)
def test_a_wrong_entry_is_named(vision: Vision, change: tuple[str, str], message: str) -> None:
    (problem,) = rejected(ENTRY.replace(*change), vision)
    assert problem.startswith("3: services[0] (")
    assert message in problem


def test_facility_tables_and_columns_must_exist(vision: Vision) -> None:
    text = ENTRY + "    facilities:\n      table: {table}\n      counts:\n        館: {column}\n"
    assert "no table 'museums'" in rejected(text.format(table="museums", column="x"), vision)[0]
    wrong_column = rejected(text.format(table="libraries", column="書店 (箇所)"), vision)
    assert "has no column '書店 (箇所)'" in wrong_column[0]


def test_every_problem_is_listed_with_its_line(vision: Vision) -> None:
    second = ENTRY.split("services:\n")[1].replace('"3-5-1"', '"9-9-9"')
    problems = rejected(ENTRY + second, vision)
    assert [p.split(":")[0] for p in problems] == ["13", "13"]
    assert "initiative '9-9-9'" in problems[0] and "used twice" in problems[1]
    message = str(ServiceDataError("services.yaml", problems))
    assert "services.yaml:13: services[1] (library)" in message


def test_a_place_must_name_a_member(vision: Vision) -> None:
    text = ENTRY + "    places:\n      熊本県: 県立図書館\n"
    assert "places: '熊本県' is not a member" in rejected(text, vision)[0]


def test_not_yaml_or_no_services(vision: Vision) -> None:
    assert "not YAML" in rejected("services: [", vision)[0]
    assert "services" in rejected("version: 1\n", vision)[0]


def test_a_changed_document_breaks_the_basis(vision: Vision) -> None:
    """If a revision rewords an initiative, the entry resting on it is reported, not kept."""
    problems = rejected(
        SHIPPED.replace("熊本市と近隣市町村が相互の住民に対し", "相互の住民に"), vision
    )
    assert len(problems) == 1 and "(library)" in problems[0]
