import pytest

from toshiken.hub.simhttp import BOMB
from toshiken.hub.xmlguard import EntityRefused, parse_xml, refuse_entities


def test_billion_laughs_is_refused() -> None:
    with pytest.raises(EntityRefused):
        refuse_entities(BOMB.encode())
    with pytest.raises(EntityRefused):
        refuse_entities(BOMB.encode("utf-16"))


def test_external_entity_is_refused() -> None:
    xxe = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'
    with pytest.raises(EntityRefused):
        parse_xml(xxe)


def test_plain_doctype_is_fine() -> None:
    refuse_entities(b'<!DOCTYPE rss PUBLIC "-//Netscape//DTD RSS 0.91//EN" "x.dtd"><rss/>')
    assert parse_xml(b"<r><a>1</a></r>").tag == "r"
