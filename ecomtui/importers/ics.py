"""iCalendar files (RFC 5545) into promotions: our own export back whole, other calendars' events as ideas.

Import is idempotent by ``UID``: an event whose UID is already a promotion's
changes it only when the file's copy is newer (a higher ``SEQUENCE``, or a
later ``LAST-MODIFIED``), so the same file twice adds and changes nothing;
``STATUS:CANCELLED`` cancels the promotion. Events from Google Calendar or
Outlook become promotions in status ``idea``; a later import of a changed
event updates its name, dates and notes and keeps what the manager has
planned since (status, channels, budget).

A recurring event becomes one promotion per occurrence over the next 18
months (UID ``<uid>/<YYYYMMDD>``; ``EXDATE``, ``RDATE`` and moved occurrences
with ``RECURRENCE-ID`` are honoured). One that recurs more often than
:data:`MAX_OCCURRENCES` times in that window is refused with a message, like
an event that cannot be read: the file is then refused whole unless
``skip_bad`` is given, and either way every refused event is named. A series
that has ended is counted in the summary. Nothing is dropped silently.

The file is read and checked completely before anything is written, and
written in one transaction. ``icalendar`` (and ``dateutil`` for recurrence
rules, which it brings) are imported lazily.
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from ecomtui.exporters.ics import OUR_PRODID_PREFIX
from ecomtui.services.promotion_data import NAME_MAX, PromotionInput, clean_notes, parse_amount, parse_discount
from ecomtui.services.validation import InvalidInput

HORIZON_MONTHS = 18
MAX_OCCURRENCES = 100
UID_MAX = 255


@dataclass
class CalendarItem:
    """One promotion the file describes."""

    uid: str
    sequence: int
    modified: datetime | None
    cancelled: bool
    ours: bool
    data: PromotionInput
    channels: tuple[str, ...] = ()
    owner: str = ""
    label: str = ""  # how messages name it


@dataclass
class ParsedCalendar:
    items: list[CalendarItem] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # refused events, one line each
    skipped: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # not promotions: reason -> count


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    cancelled: int = 0
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # channels created, owners not found

    def summary(self) -> str:
        parts = [f"{self.added} added", f"{self.updated} updated", f"{self.cancelled} cancelled"]
        parts.append(f"{self.unchanged} unchanged")
        skipped = ", ".join(f"{count} {reason}" for reason, count in sorted(self.skipped.items()))
        refused = f"; {len(self.problems)} events refused" if self.problems else ""
        return "promotions: " + ", ".join(parts) + (f"; skipped: {skipped}" if skipped else "") + refused


# ---- reading ----------------------------------------------------------------------------------


def _one_line_name(text: str) -> str:
    """A name from another tool: line breaks and tabs kept (shown visibly), other control characters dropped."""
    kept = "".join(ch for ch in text if ch in "\n\t" or not (ord(ch) < 32 or 127 <= ord(ch) < 160)).strip()
    if len(kept) > NAME_MAX:
        kept = kept[: NAME_MAX - 1] + "…"
    return kept or "(no title)"


def _label(event) -> str:
    summary = " ".join(str(event.get("summary", "")).split())[:60] or "(no title)"
    uid = str(event.get("uid", "")).strip()
    return f"“{summary}”" + (f" (UID {uid[:80]})" if uid else "")


def _as_date(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def _day_span(event) -> tuple[date, date]:
    """The event's first and last day (inclusive); raises ValueError when it has none."""
    if event.get("dtstart") is None:
        raise ValueError("it has no start (DTSTART)")
    start = event.decoded("dtstart")
    if not isinstance(start, date):
        raise ValueError("its start (DTSTART) is not a date")
    first = _as_date(start)
    if event.get("dtend") is not None:
        end = event.decoded("dtend")
    elif event.get("duration") is not None:
        end = start + event.decoded("duration")
    else:
        return first, first
    if isinstance(start, datetime):  # a timed event: the last day it touches, in its start's time zone
        if not isinstance(end, datetime):
            end = datetime.combine(end, time.min, tzinfo=start.tzinfo)
        if (end.tzinfo is None) != (start.tzinfo is None):
            end = end.replace(tzinfo=start.tzinfo)
        elif start.tzinfo is not None:
            end = end.astimezone(start.tzinfo)
        if end < start:
            raise ValueError("it ends (DTEND) before it starts")
        return first, (end - timedelta(microseconds=1)).date() if end > start else first
    end = _as_date(end)  # all-day: DTEND is the day after the last day
    if end < first:
        raise ValueError("it ends (DTEND) before it starts")
    return first, end - timedelta(days=1) if end > first else first


