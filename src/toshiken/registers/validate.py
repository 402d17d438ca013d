"""Check raw text (a form, a CSV or Excel row) against a declaration: typed values or errors."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal, InvalidOperation
from itertools import pairwise

from toshiken.core.text import nfkc
from toshiken.registers.geo import BOX, latitude_in_kumamoto, longitude_in_kumamoto
from toshiken.registers.model import FieldSpec, Register, Rule, Value

MUNICIPALITY = "municipality_code"
URL = re.compile(r"https?://[^\s]+")
TRUE, FALSE = ("true", "1", "はい", "有", "yes"), ("false", "0", "いいえ", "無", "no")


@dataclass(frozen=True)
class FieldError:
    """A value that cannot be stored: the field's key and a message naming what is wrong."""

    field: str
    message: str


@dataclass(frozen=True)
class Cleaned:
    """A checked entry: the municipality's code and the typed values (empty fields left out)."""

    municipality_code: str
    values: dict[str, Value]


def clean_entry(
    register: Register, raw: Mapping[str, str], members: Mapping[str, str]
) -> tuple[Cleaned | None, list[FieldError]]:
    """The entry for these raw values, or every error at once (None when there is any)."""
    errors: list[FieldError] = []
    code = municipality(raw.get(MUNICIPALITY, ""), members, errors)
    values: dict[str, Value] = {}
    for spec in register.fields:
        text = (raw.get(spec.key) or "").replace("\r\n", "\n").strip()
        if spec.type != "textarea":
            text = " ".join(text.split())
        if not text:
            if spec.required:
                errors.append(FieldError(spec.key, f"{spec.label}は必須です"))
            continue
        try:
            values[spec.key] = parse_value(spec, text)
        except ValueError as exc:
            errors.append(FieldError(spec.key, f"{spec.label}：{exc}"))
    bad = {e.field for e in errors}
    for rule in register.rules:
        if not bad.intersection(rule.fields) and not RULES[rule.kind](rule, values):
            errors.append(FieldError(rule.fields[0], rule.message))
    if errors or code is None:
        return None, errors
    return Cleaned(code, values), []


def municipality(text: str, members: Mapping[str, str], errors: list[FieldError]) -> str | None:
    """A member's code from its code or its name, as printed (熊本市 or 431001)."""
    text = nfkc(text).strip()
    if not text:
        errors.append(FieldError(MUNICIPALITY, "市町村は必須です"))
        return None
    if text in members:
        return text
    by_name = {name: code for code, name in members.items()}
    if text in by_name:
        return by_name[text]
    errors.append(FieldError(MUNICIPALITY, f"「{text}」は圏域の市町村ではありません"))
    return None


def parse_value(spec: FieldSpec, text: str) -> Value:
    """One field's typed value from non-empty text; ValueError says what is wrong, in Japanese."""
    value: Value
    if spec.type in ("text", "textarea"):
        return text
    if spec.type == "choice":
        chosen = next((c for c in spec.choices if nfkc(c) == nfkc(text)), None)
        if chosen is None:
            raise ValueError(f"「{text}」は選択肢（{'、'.join(spec.choices)}）にありません")
        return chosen
    if spec.type == "url":
        if not URL.fullmatch(text):
            raise ValueError(f"http:// か https:// で始まるアドレスではありません（「{text}」）")
        return text
    text = nfkc(text)
    if spec.type == "integer":
        if not re.fullmatch(r"[+-]?\d+", text.replace(",", "")):
            raise ValueError(f"整数ではありません（「{text}」）")
        value = int(text.replace(",", ""))
        _bounds(spec, Decimal(value))
    elif spec.type in ("decimal", "latitude", "longitude"):
        number = _number(text)
        _bounds(spec, number)
        _coordinate(spec, number)
        value = format(number, "f")
    elif spec.type == "date":
        value = _date(text).isoformat()
    elif spec.type == "time":
        value = _time(text)
    else:  # boolean
        if text.lower() not in TRUE + FALSE:
            raise ValueError(f"はい・いいえのどちらかではありません（「{text}」）")
        value = text.lower() in TRUE
    return value


def _number(text: str) -> Decimal:
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"数値ではありません（「{text}」）") from None
    if not number.is_finite():
        raise ValueError(f"数値ではありません（「{text}」）")
    return number


def _bounds(spec: FieldSpec, number: Decimal) -> None:
    if spec.min is not None and number < spec.min:
        raise ValueError(f"{spec.min}以上にしてください（「{number}」）")
    if spec.max is not None and number > spec.max:
        raise ValueError(f"{spec.max}以下にしてください（「{number}」）")


def _coordinate(spec: FieldSpec, number: Decimal) -> None:
    """Latitude and longitude must lie in Kumamoto Prefecture (its bounding box, geo.BOX)."""
    if spec.type == "latitude" and not latitude_in_kumamoto(number):
        raise ValueError(f"熊本県内の緯度ではありません（「{number}」、範囲は{BOX}）")
    if spec.type == "longitude" and not longitude_in_kumamoto(number):
        raise ValueError(f"熊本県内の経度ではありません（「{number}」、範囲は{BOX}）")


def _date(text: str) -> date:
    found = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]00:00(?::00)?)?", text)
    try:
        if found is None:
            raise ValueError
        return date(*map(int, found.groups()))
    except ValueError:
        raise ValueError(f"日付（2025-04-01）ではありません（「{text}」）") from None


def _time(text: str) -> str:
    found = re.fullmatch(r"(\d{1,2})[:時](\d{2})(?::(\d{2}))?分?", text)
    try:
        if found is None:
            raise ValueError
        return time(int(found.group(1)), int(found.group(2))).strftime("%H:%M")
    except ValueError:
        raise ValueError(f"時刻（09:30）ではありません（「{text}」）") from None


def _any_of(rule: Rule, values: Mapping[str, Value]) -> bool:
    return any(k in values for k in rule.fields)


def _together(rule: Rule, values: Mapping[str, Value]) -> bool:
    return len({k in values for k in rule.fields}) == 1


def _ordered(rule: Rule, values: Mapping[str, Value]) -> bool:
    present = [values[k] for k in rule.fields if k in values]
    return all(str(a) <= str(b) for a, b in pairwise(present))


RULES: dict[str, Callable[[Rule, Mapping[str, Value]], bool]] = {
    "any_of": _any_of,
    "together": _together,
    "ordered": _ordered,
}
