"""Task services against a real database: what the board and the command line show."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecomtui.db.models import Channel, Partner, Task
from ecomtui.services import tasks
from ecomtui.services.tasks import (
    DONE_VISIBLE_DAYS,
    count_tasks,
    create_task,
    delete_task,
    get_card,
    list_tasks,
    load_board,
    move_task,
    parse_task_input,
    update_task,
)
from ecomtui.services.validation import InvalidInput

TODAY = date(2026, 11, 23)


def add(database, **fields):
    with database.write() as session:
        return create_task(session, parse_task_input(session, **fields))


def card(database, task_id):
    with database.read() as session:
        return get_card(session, task_id)


def done_at(database, task_id):
    with database.read() as session:
        return session.get(Task, task_id).done_at


def move(database, task_id, status):
    with database.write() as session:
        move_task(session, task_id, status)


@pytest.fixture
def frozen_now(monkeypatch):
    """Control the moment the task services stamp (``done_at``, ``updated_at``)."""
    moment = {"value": datetime(2026, 11, 23, 10, 0, tzinfo=UTC)}
    monkeypatch.setattr(tasks, "now", lambda: moment["value"])
    return moment


@pytest.fixture
def acme(database):
    with database.write() as session:
        session.add(Partner(name="Acme Agency", kind="agency"))
        session.add(Partner(name="Jo Freelance", kind="freelancer"))


def test_create_round_trip(database, acme):
    created = add(
        database,
        title="Fix [bold]checkout[/] 🛒 עברית",
        status="doing",
        priority="urgent",
        channel="paid social",
        owner="ACME agency",
        due="2026-12-01",
        sprint="2026-12",
        notes="  line one\nline [red]two[/]  ",
    )
    shown = card(database, created.id)
    assert shown == created
    assert shown.title == "Fix [bold]checkout[/] 🛒 עברית"
    assert shown.status == "doing"
    assert shown.priority == "urgent"
    assert shown.channel == "Paid Social"
    assert shown.owner == "Acme Agency"
    assert shown.due == date(2026, 12, 1)
    assert shown.sprint == "2026-12"
    assert shown.notes == "  line one\nline [red]two[/]"  # indentation kept, trailing space dropped
    assert shown.as_json() == {
        "id": created.id,
        "title": "Fix [bold]checkout[/] 🛒 עברית",
        "status": "doing",
        "channel": "Paid Social",
        "owner": "Acme Agency",
        "priority": "urgent",
        "due": "2026-12-01",
        "sprint": "2026-12",
    }


def test_defaults_for_a_bare_task(database):
    created = add(database, title="  Write newsletter  ")
    assert (created.title, created.status, created.priority) == ("Write newsletter", "todo", "normal")
    assert (created.channel, created.owner, created.due, created.sprint, created.notes) == (None, None, None, None, "")
    assert done_at(database, created.id) is None


@pytest.mark.parametrize("typed", ["ppc", "PPC", "Ppc", "  pPc  "])
def test_channel_matched_case_insensitively(database, typed):
    assert add(database, title="Bids", channel=typed).channel == "PPC"


def test_update_round_trip(database, acme):
    created = add(database, title="Draft", channel="seo", owner="acme agency", due="2026-11-30")
    with database.write() as session:
        updated = update_task(
            session,
            created.id,
            parse_task_input(
                session,
                title="Final 😀",
                status="review",
                priority="low",
                channel="EMAIL",
                owner="jo freelance",
                due="2027-01-15",
                sprint="2027-01",
                notes="ready",
            ),
        )
    assert updated.id == created.id
    assert card(database, created.id) == updated
    assert (updated.title, updated.status, updated.priority, updated.channel, updated.owner) == (
        "Final 😀",
        "review",
        "low",
        "Email",
        "Jo Freelance",
    )
    assert (updated.due, updated.sprint, updated.notes) == (date(2027, 1, 15), "2027-01", "ready")


def test_update_can_clear_optional_fields(database, acme):
    created = add(database, title="Draft", channel="seo", owner="acme agency", due="2026-11-30", sprint="2026-11")
    with database.write() as session:
        updated = update_task(session, created.id, parse_task_input(session, title="Draft"))
    assert (updated.channel, updated.owner, updated.due, updated.sprint) == (None, None, None, None)


def test_update_of_deleted_task_is_refused(database):
    created = add(database, title="gone soon")
    with database.write() as session:
        delete_task(session, created.id)
    with pytest.raises(InvalidInput, match="no longer exists"), database.write() as session:
        update_task(session, created.id, parse_task_input(session, title="again"))


def test_move_round_trip(database):
    created = add(database, title="Move me")
    for status in ("backlog", "doing", "review", "todo"):
        move(database, created.id, status)
        assert card(database, created.id).status == status


def test_move_to_unknown_status_is_refused_and_changes_nothing(database):
    created = add(database, title="Stay", status="doing")
    with pytest.raises(InvalidInput) as info:
        move(database, created.id, "archived")
    assert info.value.field == "status"
    assert "archived" in info.value.message
    assert card(database, created.id).status == "doing"


def test_move_of_deleted_task_is_refused(database):
    created = add(database, title="Deleted elsewhere")
    with database.write() as session:
        delete_task(session, created.id)
    with pytest.raises(InvalidInput, match="no longer exists"):
        move(database, created.id, "done")


def test_done_at_set_when_moved_to_done_and_cleared_when_moved_out(database, frozen_now):
    created = add(database, title="Ship it", status="review")
    assert done_at(database, created.id) is None

    frozen_now["value"] = datetime(2026, 11, 20, 8, 30, tzinfo=UTC)
    move(database, created.id, "done")
    assert done_at(database, created.id).replace(tzinfo=UTC) == frozen_now["value"]

    move(database, created.id, "doing")
    assert done_at(database, created.id) is None


def test_done_at_kept_when_done_task_is_moved_to_done_again(database, frozen_now):
    created = add(database, title="Finished")
    first = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
    frozen_now["value"] = first
    move(database, created.id, "done")
    frozen_now["value"] = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    move(database, created.id, "done")
    with database.write() as session:
        update_task(session, created.id, parse_task_input(session, title="Finished, renamed", status="done"))
    assert done_at(database, created.id).replace(tzinfo=UTC) == first


def test_done_at_set_when_created_or_edited_as_done(database):
    created = add(database, title="Already done", status="done")
    assert done_at(database, created.id) is not None
    other = add(database, title="Edited to done")
    with database.write() as session:
        update_task(session, other.id, parse_task_input(session, title="Edited to done", status="done"))
    assert done_at(database, other.id) is not None
    with database.write() as session:
        update_task(session, other.id, parse_task_input(session, title="Edited back", status="todo"))
    assert done_at(database, other.id) is None


def test_delete_round_trip(database):
    keep = add(database, title="Keep")
    drop = add(database, title="Drop")
    with database.write() as session:
        delete_task(session, drop.id)
    assert card(database, drop.id) is None
    with database.read() as session:
        assert [c.id for c in list_tasks(session)] == [keep.id]
        assert [c.id for c in load_board(session, TODAY)] == [keep.id]
        assert count_tasks(session) == 1


def test_load_board_hides_done_tasks_older_than_30_days(database, frozen_now):
    ages = {"done 45 days ago": 45, "done 31 days ago": 31, "done 29 days ago": 29, "done yesterday": 1}
    for title, days in ages.items():
        created = add(database, title=title)
        frozen_now["value"] = datetime(2026, 11, 23, 12, 0, tzinfo=UTC) - timedelta(days=days)
        move(database, created.id, "done")
    # an open task is shown however old it is
    frozen_now["value"] = datetime(2025, 1, 1, tzinfo=UTC)
    add(database, title="open since last year", status="backlog")

    with database.read() as session:
        board = {c.title for c in load_board(session, TODAY)}
        listed = {c.title for c in list_tasks(session)}
        done_listed = {c.title for c in list_tasks(session, "done")}
    assert board == {"done 29 days ago", "done yesterday", "open since last year"}
    assert listed == set(ages) | {"open since last year"}
    assert done_listed == set(ages)
    assert DONE_VISIBLE_DAYS == 30


def test_done_task_reappears_on_board_when_reopened(database, frozen_now):
    created = add(database, title="Old win")
    frozen_now["value"] = datetime(2026, 8, 1, tzinfo=UTC)
    move(database, created.id, "done")
    with database.read() as session:
        assert load_board(session, TODAY) == []
    move(database, created.id, "todo")
    with database.read() as session:
        assert [c.title for c in load_board(session, TODAY)] == ["Old win"]


def test_board_and_list_are_in_board_order(database):
    add(database, title="no date, low", priority="low")
    add(database, title="late", due="2026-12-20")
    add(database, title="soon, normal", due="2026-11-25")
    add(database, title="soon, urgent", due="2026-11-25", priority="urgent")
    add(database, title="no date, high", priority="high")
    expected = ["soon, urgent", "soon, normal", "late", "no date, high", "no date, low"]
    with database.read() as session:
        assert [c.title for c in load_board(session, TODAY)] == expected
        assert [c.title for c in list_tasks(session)] == expected


def test_list_tasks_filters_by_status(database):
    add(database, title="a", status="doing")
    add(database, title="b", status="todo")
    add(database, title="c", status="doing")
    with database.read() as session:
        assert sorted(c.title for c in list_tasks(session, "doing")) == ["a", "c"]
        assert [c.title for c in list_tasks(session, "review")] == []
        assert len(list_tasks(session)) == 3


def test_unknown_channel_or_owner_creates_nothing(database, acme):
    for fields in ({"channel": "TikTok"}, {"owner": "Nobody"}):
        with pytest.raises(InvalidInput):
            add(database, title="should not exist", **fields)
    with database.read() as session:
        assert count_tasks(session) == 0


def test_user_added_channel_can_be_used(database):
    with database.write() as session:
        session.add(Channel(name="Retail Media", position=20))
    assert add(database, title="Amazon ads", channel="retail media").channel == "Retail Media"


def test_overdue_means_past_due_and_not_done(database):
    late = add(database, title="late", due="2026-11-20")
    today_due = add(database, title="today", due="2026-11-23")
    finished = add(database, title="finished late", due="2026-11-01", status="done")
    undated = add(database, title="undated")
    assert late.is_overdue(TODAY)
    assert not today_due.is_overdue(TODAY)
    assert not finished.is_overdue(TODAY)
    assert not undated.is_overdue(TODAY)


# any one-line text: control characters (line breaks, tabs, escapes) are refused by design
titles = st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=60).filter(lambda t: t.strip())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=titles)
def test_any_title_is_stored_exactly_as_typed(database, title):
    created = add(database, title=title)
    with database.read() as session:
        assert get_card(session, created.id).title == title.strip()
        assert {c.title for c in list_tasks(session)} >= {title.strip()}


@pytest.mark.parametrize("typed", ["Émilie Dubois", "émilie dubois"])
def test_owner_with_non_ascii_capital_is_found(database, typed):
    with database.write() as session:
        session.add(Partner(name="Émilie Dubois", kind="freelancer"))
    assert add(database, title="Shoot lookbook", owner=typed).owner == "Émilie Dubois"


def test_user_channel_with_non_ascii_capital_is_found(database):
    with database.write() as session:
        session.add(Channel(name="Ökologie", position=20))
    assert add(database, title="Green week", channel="Ökologie").channel == "Ökologie"


# ---- changes of some fields, list filters, bringing tasks back --------------------------


def change(database, task_id, **changes):
    with database.write() as session:
        current = tasks.require_card(session, task_id)
        return update_task(session, task_id, tasks.parse_task_changes(session, current, changes))


def test_changes_touch_only_the_given_fields(database, acme):
    created = add(database, title="Brief", channel="PPC", owner="acme", due="2026-12-01", sprint="2026-11", notes="n")
    edited = change(database, created.id, status="In progress", due=None)
    assert (edited.title, edited.status, edited.channel, edited.owner, edited.due, edited.sprint, edited.notes) == (
        "Brief", "doing", "PPC", "Acme Agency", None, "2026-11", "n"
    )  # fmt: skip


def test_a_bad_change_is_refused_and_changes_nothing(database):
    created = add(database, title="Brief", due="2026-12-01")
    for changes in ({"due": "2026-13-45"}, {"title": " "}, {"status": "later"}, {"owner": "nobody"}):
        with pytest.raises(InvalidInput):
            change(database, created.id, **changes)
    assert card(database, created.id) == created


def test_a_missing_task_is_refused_in_one_line(database):
    with database.read() as session, pytest.raises(InvalidInput) as info:
        tasks.require_card(session, 404)
    assert info.value.message == "task 404 does not exist"


def test_list_filters_combine(database, acme):
    add(database, title="a", channel="PPC", owner="acme", sprint="2026-11", due="2026-11-20")
    add(database, title="b", channel="PPC", owner="jo", sprint="2026-11", due="2026-11-20")
    add(database, title="c", channel="SEO", owner="acme", sprint="2026-12")
    add(database, title="d", channel="PPC", owner="acme", sprint="2026-11", due="2026-11-01", status="done")
    with database.read() as session:
        ppc = tasks.find_channel(session, "ppc")
        acme_id = tasks.find_owner(session, "acme")

        def titles(**criteria):
            return sorted(c.title for c in list_tasks(session, **criteria))

        assert titles(channel_id=ppc) == ["a", "b", "d"]
        assert titles(channel_id=ppc, owner_id=acme_id) == ["a", "d"]
        assert titles(sprint="2026-12") == ["c"]
        assert titles(overdue_on=TODAY) == ["a", "b"]
        assert titles(overdue_on=TODAY, owner_id=acme_id) == ["a"]


def test_done_lists_the_last_finished_first(database, frozen_now):
    first = add(database, title="first", status="done")
    frozen_now["value"] += timedelta(hours=1)
    second = add(database, title="second", status="done")
    move(database, first.id, "review")
    frozen_now["value"] += timedelta(hours=1)
    move(database, first.id, "done")
    with database.read() as session:
        assert [c.title for c in load_board(session, TODAY) if c.status == "done"] == ["first", "second"]
    assert second.done_at < card(database, first.id).done_at


def test_a_deleted_task_comes_back_with_its_id_notes_and_dates(database, acme, frozen_now):
    created = add(database, title="Keep me", notes="two\nlines", owner="acme", due="2026-12-01", status="done")
    frozen_now["value"] += timedelta(days=2)
    with database.write() as session:
        row = delete_task(session, created.id)
    assert card(database, created.id) is None
    with database.write() as session:
        back = tasks.restore_task(session, row)
    assert back == created
    with database.read() as session:
        assert tasks.task_row(session, created.id) == row


def test_a_deleted_task_whose_id_was_taken_comes_back_under_a_new_id(database):
    created = add(database, title="Gone")
    with database.write() as session:
        row = delete_task(session, created.id)
        session.execute(Task.__table__.insert().values({**row, "title": "Squatter"}))
        back = tasks.restore_task(session, row)
    assert back.id != created.id and back.title == "Gone"


def test_undoing_a_move_puts_back_the_status_and_completion_time(database, frozen_now):
    created = add(database, title="Ship", status="done")
    frozen_now["value"] += timedelta(days=1)
    move(database, created.id, "review")
    with database.write() as session:
        back = tasks.put_back_status(session, created.id, "done", created.done_at)
    assert (back.status, back.done_at) == ("done", created.done_at)