def _text_prop(event, name: str) -> str:
    """An X- text property, unescaped (the export marks them VALUE=TEXT; be lenient with others)."""
    from icalendar import vText

    value = event.get(name)
    if value is None:
        return ""
    if isinstance(value, vText):
        return str(value)
    raw = value.to_ical().decode("utf-8", "replace") if hasattr(value, "to_ical") else str(value)
    return str(vText.from_ical(raw)) if "\\" in raw else raw


def _categories(event) -> tuple[str, ...]:
    found: list[str] = []
    values = event.get("categories")
    if values is None:
        return ()
    for entry in values if isinstance(values, list) else [values]:
        cats = getattr(entry, "cats", None)
        names = [str(c) for c in cats] if cats is not None else str(entry).split(",")
        found.extend(name.strip() for name in names if name.strip())
    return tuple(dict.fromkeys(found))


def _modified(event) -> datetime | None:
    if event.get("last-modified") is None:
        return None
    value = event.decoded("last-modified")
    if not isinstance(value, datetime):
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _sequence(event) -> int:
    try:
        return int(str(event.get("sequence", 0)))
    except ValueError:
        return 0


def _item(event, uid: str, first: date, last: date, ours: bool) -> CalendarItem:
    """One promotion from an event; raises ValueError/InvalidInput for a value that cannot be used."""
    from ecomtui.services.promotion_data import parse_kind, parse_status

    status_prop = str(event.get("status", "")).strip().upper()
    cancelled = status_prop == "CANCELLED"
    name = _one_line_name(str(event.get("summary", "")))
    notes = clean_notes(str(event.get("description", "")))
    if ours:
        pct, fixed = parse_discount(_text_prop(event, "X-ECOMTUI-DISCOUNT"))
        data = PromotionInput(
            name=name,
            start=first,
            end=last,
            kind=parse_kind(_text_prop(event, "X-ECOMTUI-KIND")),
            status="cancelled" if cancelled else parse_status(_text_prop(event, "X-ECOMTUI-STATUS")),
            code=_text_prop(event, "X-ECOMTUI-CODE").strip()[:60],
            discount_pct=pct,
            discount_minor=fixed,
            budget_minor=parse_amount(_text_prop(event, "X-ECOMTUI-BUDGET"), "budget"),
            revenue_target_minor=parse_amount(_text_prop(event, "X-ECOMTUI-REVENUE-TARGET"), "revenue target"),
            notes=notes,
        )
    else:
        data = PromotionInput(
            name=name, start=first, end=last, status="cancelled" if cancelled else "idea", notes=notes
        )
    return CalendarItem(
        uid=uid,
        sequence=_sequence(event),
        modified=_modified(event),
        cancelled=cancelled,
        ours=ours,
        data=data,
        channels=_categories(event),
        owner=_text_prop(event, "X-ECOMTUI-OWNER") if ours else "",
        label=_label(event),
    )


def _uid(event) -> str:
    """The event's UID; an event without one gets a stable stand-in from its summary and start."""
    uid = str(event.get("uid", "")).strip()
    if uid:
        return uid
    raw = f"{event.get('summary', '')}|{event.get('dtstart').to_ical().decode() if event.get('dtstart') else ''}"
    return f"no-uid-{hashlib.sha256(raw.encode()).hexdigest()[:32]}@import.ecomtui"


def _occurrence_uid(uid: str, day: date) -> str:
    suffix = f"/{day:%Y%m%d}"
    if len(uid) + len(suffix) > UID_MAX:
        uid = hashlib.sha256(uid.encode()).hexdigest()
    return uid + suffix


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    try:
        return day.replace(year=year, month=month + 1)
    except ValueError:  # the 31st of a shorter month
        return date(year, month + 1, 28)


