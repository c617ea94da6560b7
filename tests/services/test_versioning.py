"""Conflict-safe writes: a save based on a stale copy changes nothing and says what is stored now."""

from __future__ import annotations

import pytest

from ecomtui.services import tasks
from ecomtui.services.versioning import Conflict, Gone


def _add(conn, title="Brief agency", **fields):
    return tasks.create_task(conn, tasks.parse_task_input(conn, title=title, **fields))


def test_each_save_advances_the_version(database):
    with database.transaction() as conn:
        card = _add(conn)
        assert card.version == 1
        edited = tasks.update_task(conn, card.id, tasks.parse_task_input(conn, title="Brief"), expected_version=1)
        assert edited.version == 2
        assert tasks.move_task(conn, card.id, "doing", expected_version=2) == 3


def test_a_stale_edit_is_refused_with_the_stored_task(database):
    with database.transaction() as conn:
        card = _add(conn, notes="theirs")
        tasks.move_task(conn, card.id, "review")  # someone else, meanwhile
    with pytest.raises(Conflict) as info, database.transaction() as conn:
        tasks.update_task(conn, card.id, tasks.parse_task_input(conn, title="Mine"), expected_version=card.version)
    assert info.value.current.status == "review" and info.value.current.title == "Brief agency"
    with database.connect() as conn:
        stored = tasks.get_card(conn, card.id)
    assert (stored.title, stored.status, stored.notes) == ("Brief agency", "review", "theirs")


@pytest.mark.parametrize("write", ["move", "delete"])
def test_a_stale_move_or_delete_is_refused(database, write):
    with database.transaction() as conn:
        card = _add(conn)
        tasks.update_task(conn, card.id, tasks.parse_task_input(conn, title="Renamed elsewhere"))
    with pytest.raises(Conflict), database.transaction() as conn:
        if write == "move":
            tasks.move_task(conn, card.id, "done", expected_version=card.version)
        else:
            tasks.delete_task(conn, card.id, expected_version=card.version)
    with database.connect() as conn:
        stored = tasks.get_card(conn, card.id)
    assert stored is not None and stored.status == "todo" and stored.title == "Renamed elsewhere"


def test_a_task_deleted_meanwhile_is_gone_not_recreated(database):
    with database.transaction() as conn:
        card = _add(conn)
        tasks.delete_task(conn, card.id)
    with pytest.raises(Gone) as info, database.transaction() as conn:
        tasks.update_task(conn, card.id, tasks.parse_task_input(conn, title="Mine"), expected_version=card.version)
    assert "deleted elsewhere" in info.value.message
    with database.connect() as conn:
        assert tasks.list_tasks(conn) == []


def test_a_save_that_names_no_version_overwrites_knowingly(database):
    with database.transaction() as conn:
        card = _add(conn)
        tasks.move_task(conn, card.id, "doing")
        saved = tasks.update_task(conn, card.id, tasks.parse_task_input(conn, title="Mine", status="todo"))
    assert (saved.title, saved.status, saved.version) == ("Mine", "todo", 3)
