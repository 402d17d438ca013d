import struct

from hypothesis import given
from hypothesis import strategies as st

from toshiken.hub.classify import Lexicon, classify
from toshiken.hub.dedup import DedupIndex, NameFinder, dedup_text, fingerprint
from toshiken.hub.minhash import MinHasher, shingles
from toshiken.hub.model import Item
from toshiken.hub.sources import HubConfig


def _item(lexicon: Lexicon, key: str, source: str, code: str, title: str, lead: str = "") -> Item:
    return Item(
        key=key, url=f"https://x/{key}", title=title, lead=lead, summary_html="", published=None,
        source_id=source, municipality=code, topics=classify(lexicon, title, lead), initiatives=(),
    )  # fmt: skip


def test_event_cross_posted_by_three_towns_is_one_item(config: HubConfig, lexicon: Lexicon) -> None:
    index = DedupIndex(config.names())
    lead = "熊本連携中枢都市圏の市町村が共同で開催します。日時：令和7年8月5日"
    posts = [
        _item(
            lexicon,
            "a",
            "kumamoto-event",
            "431001",
            "くまもと都市圏合同就職説明会を開催します",
            lead,
        ),
        _item(
            lexicon, "b", "ozu-event", "434035", "くまもと都市圏合同就職説明会の開催について", lead
        ),
        _item(
            lexicon, "c", "kikuyo-news", "434043", "【都市圏】くまもと都市圏合同就職説明会のご案内"
        ),
    ]
    merged = [index.add(p) for p in posts][-1]
    assert len(index) == 1
    assert merged.source_ids == ("kumamoto-event", "ozu-event", "kikuyo-news")
    assert merged.municipalities == ("431001", "434035", "434043")
    assert merged.primary.key == "a"


def test_neighbour_naming_the_host_town_joins(config: HubConfig, lexicon: Lexicon) -> None:
    index = DedupIndex(config.names())
    index.add(_item(lexicon, "a", "ozu-event", "434035", "第10回からいも祭りを開催します"))
    index.add(_item(lexicon, "b", "kikuyo-news", "434043", "大津町 第10回からいも祭りのご案内"))
    assert len(index) == 1


def test_every_towns_own_notice_stays_apart(config: HubConfig, lexicon: Lexicon) -> None:
    index = DedupIndex(config.names())
    index.add(_item(lexicon, "a", "ozu-news", "434035", "児童手当の現況届について"))
    index.add(_item(lexicon, "b", "kikuyo-news", "434043", "児童手当の現況届について"))
    assert len(index) == 2


def test_series_and_substitutions_stay_apart(config: HubConfig, lexicon: Lexicon) -> None:
    index = DedupIndex(config.names())
    for key, title in [
        ("a", "令和7年度 第1回 職員採用試験のお知らせ"),
        ("b", "令和7年度 第2回 職員採用試験のお知らせ"),
        ("c", "恐竜博物館 夏の特別展"),
        ("d", "恐竜博物館 冬の特別展"),
        ("e", "そうめん流し大会を開催します"),
        ("f", "そうめん流し大会の中止について"),
    ]:
        index.add(_item(lexicon, key, f"mifune-{key}", "434418", title))
    assert len(index) == 6


def test_same_page_again_and_wareki_variants(config: HubConfig, lexicon: Lexicon) -> None:
    index = DedupIndex(config.names())
    first = index.add(_item(lexicon, "k", "s1", "431001", "婚活セミナー（R7.9.14）"))
    assert index.add(_item(lexicon, "k", "s1", "431001", "婚活セミナー（R7.9.14）")) == first
    index.add(_item(lexicon, "z", "s2", "431001", "婚活セミナー（令和7年9月14日）"))
    assert len(index) == 1 and len(index.merged()[0].members) == 2


@given(st.text(alphabet="大小山川田町市村中本北南", max_size=30))
def test_name_finder_finds_what_substring_search_finds(text: str) -> None:
    names = {"1": "山川町", "2": "山川", "3": "川田村", "4": "中", "5": "小山市", "6": ""}
    naive = frozenset(code for code, name in names.items() if name and name in text)
    assert NameFinder(names).codes_in(text) == naive


def test_signatures_are_kept_for_storage(config: HubConfig, lexicon: Lexicon) -> None:
    index = DedupIndex(config.names())
    hasher = index.hasher
    item = _item(
        lexicon, "k", "kikuyo-news", "434043", "菊陽町の夏祭りを開催します", "屋台が出ます"
    )
    index.add(item)
    grams = shingles(dedup_text(item.title, "菊陽町")) | shingles(dedup_text(item.lead, "菊陽町"))
    expected = hasher.signature(grams)
    assert index.signature(item.key) == expected and index.signature("missing") is None


def test_storage_takes_each_signature_once(config: HubConfig, lexicon: Lexicon) -> None:
    """Signatures wait in the index only until stored; restored items bring theirs from storage
    and the index does not keep them again (a long-running collector would hold them all)."""
    index = DedupIndex(config.names())
    item = _item(lexicon, "k", "kikuyo-news", "434043", "菊陽町の夏祭りを開催します", "屋台")
    index.add(item)
    taken = index.take_signature(item.key)
    assert taken is not None and len(taken) == len(index.hasher.masks)
    assert index.take_signature(item.key) is None and index.signature(item.key) is None
    again = DedupIndex(config.names())
    again.restore(item.key, [(item, taken)])
    assert again.signature(item.key) is None
    copy = _item(lexicon, "k2", "ozu-event", "434035", "菊陽町の夏祭りを開催します", "屋台")
    assert again.add(copy).id == item.key  # still matched against the restored item
    packed = DedupIndex(config.names())  # as storage hands them back: 64 big-endian uint64
    packed.restore(item.key, [(item, struct.pack(">64Q", *taken))])
    assert packed.add(copy).id == item.key and packed.signature(item.key) is None


def test_fingerprints_without_names_or_numbers_share_one_empty_set(
    config: HubConfig, lexicon: Lexicon
) -> None:
    names = config.names()
    a = fingerprint(_item(lexicon, "a", "s", "434043", "夏祭りのお知らせ"), MinHasher(), "", names)
    b = fingerprint(_item(lexicon, "b", "s", "434043", "秋祭りのお知らせ"), MinHasher(), "", names)
    assert a.named == frozenset() and a.named is b.named and a.numbers is b.numbers
    c = fingerprint(_item(lexicon, "c", "s", "434043", "菊陽町の第2回祭り"), MinHasher(), "", names)
    assert c.named == {"434043"} and c.numbers == {"2"}