def _occurrence_starts(event, length: timedelta, today: date) -> list[date]:
    """The days ``event`` recurs on that still run today or start in the coming 18 months (EXDATE out, RDATE in).

    Stops after :data:`MAX_OCCURRENCES` + 1: more than that is refused anyway.
    """
    from dateutil.rrule import rruleset, rrulestr

    start = event.decoded("dtstart")
    base = start.replace(tzinfo=None) if isinstance(start, datetime) else datetime.combine(start, time.min)
    rules = rruleset()
    rrules = event.get("rrule")
    for rule in rrules if isinstance(rrules, list) else [rrules]:
        rules.rrule(rrulestr(rule.to_ical().decode(), dtstart=base, ignoretz=True))
    for key, add in (("rdate", rules.rdate), ("exdate", rules.exdate)):
        values = event.get(key)
        for entry in values if isinstance(values, list) else [values] if values is not None else []:
            for moment in entry.dts:
                value = moment.dt[0] if isinstance(moment.dt, tuple) else moment.dt  # a period: its start
                value = value.replace(tzinfo=None) if isinstance(value, datetime) else value
                add(value if isinstance(value, datetime) else datetime.combine(value, base.time()))
    horizon = _add_months(today, HORIZON_MONTHS)
    found: list[date] = []
    for moment in rules.xafter(datetime.combine(today - length, time.min), inc=True):
        if moment.date() > horizon or len(found) > MAX_OCCURRENCES:
            break
        found.append(moment.date())
    return found


def read_calendar(data: bytes, today: date) -> ParsedCalendar:
    """Every promotion ``data`` describes, and every event refused; raises InvalidInput for a file that is no calendar."""
    from icalendar import Calendar

    try:
        calendars = Calendar.from_ical(data, multiple=True)
    except Exception:
        raise InvalidInput("this is not an iCalendar file (no readable BEGIN:VCALENDAR)", "file") from None
    if not calendars:
        raise InvalidInput("this is not an iCalendar file (no readable BEGIN:VCALENDAR)", "file")
    parsed = ParsedCalendar()
    for calendar in calendars:
        ours = str(calendar.get("prodid", "")).startswith(OUR_PRODID_PREFIX)
        masters: dict[str, object] = {}
        moved: dict[str, list] = defaultdict(list)
        for component in calendar.walk():
            if component.name in ("VTODO", "VJOURNAL"):
                parsed.skipped["to-dos and journal entries"] += 1
            if component.name != "VEVENT":
                continue
            if ours and component.get("x-ecomtui-event") is not None:
                parsed.skipped["retail events (computed by ecomtui)"] += 1
                continue
            uid = _uid(component)
            if component.get("recurrence-id") is not None:
                moved[uid].append(component)
            else:
                masters[uid] = component
        for uid, event in masters.items():
            _read_event(parsed, event, uid, moved.pop(uid, []), ours, today)
        for uid, events in moved.items():  # moved occurrences whose series is not in the file
            for event in events:
                _read_single(parsed, event, _occurrence_uid(uid, _as_date(event.decoded("recurrence-id"))), ours)
    return parsed


def _read_single(parsed: ParsedCalendar, event, uid: str, ours: bool) -> None:
    try:
        first, last = _day_span(event)
        parsed.items.append(_item(event, uid, first, last, ours))
    except (ValueError, InvalidInput) as exc:
        parsed.problems.append(f"{_label(event)}: {getattr(exc, 'message', None) or exc}")


def _read_event(parsed: ParsedCalendar, event, uid: str, moved: list, ours: bool, today: date) -> None:
    if event.get("rrule") is None:
        _read_single(parsed, event, uid, ours)
        return
    label = _label(event)
    try:
        first, last = _day_span(event)
        template = _item(event, uid, first, last, ours)
        length = last - first
        starts = _occurrence_starts(event, length, today)
    except (ValueError, InvalidInput) as exc:
        parsed.problems.append(f"{label}: {getattr(exc, 'message', None) or exc}")
        return
    moved_by_day = {_as_date(m.decoded("recurrence-id")): m for m in moved}
    if not starts and not moved_by_day:  # a series that has ended: counted in the summary, not refused
        parsed.skipped[f"recurring events with no date in the next {HORIZON_MONTHS} months"] += 1
        return
    if len(starts) > MAX_OCCURRENCES:
        parsed.problems.append(
            f"{label}: recurs more than {MAX_OCCURRENCES} times in the next {HORIZON_MONTHS} months, "
            "too often for promotions; not imported"
        )
        return
    for day in starts:
        occurrence_uid = _occurrence_uid(uid, day)
        if day in moved_by_day:
            _read_single(parsed, moved_by_day.pop(day), occurrence_uid, ours)
            continue
        data = replace(template.data, start=day, end=day + length)
        parsed.items.append(replace(template, uid=occurrence_uid, data=data))
    for day, event_moved in moved_by_day.items():
        _read_single(parsed, event_moved, _occurrence_uid(uid, day), ours)


