"""Importing iCalendar files: our export back whole, other calendars as ideas, by UID and never twice."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import insert, update

from ecomtui.db.engine import open_database
from ecomtui.db.tables import channel, promotion
from ecomtui.exporters.ics import calendar_bytes
from ecomtui.importers.ics import import_calendar_file
from ecomtui.services import promotion_queries, promotions
from ecomtui.services.validation import InvalidInput

FILES = Path(__file__).parent / "files"
TODAY = date(2026, 11, 23)
TRICKY = 'Sale; 50%, "best"\nday'


def stored(database):
    with database.connect() as conn:
        return promotion_queries.load_promotions(conn)


def add(database, name, start, end, **fields):
    with database.transaction() as conn:
        data = promotions.parse_promotion_input(conn, name=name, start=start, end=end, **fields)
        return promotions.create_promotion(conn, data)


def export(database, path: Path) -> Path:
    with database.connect() as conn:
        records = promotion_queries.load_promotions(conn)
    path.write_bytes(calendar_bytes(records, stamp=datetime(2026, 11, 23, tzinfo=UTC), currency="EUR"))
    return path


def comparable(records):
    """What must survive a round trip: everything but the store's own ids and row versions."""
    return [
        replace(p, id=0, version=0, channel_ids=(), owner_id=None, task_count=0, modified_at=p.modified_at)
        for p in records
    ]


@pytest.fixture
def source(tmp_path):
    """A store with promotions that use every field, the tricky name among them."""
    database = open_database(str(tmp_path / "source.db"))
    with database.transaction() as conn:
        conn.execute(insert(channel).values(name="TV; radio, print", position=20))
    best = add(
        database, "x", "2026-11-20", "2026-11-30", channels=["PPC"], code="BEST50", discount="50", budget="1,500.50"
    )
    with database.transaction() as conn:  # a line break in a name: only another tool writes that
        conn.execute(update(promotion).where(promotion.c.id == best.id).values(name=TRICKY))
    add(database, "Cyber", "2026-11-27", "2026-12-02", channels=["PPC", "TV; radio, print"], discount="10 EUR")
    add(
        database,
        "Back\\slash idea",
        "2027-01-04",
        "2027-01-17",
        status="idea",
        kind="bundle",
        revenue_target="25000",
        notes="Two lines:\nfirst; second, third \\ fourth",
    )
    add(database, "Called off", "2026-12-05", "2026-12-05", status="cancelled", code="OFF")
    # an edited one: its SEQUENCE moved on
    with database.transaction() as conn:
        record = promotion_queries.load_promotions(conn)[0]
        promotions.update_promotion(conn, record.id, promotions.input_of(record), expected_version=record.version)
    yield database
    database.dispose()


def test_round_trip_into_an_empty_store_gives_the_same_promotions_and_again_adds_nothing(source, database, tmp_path):
    path = export(source, tmp_path / "promotions.ics")
    first = import_calendar_file(database, path, today=TODAY)
    assert (first.added, first.updated, first.unchanged) == (4, 0, 0)
    assert first.notes == ["channel “TV; radio, print” was added"]
    expected = [replace(p, modified_at=p.modified_at.replace(microsecond=0)) for p in comparable(stored(source))]
    assert comparable(stored(database)) == expected
    assert TRICKY in [p.name for p in stored(database)]

    again = import_calendar_file(database, path, today=TODAY)
    assert (again.added, again.updated, again.cancelled, again.unchanged) == (0, 0, 0, 4)
    assert comparable(stored(database)) == expected


def test_importing_our_export_into_the_same_store_changes_nothing(source, tmp_path):
    before = stored(source)
    result = import_calendar_file(source, export(source, tmp_path / "p.ics"), today=TODAY)
    assert (result.added, result.updated, result.unchanged) == (0, 0, 4)
    assert stored(source) == before


def test_a_higher_sequence_updates_and_a_lower_one_does_not(source, database, tmp_path):
    old = export(source, tmp_path / "old.ics")
    import_calendar_file(database, old, today=TODAY)
    with source.transaction() as conn:
        record = next(p for p in promotion_queries.load_promotions(conn) if p.name == "Cyber")
        data = replace(promotions.input_of(record), name="Cyber Week", end=date(2026, 12, 6))
        promotions.update_promotion(conn, record.id, data, expected_version=record.version)
    new = export(source, tmp_path / "new.ics")

    result = import_calendar_file(database, new, today=TODAY)
    assert (result.added, result.updated) == (0, 1)
    cyber = next(p for p in stored(database) if p.uid == record.uid)
    assert (cyber.name, cyber.end, cyber.sequence) == ("Cyber Week", date(2026, 12, 6), record.sequence + 1)

    stale = import_calendar_file(database, old, today=TODAY)
    assert (stale.added, stale.updated) == (0, 0)
    assert next(p for p in stored(database) if p.uid == record.uid).name == "Cyber Week"


def _event(uid: str, summary: str, *, sequence=0, modified="20261101T090000Z", status="CONFIRMED") -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Example//Calendar//EN",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        "DTSTAMP:20261120T100000Z",
        "DTSTART;VALUE=DATE:20261204",
        "DTEND;VALUE=DATE:20261206",
        f"SUMMARY:{summary}",
        f"SEQUENCE:{sequence}",
        f"LAST-MODIFIED:{modified}",
        f"STATUS:{status}",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
    return "\r\n".join(lines).encode()


