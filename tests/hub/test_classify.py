import pytest

from toshiken.hub.classify import Lexicon, classify, link_initiatives


@pytest.mark.parametrize(
    ("title", "topic"),
    [
        ("保育所の入所申込を受け付けます", "子育て"),
        ("台風接近に伴う避難所の開設について", "防災"),
        ("夏まつり花火大会を開催します", "観光・イベント"),
        ("特定健診・がん検診の受診について", "健康・福祉"),
        ("会計年度任用職員を募集します", "募集・採用"),
        ("一般競争入札の公告（町道改良工事）", "入札・契約"),
        ("ごみ収集カレンダーを掲載しました", "くらし"),
        ("パブリックコメント（総合計画案）の意見募集", "行政"),
    ],
)
def test_keywords(lexicon: Lexicon, title: str, topic: str) -> None:
    assert classify(lexicon, title)[0] == topic


def test_source_category_and_url_path_count(lexicon: Lexicon) -> None:
    neutral = "令和7年度のご案内"
    assert classify(lexicon, neutral) == ("くらし",)  # nothing scores: the fallback
    assert classify(lexicon, neutral, source_category="防災")[0] == "防災"
    assert classify(lexicon, neutral, url="https://t.jp/nyusatsu/1.html")[0] == "入札・契約"
    assert classify(lexicon, neutral, entry_categories=["子育て・教育"])[0] == "子育て"


def test_initiatives_from_keywords(lexicon: Lexicon) -> None:
    assert link_initiatives(lexicon, "熊本連携中枢都市圏 婚活セミナー") == ("3-20-2",)
    assert link_initiatives(lexicon, "病児保育の利用について") == ("3-2-2",)
    assert link_initiatives(lexicon, "図書館の相互利用") == ("3-5-1",)
    assert link_initiatives(lexicon, "お知らせ", "フードドライブにご協力を") == ("3-13-5",)
    assert link_initiatives(lexicon, "住民税の納期") == ()
