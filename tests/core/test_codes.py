"""Check digits of local-government codes."""

from __future__ import annotations

import pytest

from toshiken.core.codes import check_digit, is_valid_code


@pytest.mark.parametrize("code", ["431001", "432164", "434477", "430005", "011002", "131016"])
def test_known_codes_are_valid(code: str) -> None:
    assert is_valid_code(code)


@pytest.mark.parametrize("code", ["431002", "43100", "4310011", "43100a"])
def test_bad_codes(code: str) -> None:
    assert not is_valid_code(code)


def test_remainders_zero_and_one() -> None:
    # S mod 11 == 0 -> 1 and S mod 11 == 1 -> 0, as the 総務省 rule says
    assert check_digit("43208") == 3
    with pytest.raises(ValueError):
        check_digit("4320")
