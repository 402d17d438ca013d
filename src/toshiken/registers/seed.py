"""A declaration's seed as checked entries: the document's lists, each traced to its line."""

from __future__ import annotations

from collections.abc import Mapping

from toshiken.registers.model import DeclarationError, Register
from toshiken.registers.validate import MUNICIPALITY, Cleaned, clean_entry


def seed_entries(register: Register, members: Mapping[str, str]) -> list[Cleaned]:
    """Every seed entry checked like any other; DeclarationError names each bad one's line."""
    found: list[Cleaned] = []
    problems: list[str] = []
    for seed in register.seed:
        cleaned, errors = clean_entry(
            register, {MUNICIPALITY: seed.municipality, **seed.values}, members
        )
        if cleaned is None:
            problems.extend(f"seed line {seed.line}: {e.message}" for e in errors)
        else:
            found.append(cleaned)
    if problems:
        raise DeclarationError(f"{register.key}: " + "; ".join(problems))
    return found
