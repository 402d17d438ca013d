"""core.web: a look-up that found nothing becomes a 404 naming what was asked for."""

from __future__ import annotations

import pytest
from fastapi import HTTPException

from toshiken.core.web import found


def test_found_passes_a_value_through() -> None:
    assert found(0, "zero") == 0  # falsy but found


def test_found_turns_none_into_a_404() -> None:
    with pytest.raises(HTTPException) as caught:
        found(None, "initiative 9-9-9")
    assert caught.value.status_code == 404
    assert caught.value.detail == "initiative 9-9-9 was not found"
