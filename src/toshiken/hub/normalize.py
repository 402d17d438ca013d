"""Japanese text normalisation: NFKC plus dashes, long vowels, tildes and variant kanji."""

from __future__ import annotations

import re
import unicodedata

# Characters NFKC leaves apart that Japanese sites use interchangeably.
_DASHES = "\u002d\u02d7\u058a\u2010\u2011\u2012\u2013\u2043\u207b\u208b\u2212\ufe63\uff0d"
_LONG = "\u2014\u2015\u2500\u2501\u30fc\uff70"  # —―─━ーｰ
_TILDES = "\u007e\u223c\u223e\u301c\u3030\uff5e"  # ~∼∾〜〰～

VARIANT_KANJI: dict[str, str] = {
    "髙": "高",
    "﨑": "崎",
    "嵜": "崎",
    "德": "徳",
    "濵": "浜",
    "濱": "浜",
    "邊": "辺",
    "邉": "辺",
    "齋": "斎",
    "齊": "斉",
    "槇": "槙",
    "舘": "館",
    "桒": "桑",
    "𠮷": "吉",
}
_VARIANTS = str.maketrans(VARIANT_KANJI)
_KANA = r"\u3041-\u309f\u30a1-\u30ff"
_LONG_AFTER_KANA = re.compile(f"(?<=[{_KANA}])[{re.escape(_DASHES + _LONG)}]+")
_DASH_RUN = re.compile(f"[{re.escape(_DASHES + _LONG[:4])}]+")  # not ー itself
_TILDE_RUN = re.compile(f"[{re.escape(_TILDES)}]+")
_SPACE = re.compile(r"\s+")
_KEEP = re.compile(r"[^\w]+")


def normalize_text(text: str) -> str:
    """NFKC, one long vowel, one dash, one tilde, common variant kanji, single spaces.

    >>> normalize_text("ｻｰﾋﾞｽ　髙森町　１０：００〜１２：００")
    'サービス 高森町 10:00~12:00'
    """
    text = unicodedata.normalize("NFKC", text).translate(_VARIANTS)
    text = _LONG_AFTER_KANA.sub("ー", text)
    text = _DASH_RUN.sub("-", text)
    text = _TILDE_RUN.sub("~", text)
    return _SPACE.sub(" ", text).strip()


def match_key(text: str) -> str:
    """A key for matching: normalised, lower case, without spaces or punctuation."""
    return _KEEP.sub("", normalize_text(text).lower()).replace("_", "")
