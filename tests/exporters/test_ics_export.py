"""The iCalendar export as another calendar reads it: RFC 5545 line format, escaping, all-day dates, stable UIDs."""

from __future__ import annotations

from datetime import UTC, date, datetime

import icalendar
import pytest

from ecomtui.exporters.ics import calendar_bytes
from ecomtui.services.promotion_data import Promotion
from ecomtui.services.retail_calendar import retail_events

STAMP = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
TRICKY = 'Sale; 50%, "best"\nday \\ back'


def promotion(**fields) -> Promotion:
    values = dict(
        id=1,
        name="Black Week",
        start=date(2026, 11, 23),
        end=date(2026, 11, 30),
        channels=("PPC", "Paid Social"),
        code="BW20",
        discount_pct=2000,
        budget_minor=1_200_000,
        status="live",
        uid="5b2c-black-week@ecomtui",
        sequence=3,
        modified_at=datetime(2026, 11, 20, 8, 15, 42, 123456, tzinfo=UTC),
        notes="Whole range.\nBids +30%; brand terms, too.",
    )
    values.update(fields)
    return Promotion(**values)


@pytest.fixture
def exported() -> bytes:
    long_notes = "Ünïcödé notes that go on " * 20
    return calendar_bytes(
        [promotion(), promotion(id=2, name=TRICKY, uid="tricky@ecomtui", notes=long_notes, status="idea")],
        stamp=STAMP,
        currency="EUR",
    )


def test_the_file_parses_with_the_icalendar_package(exported):
    calendar = icalendar.Calendar.from_ical(exported)
    events = calendar.walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Black Week", TRICKY]
    assert str(calendar["prodid"]).startswith("-//ecomtui//")
    assert str(calendar["version"]) == "2.0"


def test_lines_end_in_crlf_and_fold_at_75_octets(exported):
    assert exported.endswith(b"\r\n")
    lines = exported.split(b"\r\n")
    assert b"\n" not in exported.replace(b"\r\n", b"")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # the long notes were folded
    # a fold never splits a UTF-8 character: every physical line decodes on its own
    for line in lines:
        line.decode("utf-8")


def test_text_is_escaped(exported):
    unfolded = exported.replace(b"\r\n ", b"")
    assert b'SUMMARY:Sale\\; 50%\\, "best"\\nday \\\\ back\r\n' in unfolded
    assert b"DESCRIPTION:Whole range.\\nBids +30%\\; brand terms\\, too.\r\n" in unfolded


def test_all_day_dates_end_the_day_after(exported):
    event = icalendar.Calendar.from_ical(exported).walk("VEVENT")[0]
    assert b"DTSTART;VALUE=DATE:20261123\r\n" in exported
    assert b"DTEND;VALUE=DATE:20261201\r\n" in exported
    assert event.decoded("dtstart") == date(2026, 11, 23)
    assert event.decoded("dtend") == date(2026, 12, 1)


def test_identity_status_and_channels(exported):
    first, second = icalendar.Calendar.from_ical(exported).walk("VEVENT")
    assert str(first["uid"]) == "5b2c-black-week@ecomtui"
    assert first.decoded("dtstamp") == STAMP
    assert int(first["sequence"]) == 3
    assert first.decoded("last-modified") == datetime(2026, 11, 20, 8, 15, 42, tzinfo=UTC)
    assert [str(c) for c in first["categories"].cats] == ["PPC", "Paid Social"]
    assert str(first["status"]) == "CONFIRMED"
    assert str(second["status"]) == "TENTATIVE"


def test_a_cancelled_promotion_is_cancelled_in_the_calendar():
    data = calendar_bytes([promotion(status="cancelled")], stamp=STAMP, currency="EUR")
    assert str(icalendar.Calendar.from_ical(data).walk("VEVENT")[0]["status"]) == "CANCELLED"


def test_the_same_promotion_exported_twice_keeps_its_uid():
    one = calendar_bytes([promotion()], stamp=STAMP, currency="EUR")
    two = calendar_bytes([promotion()], stamp=datetime(2026, 12, 1, tzinfo=UTC), currency="EUR")
    uid = [line for line in one.split(b"\r\n") if line.startswith(b"UID:")]
    assert uid == [line for line in two.split(b"\r\n") if line.startswith(b"UID:")]


def test_retail_events_are_exported_with_stable_uids():
    events = [e for e in retail_events(2026, "DE", (12, 18)) if e.key == "black_friday"]
    one = calendar_bytes([], stamp=STAMP, currency="EUR", events=events, country="DE")
    (event,) = icalendar.Calendar.from_ical(one).walk("VEVENT")
    assert str(event["summary"]) == "Black Friday"
    assert str(event["uid"]) == "2026-11-27-black_friday-de@events.ecomtui"
    assert [str(c) for c in event["categories"].cats] == ["Retail event"]
