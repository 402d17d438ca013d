from toshiken.hub.robots import rules_from_response


def test_rules_and_delays() -> None:
    rules = rules_from_response(200, "User-agent: *\nDisallow: /x/\nRequest-rate: 1/5\n", now=0)
    assert not rules.allows("http://h/x/1", "toshiken-hub")
    assert rules.allows("http://h/y", "toshiken-hub")
    assert rules.delay("toshiken-hub") == 5
    assert rules.expires == 86400


def test_missing_and_unreachable() -> None:
    assert rules_from_response(404, "", now=0).allows("http://h/x", "a")
    unreachable = rules_from_response(None, "", now=0)
    assert not unreachable.allows("http://h/x", "a") and unreachable.expires == 3600
