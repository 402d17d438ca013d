import pytest

from toshiken.hub.charset import decode

PAGE = (
    "<html><body><p>令和7年4月1日 熊本連携中枢都市圏の子育て支援について、"
    "ご案内いたします。</p></body></html>"
)


@pytest.mark.parametrize("codec", ["utf-8", "cp932", "euc_jp"])
def test_undeclared_japanese_encodings_are_detected(codec: str) -> None:
    text, used = decode(PAGE.encode(codec))
    assert "子育て支援" in text
    assert used == codec


def test_declared_charset_wins() -> None:
    body = ('<meta charset="Shift_JIS">' + PAGE).encode("cp932")
    assert decode(body)[1] == "cp932"
    assert decode(PAGE.encode("cp932"), "text/html; charset=Shift_JIS")[1] == "cp932"


def test_bom() -> None:
    assert decode("\ufeff".encode() + "熊本".encode())[0] == "熊本"
