"""Text normalisation for Japanese: NFKC, whitespace, the HTML fragments of PDF conversions."""

from __future__ import annotations

import re
import unicodedata

_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")  # HTML only: <熊本市> stays
_SPACE = re.compile(r"[ \t\u3000\xa0]+")
_DASHES = str.maketrans(
    {"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-", "ｰ": "ー", "〜": "~"}
)


def nfkc(text: str) -> str:
    """NFKC plus the dash and tilde variants NFKC leaves alone."""
    return unicodedata.normalize("NFKC", text).translate(_DASHES)


def search_key(text: str) -> str:
    """The form text is searched in: NFKC, lower case, katakana folded to hiragana."""
    folded = nfkc(text).lower()
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in folded)


def strip_html(cell: str) -> str:
    """A table cell without the HTML fragments of the PDF conversion, one paragraph a line."""
    text = re.sub(r"</p>\s*<p>|<br\s*/?>|</li>\s*<li>", "\n", cell)
    text = _TAG.sub(" ", text)
    lines = (_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def squash(text: str) -> str:
    """Collapse every run of whitespace to one space and trim."""
    return _SPACE.sub(" ", text.replace("\n", " ")).strip()
