"""Character sets: decode a body by BOM, declared charset, in-document charset or a guess."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

_ALIASES = {
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "ms932": "cp932",
    "euc-jp": "euc_jp",
    "x-euc-jp": "euc_jp",
    "iso-2022-jp": "iso2022_jp",
}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._\-]+)[\"']")
_META = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9._\-]+)", re.I)
_CT_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._\-]+)", re.I)


def codec_name(label: str) -> str | None:
    """A Python codec for a charset label (Shift_JIS is read as its superset cp932)."""
    label = label.strip().lower()
    name = _ALIASES.get(label, label)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def charset_from_content_type(content_type: str | None) -> str | None:
    match = _CT_CHARSET.search(content_type or "")
    return match.group(1) if match else None


def declared_in_document(body: bytes) -> str | None:
    """The encoding named by an XML declaration or an HTML meta tag in the first 2 KB."""
    head = body[:2048]
    match = _XML_DECL.search(head) or _META.search(head)
    return match.group(1).decode("ascii") if match else None


def _try(body: bytes, label: str | None) -> tuple[str, str] | None:
    codec = codec_name(label) if label else None
    if codec is None:
        return None
    try:
        return body.decode(codec), codec
    except UnicodeDecodeError:
        return None


def decode(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """(text, codec): BOM, HTTP charset, the document's own, UTF-8, then a guess."""
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return body.decode(codec, errors="replace"), codec
    for label in (charset_from_content_type(content_type), declared_in_document(body), "utf-8"):
        found = _try(body, label)
        if found is not None:
            return found
    best = charset_normalizer.from_bytes(
        body[:65536], cp_isolation=["cp932", "euc_jp", "iso2022_jp", "utf_8"]
    ).best()
    guessed = codec_name(best.encoding) if best is not None else None
    codec = guessed or "cp932"
    return body.decode(codec, errors="replace"), codec
