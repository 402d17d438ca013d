from toshiken.hub.normalize import match_key, normalize_text


def test_nfkc_and_width() -> None:
    assert normalize_text("ＡＢＣ　１２３　ｶﾀｶﾅ") == "ABC 123 カタカナ"


def test_long_vowel_dash_and_tilde_variants() -> None:
    assert normalize_text("センタ－") == "センター"
    assert normalize_text("サ―ビス") == "サービス"
    assert normalize_text("A‐B−C") == "A-B-C"
    assert normalize_text("10時〜12時") == normalize_text("10時～12時") == "10時~12時"


def test_variant_kanji() -> None:
    assert normalize_text("髙森町") == "高森町"
    assert normalize_text("宮﨑") == "宮崎"


def test_match_key_drops_spaces_and_punctuation() -> None:
    assert match_key("【大津町】からいも祭り（第１０回）！") == "大津町からいも祭り第10回"
