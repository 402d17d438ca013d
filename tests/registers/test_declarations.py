"""The six declared registers: readable, tied to the vision, seeded only from the document."""

from __future__ import annotations

import pytest

from toshiken.core.settings import DEFAULT_SOURCE
from toshiken.registers.declarations import parse_declaration
from toshiken.registers.model import DeclarationError, Register
from toshiken.registers.seed import seed_entries
from toshiken.vision.reader import ReadResult

GOOD = """
key: demo
title: 見本
title_en: Demo
initiative: 3-13-3
description: 見本の登録簿
description_en: A demo
fields:
  - {key: name, label: 名称, label_en: Name, required: true, public: true}
"""


def test_the_six_registers_in_the_documents_order(registers: dict[str, Register]) -> None:
    assert list(registers) == [
        "lectures", "host_farms", "tourism", "sightings", "food_drives", "declared_shops"
    ]  # fmt: skip


def test_each_register_belongs_to_its_initiative(
    registers: dict[str, Register], read_result: ReadResult
) -> None:
    titles = {i.id: i.title for i in read_result.vision.initiatives}
    expected = {
        "lectures": "博物館等主催の講座", "host_farms": "受入先農家", "tourism": "観光周遊ルート",
        "sightings": "鳥獣被害対策", "food_drives": "フードドライブ",
        "declared_shops": "買取拒否宣言店",
    }  # fmt: skip
    for key, words in expected.items():
        assert words in titles[registers[key].initiatives[0]], key
    assert registers["tourism"].initiatives == ("3-11-1", "3-11-2")


def test_sightings_keep_the_place_and_the_reporter_internal(registers: dict[str, Register]) -> None:
    sightings = registers["sightings"]
    public = {f.key for f in sightings.fields if f.public}
    assert {"species", "date"} <= public
    assert not public & {"address", "latitude", "longitude", "reporter", "note"}
    species = sightings.field("species")
    assert species is not None and {"イノシシ", "ニホンジカ", "アライグマ"} <= set(species.choices)


def test_every_register_has_an_internal_field(registers: dict[str, Register]) -> None:
    for register in registers.values():
        assert any(not f.public for f in register.fields), register.key


def test_tourism_is_seeded_with_the_chapter_2_lists(
    registers: dict[str, Register], names: dict[str, str]
) -> None:
    lines = DEFAULT_SOURCE.read_text(encoding="utf-8").splitlines()
    tourism = registers["tourism"]
    entries = seed_entries(tourism, names)
    assert len(entries) == 54
    kinds = [e.values["kind"] for e in entries]
    assert kinds.count("観光施設") == 38 and kinds.count("博物館・資料館") == 16
    for seed in tourism.seed:
        printed = lines[seed.line - 1]
        assert seed.values["name"] in printed, seed.line
        tagged = f"{seed.values['name']}【{seed.municipality}】" in printed
        assert tagged or (seed.municipality == "熊本市" and "【" not in printed.split("・")[1])
    assert {"熊本城", "通潤橋", "御船町恐竜博物館", "玉名・小天温泉"} <= {
        str(e.values["name"]) for e in entries
    }


def test_registers_the_document_lists_nothing_for_are_not_seeded(
    registers: dict[str, Register],
) -> None:
    assert [k for k, r in registers.items() if r.seed] == ["tourism"]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("public: true}", "public: true, type: colour}", "type 'colour' is not one of"),
        ("public: true}", "public: true, type: choice}", "choices go with type choice"),
        ("key: demo", "key: Demo!", "key 'Demo!'"),
        ("initiative: 3-13-3", "initiative: ⑬ウ", "initiative '⑬ウ'"),
        ("title_en: Demo", "title_en: ''", "title_en is missing"),
        (
            "public: true}",
            "public: true}\n  - {key: name, label: x, label_en: y}",
            "declared twice",
        ),
    ],
)
def test_a_bad_declaration_is_refused_naming_the_file(old: str, new: str, message: str) -> None:
    with pytest.raises(DeclarationError) as caught:
        parse_declaration(GOOD.replace(old, new), "demo.yaml")
    assert str(caught.value).startswith("demo.yaml: ")
    assert message in str(caught.value)


def test_a_seed_that_fails_its_own_declaration_names_its_line(names: dict[str, str]) -> None:
    text = GOOD + "seed:\n  - {line: 12, municipality: 東京都, name: x}\n"
    register = parse_declaration(text, "demo.yaml")
    with pytest.raises(
        DeclarationError, match="seed line 12: 「東京都」は圏域の市町村ではありません"
    ):
        seed_entries(register, names)
