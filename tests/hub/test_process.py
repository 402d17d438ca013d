from datetime import datetime

from toshiken.hub.canonical import UrlRule
from toshiken.hub.classify import Lexicon
from toshiken.hub.dates import JST
from toshiken.hub.model import Entry, ParsedDocument
from toshiken.hub.process import make_items
from toshiken.hub.sources import HubConfig


def test_items_are_keyed_classified_and_linked(config: HubConfig, lexicon: Lexicon) -> None:
    source = next(s for s in config.sources if s.id == "kumamoto-kosodate")
    rule = UrlRule("www.city.kumamoto.jp", r"/hpkiji/pub/detail\.aspx", ("c_id", "id"))
    link = "https://www.city.kumamoto.jp/hpKiji/pub/detail.aspx?c_id=5&id=77&class_set_id=2"
    document = ParsedDocument(
        "子育て",
        (
            Entry(
                "病児保育の利用について",
                link,
                datetime(2025, 4, 1, tzinfo=JST),
                "<p>圏域の施設で</p>",
            ),
            Entry("病児保育の利用について", link.replace("set_id=2", "set_id=9")),
            Entry("乳幼児健診", "", guid="uid-1"),
        ),
    )
    items = make_items(document, source, lexicon, [rule])
    assert len(items) == 2  # the same article under two class_set_id values is one item
    first = items[0]
    assert first.key == "www.city.kumamoto.jp/hpkiji/pub/detail.aspx?c_id=5&id=77"
    assert first.topic == "子育て" and first.initiatives == ("3-2-2",)
    assert first.lead == "圏域の施設で" and first.municipality == "431001"
    assert items[1].key == "kumamoto-kosodate#uid-1"
