from hypothesis import given
from hypothesis import strategies as st

from toshiken.hub.sanitize import clean_html, to_text

NASTY = (
    '<p onclick="steal()">お知らせ<script>alert(1)</script>'
    '<a href="javascript:alert(2)">x</a><a href=" JaVaScRiPt:alert(3)">y</a>'
    '<img src="/a.png" onerror="alert(4)"><svg onload="alert(5)"></svg>'
    '<iframe src="https://evil.example/"></iframe><a href="https://t.jp/">ok</a></p>'
)


def test_scripts_handlers_and_javascript_urls_never_survive() -> None:
    clean = clean_html(NASTY).lower()
    for bad in (
        "<script",
        "alert",
        "onclick",
        "onerror",
        "onload",
        "javascript:",
        "<iframe",
        "<svg",
    ):
        assert bad not in clean
    assert 'href="https://t.jp/"' in clean


def test_plain_text() -> None:
    assert to_text("<p>A &amp; B</p>\n<p>C</p>") == "A & B C"
    assert to_text("<b>あいうえお</b>", limit=3) == "あいう"


@given(st.text(max_size=60))
def test_the_fast_path_gives_what_nh3_gives(text: str) -> None:
    """Text without markup skips nh3: the result must be what nh3 would have made of it."""
    import html

    import nh3

    from toshiken.hub.sanitize import ATTRIBUTES, TAGS, URL_SCHEMES

    slow = html.unescape(
        nh3.clean(
            text,
            tags=TAGS,
            attributes=ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="noopener noreferrer nofollow",
            strip_comments=True,
        )
    )
    assert html.unescape(clean_html(text)) == slow
    assert to_text(text) == to_text("<span></span>" + text)  # the second goes through nh3
