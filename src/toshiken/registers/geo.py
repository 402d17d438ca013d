"""Where a point may lie: a bounding box of Kumamoto Prefecture (decimal degrees, JGD2011)."""

from __future__ import annotations

from decimal import Decimal

# The prefecture's extreme points, rounded outwards to 0.05°: south 32.09 N (水俣市), north 33.19 N
# (南関町), west 129.93 E (天草市 牛深の島々), east 131.33 E (高森町). A box, not the boundary: a
# point just outside the prefecture but inside the box passes. It catches the common mistakes of
# open data: swapped latitude and longitude, 0,0, and points far away.
SOUTH, NORTH = Decimal("32.05"), Decimal("33.25")
WEST, EAST = Decimal("129.90"), Decimal("131.35")
BOX = f"北緯{SOUTH}〜{NORTH}度、東経{WEST}〜{EAST}度"


def latitude_in_kumamoto(value: Decimal) -> bool:
    return SOUTH <= value <= NORTH


def longitude_in_kumamoto(value: Decimal) -> bool:
    return WEST <= value <= EAST


def in_kumamoto(latitude: Decimal, longitude: Decimal) -> bool:
    """True when the point lies in the prefecture's bounding box."""
    return latitude_in_kumamoto(latitude) and longitude_in_kumamoto(longitude)
