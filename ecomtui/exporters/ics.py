"""Promotions (and, on request, retail events) as an iCalendar file (RFC 5545), through ``icalendar``.

Each promotion is an all-day VEVENT: ``DTSTART;VALUE=DATE`` its first day,
``DTEND`` the day after its last (RFC 5545 ends are exclusive), ``UID`` its
stored uid, so a calendar that imports the file again updates the event
instead of adding a second one; ``SEQUENCE`` and ``LAST-MODIFIED`` say which
copy is newer; channels are ``CATEGORIES``; ``STATUS`` is TENTATIVE for an
idea, CANCELLED for a cancelled promotion and CONFIRMED otherwise. The fields
no standard property holds (kind, exact status, code, discount, budget,
revenue target, owner) travel as ``X-ECOMTUI-*`` text properties, so
``ecomtui import ics`` gets the promotion back whole.

The ``icalendar`` package does the escaping (``,`` ``;`` ``\\`` and line
breaks), the CRLF line ends and the folding at 75 octets.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from ecomtui.services.promotion_data import Promotion, amount_input_text, discount_input_text
from ecomtui.services.retail_calendar import HOLIDAY, RetailEvent

PRODID = "-//ecomtui//Promotion calendar//EN"
OUR_PRODID_PREFIX = "-//ecomtui//"
STATUS_OUT = {"idea": "TENTATIVE", "cancelled": "CANCELLED"}  # everything else: CONFIRMED
X = "X-ECOMTUI-"


def _text(event, name: str, value: str) -> None:
    """An X- property as escaped TEXT (icalendar leaves unknown properties unescaped otherwise)."""
    from icalendar import vText

    if value:
        event.add(name, vText(value), parameters={"VALUE": "TEXT"})


def promotion_event(record: Promotion, stamp: datetime, currency: str):
    from icalendar import Event

    event = Event()
    event.add("uid", record.uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", record.start)
    event.add("dtend", record.end + timedelta(days=1))
    event.add("summary", record.name)
    if record.notes:
        event.add("description", record.notes)
    if record.channels:
        event.add("categories", list(record.channels))
    event.add("status", STATUS_OUT.get(record.status, "CONFIRMED"))
    event.add("sequence", record.sequence)
    if record.modified_at is not None:
        event.add("last-modified", record.modified_at.replace(microsecond=0))
    event.add("transp", "TRANSPARENT")  # a promotion does not make anyone busy
    _text(event, X + "KIND", record.kind)
    _text(event, X + "STATUS", record.status)
    _text(event, X + "CODE", record.code)
    _text(event, X + "DISCOUNT", discount_input_text(record.discount_pct, record.discount_minor, currency))
    _text(event, X + "BUDGET", amount_input_text(record.budget_minor))
    _text(event, X + "REVENUE-TARGET", amount_input_text(record.revenue_target_minor))
    _text(event, X + "OWNER", record.owner or "")
    return event


def retail_event(item: RetailEvent, stamp: datetime, country: str):
    from icalendar import Event

    event = Event()
    event.add("uid", item.uid(country))
    event.add("dtstamp", stamp)
    event.add("dtstart", item.day)
    event.add("dtend", item.day + timedelta(days=1))
    event.add("summary", item.name)
    event.add("categories", ["Public holiday" if item.kind == HOLIDAY else "Retail event"])
    event.add("transp", "TRANSPARENT")
    _text(event, X + "EVENT", item.kind)
    return event


def calendar_bytes(
    promotions: Iterable[Promotion],
    *,
    stamp: datetime,
    currency: str,
    name: str = "Promotions",
    events: Iterable[RetailEvent] = (),
    country: str = "",
) -> bytes:
    """The whole calendar as RFC 5545 bytes (UTF-8, CRLF line ends, folded lines)."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for record in promotions:
        calendar.add_component(promotion_event(record, stamp, currency))
    for item in events:
        calendar.add_component(retail_event(item, stamp, country))
    return calendar.to_ical()
