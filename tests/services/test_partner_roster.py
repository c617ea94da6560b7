"""The roster's pure logic: the flags a manager acts on, on fixed days, and typed input."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ecomtui.services.partner_roster import (
    InteractionRow,
    OwnedTask,
    Partner,
    RosterFilter,
    all_services,
    build_interaction_input,
    build_partner_input,
    matches,
    notice_deadline,
    parse_services,
    partner_flags,
)
from ecomtui.services.validation import InvalidInput

TODAY = date(2026, 11, 23)


def partner(**fields) -> Partner:
    # a partner talked to yesterday, with nothing to flag, unless the test says otherwise
    values = dict(id=1, name="Rankwell SEO", kind="agency", interactions=(talk(TODAY - timedelta(days=1)),))
    values.update(fields)
    return Partner(**values)


def talk(day: date, follow_up: date | None = None, done: bool = False) -> InteractionRow:
    return InteractionRow(1, 1, day, "call", "talked", "", follow_up, done)


def keys(p: Partner, today: date = TODAY) -> list[str]:
    return [flag.key for flag in partner_flags(p, today)]


def test_a_quiet_agency_without_dates_has_no_flag():
    assert keys(partner()) == []


@pytest.mark.parametrize(
    ("end", "flagged"),
    [
        (date(2027, 1, 22), True),  # 60 days ahead: flagged
        (date(2027, 1, 23), False),  # 61 days ahead: not yet
        (TODAY, True),
        (date(2026, 10, 31), True),  # ended and still active: flagged
    ],
)
def test_contract_ending_within_60_days(end, flagged):
    assert ("contract" in keys(partner(contract_end=end))) is flagged


def test_contract_inside_its_notice_period_is_flagged_long_before_60_days():
    p = partner(contract_end=date(2027, 4, 30), notice_days=180)
    assert notice_deadline(p) == date(2026, 11, 1)
    flags = partner_flags(p, TODAY)
    assert [f.key for f in flags] == ["contract"]
    assert "notice period (180 days) has begun" in flags[0].text
    assert keys(p, date(2026, 10, 31)) == []  # the day before the notice period began


def test_follow_up_passed_is_flagged_until_done():
    p = partner(interactions=(talk(date(2026, 11, 10), follow_up=date(2026, 11, 22)),))
    assert keys(p) == ["follow_up"]
    assert keys(p, date(2026, 11, 22)) == []  # due today is not yet passed
    done = partner(interactions=(talk(date(2026, 11, 10), follow_up=date(2026, 11, 22), done=True),))
    assert keys(done) == []


def test_no_interaction_in_30_days_for_outside_partners_only():
    assert keys(partner(interactions=(talk(TODAY - timedelta(days=30)),))) == []
    assert keys(partner(interactions=(talk(TODAY - timedelta(days=31)),))) == ["quiet"]
    assert keys(partner(interactions=())) == ["quiet"]
    assert keys(partner(kind="freelancer", interactions=())) == ["quiet"]
    assert keys(partner(kind="in-house", interactions=())) == []


def test_owning_an_overdue_task_is_flagged():
    tasks = (OwnedTask(1, "Fix feed", "todo", date(2026, 11, 22)), OwnedTask(2, "Later", "todo", TODAY))
    flags = partner_flags(partner(tasks=tasks), TODAY)
    assert [(f.key, f.text) for f in flags] == [("overdue_tasks", "owns 1 overdue task")]


def test_every_flag_at_once_and_none_when_archived():
    p = partner(
        contract_end=date(2026, 12, 31),
        interactions=(talk(date(2026, 9, 1), follow_up=date(2026, 9, 10)),),
        tasks=(OwnedTask(1, "Fix feed", "doing", date(2026, 11, 1)),),
    )
    assert keys(p) == ["contract", "follow_up", "quiet", "overdue_tasks"]
    assert keys(partner(archived=True, contract_end=TODAY, interactions=())) == []


def test_partner_input_is_checked_field_by_field():
    data = build_partner_input(
        name="  Agency; Smith, & Co ", kind="Agency", services="SEO, PPC,seo", retainer="2,500.50", notice="30"
    )
    assert (data.name, data.kind, data.services, data.retainer_minor, data.notice_days) == (
        "Agency; Smith, & Co",
        "agency",
        ("SEO", "PPC"),
        250050,
        30,
    )
    for fields, field in (
        ({"kind": "vendor"}, "kind"),
        ({"retainer": "-5"}, "retainer"),
        ({"retainer": "12.345"}, "retainer"),
        ({"rating": "6"}, "rating"),
        ({"contract_start": "2027-02-01", "contract_end": "2027-01-31"}, "contract_end"),
        ({"name": "two\nlines"}, "name"),
    ):
        with pytest.raises(InvalidInput) as refused:
            build_partner_input(**{"name": "X", "kind": "agency", **fields})
        assert refused.value.field == field


def test_interaction_input_defaults_to_today_and_keeps_follow_ups_after_it():
    data = build_interaction_input(kind="CALL", summary="Budget", today=TODAY)
    assert (data.day, data.kind, data.follow_up) == (TODAY, "call", None)
    with pytest.raises(InvalidInput, match="before the interaction"):
        build_interaction_input(kind="call", summary="x", follow_up="2026-11-01", today=TODAY)
    with pytest.raises(InvalidInput, match="kind"):
        build_interaction_input(kind="lunch", summary="x", today=TODAY)


def test_filter_by_text_kind_and_service():
    seo = partner(services=("SEO", "Content"))
    ppc = partner(id=2, name="Brightlane", kind="agency", services=("PPC",))
    me = partner(id=3, name="Mia Keller", kind="in-house", services=("seo",))
    roster = [seo, ppc, me]
    assert [p.id for p in roster if matches(p, RosterFilter(service="seo"))] == [1, 3]
    assert [p.id for p in roster if matches(p, RosterFilter(kind="in-house"))] == [3]
    assert [p.id for p in roster if matches(p, RosterFilter(text="bright"))] == [2]
    assert all_services(roster) == ["Content", "PPC", "SEO"]
    assert parse_services(" SEO ,, Paid Social ") == ("SEO", "Paid Social")
