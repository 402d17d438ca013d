"""Entity refusal: XML declaring entities (billion laughs, external ones) is never parsed."""

from __future__ import annotations

import re

from lxml import etree

_DOCTYPE = re.compile(rb"<!DOCTYPE", re.I)
_ENTITY = re.compile(rb"<!ENTITY", re.I)
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


class EntityRefused(ValueError):
    """The document declares entities; expanding them could exhaust memory or read local files."""


def refuse_entities(body: bytes) -> None:
    """Raise EntityRefused when the document type declaration declares any entity."""
    if body.startswith(_WIDE_BOMS) or b"\x00" in body[:4]:
        for codec in ("utf-16", "utf-32"):
            try:
                body = body.decode(codec).encode("utf-8")
                break
            except UnicodeDecodeError:
                continue
    doctype = _DOCTYPE.search(body)
    if doctype is None:
        return
    # Declarations can only appear in the internal subset: [ … ]> right after the DOCTYPE name.
    opening = re.compile(rb"[\[>]").search(body, doctype.end())
    if opening is None or opening.group(0) == b">":
        return
    closing = re.compile(rb"\]\s*>").search(body, opening.end())
    if _ENTITY.search(body, opening.end(), closing.start() if closing else len(body)):
        raise EntityRefused("the document declares XML entities; refused")


def safe_xml_parser() -> etree.XMLParser:
    """An lxml parser that expands no entity, loads no DTD and touches no network."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
    )


def parse_xml(body: bytes) -> etree._Element:
    """Parse trusted-shape XML (JMA telegrams): entities refused, then a locked-down parser."""
    refuse_entities(body)
    return etree.fromstring(body, parser=safe_xml_parser())
