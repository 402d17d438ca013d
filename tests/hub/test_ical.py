from datetime import datetime

from toshiken.hub import samples
from toshiken.hub.dates import JST
from toshiken.hub.ical import parse_ical
from toshiken.hub.samples import SampleItem

BASE = "https://www.city.kumamoto.jp"


def test_events_with_start_end_location_and_link() -> None:
    start = datetime(2025, 7, 20, 18, 0, tzinfo=JST)
    body = samples.ical(
        "イベント",
        BASE,
        [SampleItem("星空観望会", "/ev/1.html", start, "望遠鏡で", "イベント", "天文台")],
    )
    document = parse_ical(body.encode(), BASE + "/calendar/event.ics")
    (event,) = document.entries
    assert event.title == "星空観望会"
    assert event.starts == start and event.ends == datetime(2025, 7, 20, 20, 0, tzinfo=JST)
    assert event.location == "天文台"
    assert event.link == BASE + "/ev/1.html"
    assert document.title == "イベント"


def test_all_day_event() -> None:
    body = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:1@x\r\n"
        "DTSTART;VALUE=DATE:20251103\r\nSUMMARY:文化の日\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    (event,) = parse_ical(body.encode(), BASE).entries
    assert event.starts == datetime(2025, 11, 3, tzinfo=JST)
    assert event.guid == "1@x" and event.link == ""