# ---- writing ------------------------------------------------------------------------------


def _newer(item: CalendarItem, stored) -> bool:
    """Whether the file's copy is newer than the promotion stored under its UID."""
    if item.sequence != stored.sequence:
        return item.sequence > stored.sequence
    return item.modified is not None and stored.modified_at is not None and item.modified > stored.modified_at


def apply_calendar(conn, parsed: ParsedCalendar) -> ImportResult:
    """Write the parsed promotions in the caller's transaction, by UID."""
    from ecomtui.services import lookups, promotion_queries, promotions

    result = ImportResult(problems=list(parsed.problems), skipped=dict(parsed.skipped))
    channels = {name.casefold(): cid for cid, name in lookups.channel_names(conn)}
    owners = {name.casefold(): pid for pid, name in lookups.owner_names(conn)}
    for item in parsed.items:
        channel_ids = []
        for name in item.channels:
            if name.casefold() not in channels and item.ours:
                channels[name.casefold()] = _add_channel(conn, name)
                result.notes.append(f"channel “{name}” was added")
            if name.casefold() in channels:
                channel_ids.append(channels[name.casefold()])
        owner_id = owners.get(item.owner.casefold()) if item.owner else None
        if item.owner and owner_id is None:
            result.notes.append(f"owner “{item.owner}” of {item.label} is not in this store: left empty")
        data = replace(item.data, channel_ids=tuple(channel_ids), owner_id=owner_id)
        stored = promotion_queries.promotion_by_uid(conn, item.uid)
        if stored is None:
            promotions.create_promotion(conn, data, uid=item.uid, sequence=item.sequence, modified_at=item.modified)
            result.added += 1
            continue
        # a cancellation of the same version still cancels (some calendars do not count it as a change)
        cancels = item.cancelled and stored.status != "cancelled" and item.sequence >= stored.sequence
        if not (_newer(item, stored) or cancels):
            result.unchanged += 1
            continue
        if not item.ours:  # keep what the manager planned since: only the calendar's own fields change
            keep = promotions.input_of(stored)
            status = "cancelled" if item.cancelled else keep.status
            data = replace(keep, name=data.name, start=data.start, end=data.end, notes=data.notes, status=status)
        if data == promotions.input_of(stored):
            result.unchanged += 1
            continue
        promotions.update_promotion(
            conn, stored.id, data, sequence=max(item.sequence, stored.sequence), modified_at=item.modified
        )
        if data.status == "cancelled" and stored.status != "cancelled":
            result.cancelled += 1
        else:
            result.updated += 1
    return result


def _add_channel(conn, name: str) -> int:
    from sqlalchemy import func, insert, select

    from ecomtui.db.tables import channel

    position = conn.execute(select(func.coalesce(func.max(channel.c.position), 0))).scalar_one() + 1
    name = _one_line_name(name.replace("\n", " "))[:80]
    return conn.execute(insert(channel).values(name=name, position=position).returning(channel.c.id)).scalar_one()


def read_calendar_file(path: str | os.PathLike, *, today: date, skip_bad: bool = False) -> ParsedCalendar:
    """Read and check ``path`` completely; refused whole (InvalidInput) if an event cannot be used."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InvalidInput(f"import ics: {path} is a folder, not a file", "file") from None
    except OSError as exc:
        raise InvalidInput(f"import ics: cannot read {path}: {exc.strerror or exc}", "file") from None
    try:
        parsed = read_calendar(data, today)
    except InvalidInput as exc:
        raise InvalidInput(f"import ics: {path.name}: {exc.message}", "file") from None
    if parsed.problems and not skip_bad:
        count = len(parsed.problems)
        listed = "; ".join(parsed.problems[:5]) + (f"; and {count - 5} more" if count > 5 else "")
        raise InvalidInput(
            f"import ics: {path.name}: {count} events cannot be imported, so nothing was "
            f"(--skip-bad-rows imports the rest): {listed}",
            "file",
        )
    return parsed


def import_calendar_file(database, path: str | os.PathLike, *, today: date, skip_bad: bool = False) -> ImportResult:
    """Read ``path`` completely, then write it in one transaction."""
    parsed = read_calendar_file(path, today=today, skip_bad=skip_bad)
    with database.transaction() as conn:
        return apply_calendar(conn, parsed)
