from toshiken.hub.canonical import UrlRule, canonicalize, host_of, resolve, url_key

KUMAMOTO = UrlRule("www.city.kumamoto.jp", r"/hpkiji/pub/detail\.aspx", ("c_id", "id"))


def test_tracking_parameters_dropped_and_query_sorted() -> None:
    url = "HTTPS://Example.JP:443/a/b.html?utm_source=x&b=2&fbclid=y&a=1#top"
    assert canonicalize(url) == "https://example.jp/a/b.html?a=1&b=2"


def test_kumamoto_detail_pages_share_one_key() -> None:
    a = "https://www.city.kumamoto.jp/hpKiji/pub/detail.aspx?c_id=5&id=123&class_set_id=1&class_id=9"
    b = "http://www.city.kumamoto.jp/hpkiji/pub/Detail.aspx?id=123&class_set_id=2&c_id=5"
    c = "https://www.city.kumamoto.jp/hpkiji/pub/detail.aspx?c_id=5&id=124&class_set_id=1"
    assert url_key(a, [KUMAMOTO]) == url_key(b, [KUMAMOTO])
    assert url_key(a, [KUMAMOTO]) != url_key(c, [KUMAMOTO])


def test_index_pages_and_schemes_fold() -> None:
    assert url_key("https://t.jp/kiji/index.html") == url_key("http://t.jp/kiji/")


def test_relative_links_resolve() -> None:
    assert resolve("https://t.jp/news/list.html", " ../kiji/1.html ") == "https://t.jp/kiji/1.html"
    assert host_of("http://127.0.0.1:8080/x") == "127.0.0.1:8080"
