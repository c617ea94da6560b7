"""What the user is told when a typed value cannot be used."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecomtui.db.models import Partner
from ecomtui.services.lookups import channel_names, owner_names
from ecomtui.services.tasks import parse_task_input
from ecomtui.services.validation import (
    InvalidInput,
    parse_choice,
    parse_date,
    parse_month,
    parse_status,
    require_text,
)


def refusal(database, **fields) -> InvalidInput:
    fields.setdefault("title", "A task")
    with database.read() as session, pytest.raises(InvalidInput) as info:
        parse_task_input(session, **fields)
    error = info.value
    assert str(error) == error.message
    assert "\n" not in error.message
    return error


@pytest.mark.parametrize("title", [None, "", "   ", "\t\n"])
def test_empty_title(database, title):
    error = refusal(database, title=title)
    assert error.field == "title"
    assert error.message == "title is required"


def test_too_long_title(database):
    error = refusal(database, title="x" * 501)
    assert error.field == "title"
    assert "501" in error.message and "500" in error.message


def test_longest_allowed_title(database):
    with database.read() as session:
        assert parse_task_input(session, title="x" * 500).title == "x" * 500


def test_bad_status(database):
    error = refusal(database, status="nope")
    assert error.field == "status"
    assert "'nope'" in error.message
    for key in ("backlog", "todo", "doing", "review", "done"):
        assert key in error.message


def test_bad_priority(database):
    error = refusal(database, priority="asap")
    assert error.field == "priority"
    assert "'asap'" in error.message
    for key in ("low", "normal", "high", "urgent"):
        assert key in error.message


@pytest.mark.parametrize(
    "typed", ["2026-13-45", "2026-02-30", "2026-11-31", "2025-02-29", "20261201", "2026-1-5", "next week", "01.12.2026"]
)
def test_impossible_or_malformed_due_date(database, typed):
    error = refusal(database, due=typed)
    assert error.field == "due"
    assert f"'{typed}'" in error.message
    assert "YYYY-MM-DD" in error.message


@pytest.mark.parametrize("typed", ["2026-13", "2026-00", "2026-1", "26-11", "2026/11", "November"])
def test_bad_sprint(database, typed):
    error = refusal(database, sprint=typed)
    assert error.field == "sprint"
    assert f"'{typed}'" in error.message
    assert "YYYY-MM" in error.message


def test_unknown_channel_lists_the_known_ones(database):
    error = refusal(database, channel="TikTok")
    assert error.field == "channel"
    assert "'TikTok'" in error.message
    for name in ("SEO", "PPC", "Paid Social", "Email", "Marketplaces", "Other"):
        assert name in error.message


def test_unknown_owner_with_no_owners_yet(database):
    error = refusal(database, owner="Bob")
    assert error.field == "owner"
    assert "'Bob'" in error.message


def test_unknown_owner_lists_the_known_ones(database):
    with database.write() as session:
        session.add(Partner(name="Acme Agency", kind="agency"))
    error = refusal(database, owner="Zeta")
    assert error.field == "owner"
    assert "'Zeta'" in error.message and "Acme Agency" in error.message


@pytest.fixture
def team(database):
    with database.write() as session:
        for name in ("Jonas Berg", "Lena Hoffmann", "Luca Romano", "Berg & Partners", "Old Agency"):
            session.add(Partner(name=name, kind="agency", archived=name == "Old Agency"))
    return database


def owner_of(database, typed):
    with database.read() as session:
        data = parse_task_input(session, title="x", owner=typed)
        return dict((i, n) for i, n in owner_names(session, include_archived=True))[data.owner_id]


@pytest.mark.parametrize(
    ("typed", "owner"),
    [("jonas", "Jonas Berg"), ("JONAS BERG", "Jonas Berg"), ("hoff", "Lena Hoffmann"), ("lena h", "Lena Hoffmann"),
     ("rom", "Luca Romano"), ("berg &", "Berg & Partners")],
)  # fmt: skip
def test_an_owner_is_found_by_a_unique_prefix_of_any_word(team, typed, owner):
    assert owner_of(team, typed) == owner


@pytest.mark.parametrize(
    ("typed", "candidates"), [("l", ["Lena Hoffmann", "Luca Romano"]), ("berg", ["Berg & Partners", "Jonas Berg"])]
)
def test_an_ambiguous_owner_is_refused_with_the_candidates(team, typed, candidates):
    error = refusal(team, owner=typed)
    assert error.field == "owner"
    assert f"'{typed}'" in error.message
    for name in candidates:
        assert name in error.message
    assert "Old Agency" not in error.message


def test_an_archived_owner_is_not_offered_for_new_tasks(team):
    error = refusal(team, owner="old")
    assert "unknown owner 'old'" in error.message


def test_an_exact_name_wins_over_longer_names_it_starts(database):
    with database.read() as session:
        social = parse_task_input(session, title="x", channel="social").channel_id
        paid = parse_task_input(session, title="x", channel="paid").channel_id
    assert dict(channel_names_of(database))[social] == "Social"
    assert dict(channel_names_of(database))[paid] == "Paid Social"


def channel_names_of(database):
    with database.read() as session:
        return channel_names(session)


@pytest.mark.parametrize(
    ("typed", "key"),
    [("doing", "doing"), ("In progress", "doing"), ("IN  PROGRESS", "doing"), ("to do", "todo"), ("Todo", "todo"),
     ("backlog", "backlog"), (" Review ", "review"), ("DONE", "done")],
)  # fmt: skip
def test_a_status_is_a_key_or_a_label(typed, key):
    assert parse_status(typed) == key


def test_a_status_refusal_names_keys_and_labels():
    with pytest.raises(InvalidInput) as info:
        parse_status("in-progress")
    assert "'in-progress'" in info.value.message and "doing" in info.value.message
    assert '"In progress"' in info.value.message


def test_first_bad_field_is_reported_title_first(database):
    error = refusal(database, title="", status="nope", due="2026-13-45")
    assert error.field == "title"


def test_case_and_spaces_do_not_matter_for_choices(database):
    with database.read() as session:
        data = parse_task_input(session, title="x", status="  DOING ", priority="Urgent", channel=" SEO ")
    assert (data.status, data.priority) == ("doing", "urgent")
    assert data.channel_id is not None


def test_empty_optional_values_mean_none(database):
    with database.read() as session:
        data = parse_task_input(
            session, title="x", status="", priority=None, channel="  ", owner="", due=" ", sprint=""
        )
    assert (data.status, data.priority) == ("todo", "normal")
    assert (data.channel_id, data.owner_id, data.due, data.sprint) == (None, None, None, None)


def test_valid_values():
    assert parse_date("2028-02-29") == date(2028, 2, 29)
    assert parse_date(" 2026-12-01 ") == date(2026, 12, 1)
    assert parse_date("") is None and parse_date(None) is None
    assert parse_month("2026-11") == "2026-11"
    assert parse_month(None) is None
    assert parse_choice("", ("a", "b"), "f", default="b") == "b"
    assert require_text("  [bold]x[/]  ", "title") == "[bold]x[/]"


def test_choice_without_default_requires_a_value():
    with pytest.raises(InvalidInput) as info:
        parse_choice("", ("a", "b"), "kind")
    assert info.value.field == "kind"


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_every_real_date_is_accepted(day):
    assert parse_date(day.isoformat(), "due") == day


@given(st.integers(1000, 9999), st.integers(1, 12))
def test_every_real_month_is_accepted(year, month):
    key = f"{year:04d}-{month:02d}"
    assert parse_month(key, "sprint") == key


@given(st.text(max_size=20))
def test_any_typed_date_is_a_date_or_a_one_line_refusal(typed):
    try:
        result = parse_date(typed, "due")
    except InvalidInput as error:
        assert error.field == "due"
        assert error.message.startswith("due: '")
    else:
        assert result is None or isinstance(result, date)


@pytest.mark.parametrize("typed", ["\uff12\uff10\uff12\uff16-\uff11\uff11", "\u0662\u0660\u0662\u0666-\u0661\u0661"])
def test_month_with_non_ascii_digits_is_refused(typed):
    with pytest.raises(InvalidInput):
        parse_month(typed, "sprint")


# ---- control characters: text is data, never terminal control --------------------------


@pytest.mark.parametrize(
    ("notes", "name"),
    [("\x1b]0;PWNED\x07\x1b[?1049l", "ESC"), ("a\x00b", "NUL"), ("bell\x07", "BEL"), ("c1\x9b", "U+009B")],
)
def test_notes_with_a_control_character_are_refused_naming_the_field(database, notes, name):
    error = refusal(database, notes=notes)
    assert error.field == "notes"
    assert error.message == f"notes contains a control character ({name}); only text, tabs and line breaks are allowed"


@pytest.mark.parametrize(("title", "name"), [("Sale \x1b[31m", "ESC"), ("two\nlines", "LF"), ("del\x7f", "DEL")])
def test_title_with_a_control_character_is_refused_naming_the_field(database, title, name):
    error = refusal(database, title=title)
    assert error.field == "title"
    assert error.message == f"title must be one line of text: it contains a control character or line break ({name})"


def test_notes_keep_line_breaks_and_tabs_and_turn_windows_line_ends_into_line_breaks(database):
    with database.read() as session:
        data = parse_task_input(session, title="t", notes="\n\nfirst\r\n\tsecond\rthird  \n")
    assert data.notes == "first\n\tsecond\nthird"


@pytest.mark.parametrize("field", ["title", "notes"])
def test_bytes_that_were_not_utf8_are_refused_naming_the_field(database, field):
    # what Python makes of an argument that was not valid UTF-8 (surrogateescape)
    error = refusal(database, **{field: "caf\udce9"})
    assert error.field == field
    assert error.message == (
        f"{field} is not valid UTF-8 text; set the terminal to UTF-8 (e.g. LANG=C.UTF-8) and try again"
    )
