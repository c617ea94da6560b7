"""Partners in the store: writes, conflicts, the roster read, owners for the board.

Uses the ``database`` fixture only, with no SQLite-only SQL, so it holds on
PostgreSQL as well.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import insert, select

from ecomtui.db.tables import expense, interaction, task
from ecomtui.services import lookups, partners, tasks
from ecomtui.services.partner_queries import get_partner, load_roster
from ecomtui.services.partner_roster import (
    build_contact_input,
    build_interaction_input,
    build_partner_input,
    partner_flags,
)
from ecomtui.services.validation import InvalidInput
from ecomtui.services.versioning import Conflict, Gone

TODAY = date(2026, 11, 23)


def add(conn, name, kind="agency", **fields):
    contacts = fields.pop("contacts", ())
    data = build_partner_input(name=name, kind=kind, contacts=contacts, **fields)
    return partners.create_partner(conn, data, TODAY)


def add_task(conn, title, owner, due=None, status="todo"):
    data = tasks.parse_task_input(conn, title=title, owner=owner, due=due, status=status)
    return tasks.create_task(conn, data)


def test_a_partner_is_stored_with_services_in_order_and_contacts(database):
    with database.transaction() as conn:
        created = add(
            conn,
            "Agency; Smith, & Co",
            services="SEO, PPC",
            retainer="2500",
            contract_end="2027-01-31",
            notice="30",
            contacts=(build_contact_input("Zoë Ñúñez", "Lead", "a@b.co", "+49 30 1"),),
        )
    with database.connect() as conn:
        stored = get_partner(conn, created.id, TODAY)
    assert stored.as_json() == {
        "id": created.id,
        "name": "Agency; Smith, & Co",
        "kind": "agency",
        "services": ["SEO", "PPC"],
        "contacts": [{"name": "Zoë Ñúñez", "email": "a@b.co", "phone": "+49 30 1"}],
        "retainer": 2500.0,
        "contract_end": "2027-01-31",
    }
    assert (stored.notice_days, stored.contacts[0].role) == (30, "Lead")


def test_two_partners_cannot_share_a_name(database):
    with database.transaction() as conn:
        add(conn, "Rankwell SEO")
    with pytest.raises(InvalidInput, match="exists already"), database.transaction() as conn:
        add(conn, "rankwell seo")


def test_an_edit_based_on_a_stale_copy_is_refused_with_theirs(database):
    with database.transaction() as conn:
        seen = add(conn, "Rankwell SEO", services="SEO")
    with database.transaction() as conn:  # someone else renames it meanwhile
        partners.update_partner(conn, seen.id, build_partner_input(name="Rankwell", kind="agency"), TODAY)
    mine = build_partner_input(name="Rankwell SEO GmbH", kind="agency")
    with pytest.raises(Conflict) as refused, database.transaction() as conn:
        partners.update_partner(conn, seen.id, mine, TODAY, expected_version=seen.version)
    assert refused.value.current.name == "Rankwell"
    with database.connect() as conn:
        assert get_partner(conn, seen.id, TODAY).name == "Rankwell"


def test_contacts_are_edited_added_and_removed_in_one_save(database):
    with database.transaction() as conn:
        seen = add(
            conn,
            "Brightlane",
            contacts=(build_contact_input("Tom", email="tom@b.example"), build_contact_input("Aylin")),
        )
    tom, aylin = seen.contacts
    edited = (
        build_contact_input("Tom Reinhardt", "Director", "tom@b.example", id=tom.id),
        build_contact_input("Jan", email="jan@b.example"),
    )
    data = build_partner_input(name="Brightlane", kind="agency", contacts=edited)
    with database.transaction() as conn:
        saved = partners.update_partner(conn, seen.id, data, TODAY, expected_version=seen.version)
    assert [(c.name, c.role, c.email) for c in saved.contacts] == [
        ("Tom Reinhardt", "Director", "tom@b.example"),
        ("Jan", "", "jan@b.example"),
    ]
    assert saved.contacts[0].id == tom.id
    assert "Aylin" not in {c.name for c in saved.contacts} and aylin.name == "Aylin"


def test_archived_partners_own_no_new_tasks_but_keep_theirs(database):
    with database.transaction() as conn:
        old = add(conn, "Clickforge Media")
        add(conn, "Brightlane Digital")
        card = add_task(conn, "Pause campaigns", "Clickforge Media")
        partners.set_archived(conn, old.id, True, TODAY)
    with database.connect() as conn:
        assert [name for _, name in lookups.owner_names(conn)] == ["Brightlane Digital"]
        assert tasks.get_card(conn, card.id).owner == "Clickforge Media"
        with pytest.raises(InvalidInput):
            lookups.find_owner(conn, "clickforge")


def test_the_roster_counts_tasks_spend_and_what_depends_on_a_partner(database):
    with database.transaction() as conn:
        agency = add(conn, "Brightlane Digital", services="PPC")
        add_task(conn, "Fix feed", "Brightlane Digital", due="2026-11-20")
        add_task(conn, "Plan Q1", "Brightlane Digital", due="2026-12-05")
        add_task(conn, "Old work", "Brightlane Digital", status="done")
        channel_id = lookups.find_channel(conn, "PPC")
        for day, cents in ((date(2026, 11, 2), 480000), (date(2026, 10, 1), 480000), (date(2025, 12, 1), 99)):
            conn.execute(
                insert(expense).values(
                    day=day, amount_minor=cents, channel_id=channel_id, partner_id=agency.id, note="", source="manual"
                )
            )
    with database.connect() as conn:
        (stored,) = load_roster(conn, TODAY)
    assert [t.title for t in stored.tasks] == ["Fix feed", "Plan Q1"]
    assert (stored.task_count, stored.expense_count) == (3, 3)
    assert (stored.spend_month_minor, stored.spend_year_minor) == (480000, 960000)
    assert [f.key for f in partner_flags(stored, TODAY)] == ["quiet", "overdue_tasks"]


def test_logging_an_interaction_clears_earlier_follow_ups(database):
    with database.transaction() as conn:
        agency = add(conn, "Rankwell SEO")
        first = build_interaction_input(
            kind="call", summary="Offer", day="2026-11-01", next_step="Compare", follow_up="2026-11-10", today=TODAY
        )
        partners.log_interaction(conn, agency.id, first)
    with database.connect() as conn:
        before = get_partner(conn, agency.id, TODAY)
    assert [f.key for f in partner_flags(before, TODAY)] == ["follow_up"]
    with database.transaction() as conn:
        later = build_interaction_input(
            kind="meeting", summary="Signed", next_step="Kick-off", follow_up="2026-12-01", today=TODAY
        )
        partners.log_interaction(conn, agency.id, later)
    with database.connect() as conn:
        after = get_partner(conn, agency.id, TODAY)
        done = conn.execute(select(interaction.c.follow_up_done).order_by(interaction.c.day)).scalars().all()
    assert partner_flags(after, TODAY) == []
    assert done == [True, False]
    assert [(i.day, i.kind, i.next_step) for i in after.interactions] == [
        (TODAY, "meeting", "Kick-off"),
        (date(2026, 11, 1), "call", "Compare"),
    ]
    assert after.version == agency.version  # a log entry never upsets an open edit


def test_deleting_a_partner_unlinks_its_tasks_and_expenses(database):
    with database.transaction() as conn:
        agency = add(conn, "Brightlane Digital", contacts=(build_contact_input("Tom"),))
        card = add_task(conn, "Fix feed", "Brightlane Digital")
        channel_id = lookups.find_channel(conn, "PPC")
        conn.execute(
            insert(expense).values(
                day=TODAY, amount_minor=100, channel_id=channel_id, partner_id=agency.id, note="", source="manual"
            )
        )
        partners.delete_partner(conn, agency.id, TODAY, expected_version=agency.version)
    with database.connect() as conn:
        assert load_roster(conn, TODAY) == []
        assert conn.execute(select(task.c.owner_id).where(task.c.id == card.id)).scalar() is None
        assert conn.execute(select(expense.c.partner_id)).scalar() is None
    with pytest.raises(Gone), database.transaction() as conn:
        partners.log_interaction(conn, agency.id, build_interaction_input(kind="call", summary="x", today=TODAY))


def test_partner_names_match_like_owners(database):
    with database.transaction() as conn:
        add(conn, "Brightlane Digital")
        add(conn, "Brightwave Studio")
        add(conn, "Mia Keller", kind="in-house")
    with database.connect() as conn:
        assert partners.find_partner(conn, "keller") == partners.find_partner(conn, "MIA")
        with pytest.raises(InvalidInput, match="could be Brightlane Digital, Brightwave Studio"):
            partners.find_partner(conn, "bright")
        with pytest.raises(InvalidInput, match="unknown partner 'zeta'"):
            partners.find_partner(conn, "zeta")


def test_task_timestamps_are_untouched_by_partner_reads(database):
    # reading the roster never writes: the board's change signal stays quiet
    with database.transaction() as conn:
        add(conn, "Rankwell SEO")
        card = add_task(conn, "Audit", "Rankwell SEO")
    with database.connect() as conn:
        before = conn.execute(select(task.c.updated_at).where(task.c.id == card.id)).scalar()
        load_roster(conn, TODAY)
        after = conn.execute(select(task.c.updated_at).where(task.c.id == card.id)).scalar()
    assert before == after and before <= datetime.now(UTC)