def test_a_newer_last_modified_updates_at_the_same_sequence(database, tmp_path):
    path = tmp_path / "cal.ics"
    path.write_bytes(_event("a@example", "Jacket weekend"))
    import_calendar_file(database, path, today=TODAY)
    path.write_bytes(_event("a@example", "Jacket weekend, all coats too", modified="20261110T090000Z"))
    assert import_calendar_file(database, path, today=TODAY).updated == 1
    path.write_bytes(_event("a@example", "Older copy", modified="20261105T090000Z"))
    assert import_calendar_file(database, path, today=TODAY).unchanged == 1
    assert [p.name for p in stored(database)] == ["Jacket weekend, all coats too"]


def test_cancelled_in_the_calendar_cancels_the_promotion(database, tmp_path):
    path = tmp_path / "cal.ics"
    path.write_bytes(_event("a@example", "Jacket weekend"))
    import_calendar_file(database, path, today=TODAY)
    path.write_bytes(_event("a@example", "Jacket weekend", sequence=1, status="CANCELLED"))
    result = import_calendar_file(database, path, today=TODAY)
    assert result.cancelled == 1
    assert [p.status for p in stored(database)] == ["cancelled"]


def test_a_changed_event_keeps_what_the_manager_planned_since(database, tmp_path):
    path = tmp_path / "cal.ics"
    path.write_bytes(_event("a@example", "Jacket weekend"))
    import_calendar_file(database, path, today=TODAY)
    (idea,) = stored(database)
    with database.transaction() as conn:
        data = promotions.parse_promotion_input(
            conn, name=idea.name, start="2026-12-04", end="2026-12-05", status="planned", channels=["Email"]
        )
        promotions.update_promotion(conn, idea.id, data, expected_version=idea.version)
    path.write_bytes(_event("a@example", "Jacket and coat weekend", sequence=5))
    assert import_calendar_file(database, path, today=TODAY).updated == 1
    (planned,) = stored(database)
    assert (planned.name, planned.status, planned.channels) == ("Jacket and coat weekend", "planned", ("Email",))


def test_google_calendar_export_becomes_ideas(database):
    result = import_calendar_file(database, FILES / "google_calendar_export.ics", today=TODAY)
    assert (result.added, result.problems) == (8, [])
    by_name = {}
    for p in stored(database):
        by_name.setdefault(p.name, []).append(p)
    (weekend,) = by_name["Winter jacket weekend"]
    assert (weekend.start, weekend.end, weekend.status) == (date(2026, 12, 4), date(2026, 12, 6), "idea")
    assert weekend.notes == "Agency proposal: three days, all jackets.\nBudget to be agreed."
    (kickoff,) = by_name["Newsletter kick-off with Mailcraft"]
    assert (kickoff.start, kickoff.end) == (date(2026, 12, 10), date(2026, 12, 10))
    # weekly, six times, one skipped (EXDATE) and one moved (RECURRENCE-ID)
    weekly = sorted(p.start for p in by_name["Weekly deal newsletter"])
    assert weekly == [date(2026, 12, 3), date(2026, 12, 10), date(2026, 12, 31), date(2027, 1, 7)]
    assert [p.start for p in by_name["Weekly deal newsletter (Christmas edition)"]] == [date(2026, 12, 17)]
    assert [p.status for p in by_name["Pop-up store day"]] == ["cancelled"]
    assert len({p.uid for p in stored(database)}) == 8

    again = import_calendar_file(database, FILES / "google_calendar_export.ics", today=TODAY)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 8)


def test_outlook_export_with_its_own_time_zone(database):
    result = import_calendar_file(database, FILES / "outlook_export.ics", today=TODAY)
    assert result.added == 2
    spans = {p.name: (p.start, p.end) for p in stored(database)}
    assert spans == {
        "Frühjahrsvorschau für die Presse": (date(2027, 3, 1), date(2027, 3, 1)),
        "Messe: ISPO Planung": (date(2027, 1, 14), date(2027, 1, 15)),
    }


def test_an_endless_daily_event_refuses_the_file_unless_told_to_skip_it(database):
    path = FILES / "google_daily_standup.ics"
    with pytest.raises(InvalidInput) as refused:
        import_calendar_file(database, path, today=TODAY)
    assert "Team stand-up" in refused.value.message and "nothing was" in refused.value.message
    assert stored(database) == []
    result = import_calendar_file(database, path, today=TODAY, skip_bad=True)
    assert result.added == 1
    assert len(result.problems) == 1 and "recurs more than 100 times" in result.problems[0]
    assert [p.name for p in stored(database)] == ["Campaign review day"]


def test_an_event_without_a_start_is_named(database, tmp_path):
    path = tmp_path / "bad.ics"
    path.write_bytes(_event("a@example", "Fine").replace(b"DTSTART;VALUE=DATE:20261204\r\n", b""))
    with pytest.raises(InvalidInput, match="“Fine” \\(UID a@example\\): it has no start"):
        import_calendar_file(database, path, today=TODAY)


@pytest.mark.parametrize("content", [b"", b"name,date\nx,2026-01-01\n", b"\x89PNG\r\n\x1a\n\x00\x00"])
def test_a_file_that_is_no_calendar_is_refused_in_one_line(database, tmp_path, content):
    path = tmp_path / "junk.ics"
    path.write_bytes(content)
    with pytest.raises(InvalidInput, match="not an iCalendar file"):
        import_calendar_file(database, path, today=TODAY)
    assert stored(database) == []


def test_an_event_without_uid_is_still_imported_once(database, tmp_path):
    path = tmp_path / "nouid.ics"
    path.write_bytes(_event("x", "No UID here").replace(b"UID:x\r\n", b""))
    assert import_calendar_file(database, path, today=TODAY).added == 1
    assert import_calendar_file(database, path, today=TODAY).added == 0
