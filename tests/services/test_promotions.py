"""Promotions in the store: typed input, saving, conflict-safe edits, the iCalendar identity, settings."""

from __future__ import annotations

from datetime import date

import pytest

from ecomtui.services import promotion_queries, promotions
from ecomtui.services.promotion_data import (
    Promotion,
    PromotionFilter,
    build_promotion_input,
    parse_amount,
    parse_discount,
    promotion_matcher,
)
from ecomtui.services.validation import InvalidInput
from ecomtui.services.versioning import Conflict, Gone


def add(conn, name="Black Week", start="2026-11-23", end="2026-11-30", **fields):
    data = promotions.parse_promotion_input(conn, name=name, start=start, end=end, **fields)
    return promotions.create_promotion(conn, data)


# ---- typed input -------------------------------------------------------------------------


def test_end_before_start_is_refused_naming_the_end():
    with pytest.raises(InvalidInput, match="before the start") as refused:
        build_promotion_input(name="X", start="2026-11-20", end="2026-11-10")
    assert refused.value.field == "end"


@pytest.mark.parametrize("status", ["Live", "LIVE", " live "])
def test_statuses_by_key_or_label_any_case(status):
    assert build_promotion_input(name="X", start="2026-11-20", end="2026-11-20", status=status).status == "live"


def test_an_unknown_status_lists_the_known_ones():
    with pytest.raises(InvalidInput, match="idea, planned, live, done, cancelled"):
        build_promotion_input(name="X", start="2026-11-20", end="2026-11-20", status="running")


def test_kinds_by_key_or_label():
    for typed in ("free shipping", "Free-Shipping", "free_shipping"):
        assert build_promotion_input(name="X", start="2026-11-20", end="2026-11-20", kind=typed).kind == "free_shipping"


@pytest.mark.parametrize(
    ("typed", "minor"), [("1500", 150000), ("1,500.00", 150000), ("12,50", 1250), ("€ 20", 2000), ("20 EUR", 2000)]
)
def test_amounts(typed, minor):
    assert parse_amount(typed, "budget") == minor


@pytest.mark.parametrize("typed", ["-5", "1.234", "abc", "1e5"])
def test_bad_amounts(typed):
    with pytest.raises(InvalidInput, match="budget"):
        parse_amount(typed, "budget")


def test_discount_is_a_percent_or_an_amount_off():
    assert parse_discount("15") == (1500, None)
    assert parse_discount("12.5%") == (1250, None)
    assert parse_discount("10 EUR") == (None, 1000)
    with pytest.raises(InvalidInput, match="percent above 0"):
        parse_discount("120%")


def test_a_code_is_one_word():
    with pytest.raises(InvalidInput, match="one word"):
        build_promotion_input(name="X", start="2026-11-20", end="2026-11-20", code="SAVE 20")


def test_filter_words_channel_and_status():
    p = Promotion(
        id=1,
        name="Black Week",
        start=date(2026, 11, 20),
        end=date(2026, 11, 30),
        channels=("PPC", "Email"),
        code="BW20",
    )
    assert promotion_matcher(PromotionFilter("week bw20"))(p)
    assert promotion_matcher(PromotionFilter("channel:em"))(p)
    assert not promotion_matcher(PromotionFilter("channel:seo"))(p)
    assert promotion_matcher(PromotionFilter("status:plan"))(p)
    assert not promotion_matcher(PromotionFilter("", status="live"))(p)


# ---- the store ------------------------------------------------------------------------------


def test_a_promotion_is_stored_with_its_channels_owner_and_a_uid(database):
    with database.transaction() as conn:
        record = add(
            conn, channels=["ppc", "Email"], code="BW20", discount="20%", budget="1,500", revenue_target="9000"
        )
    assert record.channels == ("PPC", "Email")
    assert record.discount_pct == 2000 and record.budget_minor == 150000 and record.revenue_target_minor == 900000
    assert record.uid.endswith("@ecomtui") and record.sequence == 0
    with database.connect() as conn:
        assert promotion_queries.load_promotions(conn) == [record]


def test_an_unknown_channel_is_refused_with_the_known_ones(database):
    with pytest.raises(InvalidInput, match=r"unknown channel 'TV'.*PPC"), database.transaction() as conn:
        add(conn, channels=["TV"])
    with database.connect() as conn:
        assert promotion_queries.load_promotions(conn) == []


def test_every_edit_advances_the_icalendar_sequence_and_keeps_the_uid(database):
    with database.transaction() as conn:
        record = add(conn)
        data = promotions.input_of(record)
        edited = promotions.update_promotion(conn, record.id, data, expected_version=record.version)
        again = promotions.update_promotion(conn, record.id, data, expected_version=edited.version)
    assert (edited.sequence, again.sequence) == (1, 2)
    assert again.uid == record.uid
    assert again.modified_at >= record.modified_at


def test_a_stale_edit_is_refused_with_the_current_promotion(database):
    with database.transaction() as conn:
        record = add(conn)
        promotions.update_promotion(conn, record.id, promotions.input_of(record), expected_version=record.version)
    with pytest.raises(Conflict) as refused, database.transaction() as conn:
        promotions.update_promotion(conn, record.id, promotions.input_of(record), expected_version=record.version)
    assert refused.value.current.version == record.version + 1


def test_a_deleted_promotion_is_gone_and_its_tasks_stay_unlinked(database):
    from sqlalchemy import update

    from ecomtui.db.tables import task
    from ecomtui.services import tasks

    with database.transaction() as conn:
        record = add(conn)
        card = tasks.create_task(conn, tasks.parse_task_input(conn, title="Banner"))
        conn.execute(update(task).where(task.c.id == card.id).values(promotion_id=record.id))
    with database.connect() as conn:
        assert promotion_queries.get_promotion(conn, record.id).task_count == 1
        assert [t.title for t in promotion_queries.linked_tasks(conn, record.id)] == ["Banner"]
    with database.transaction() as conn:
        promotions.delete_promotion(conn, record.id, expected_version=record.version)
    with database.connect() as conn:
        assert promotion_queries.get_promotion(conn, record.id) is None
        assert tasks.get_card(conn, card.id).promotion_id is None
    with pytest.raises(Gone), database.transaction() as conn:
        promotions.delete_promotion(conn, record.id, expected_version=record.version)


def test_listing_by_range_takes_the_promotions_running_in_it(database):
    with database.transaction() as conn:
        add(conn, name="Nov", start="2026-11-01", end="2026-11-10")
        add(conn, name="Across", start="2026-11-28", end="2026-12-03")
        add(conn, name="Dec", start="2026-12-10", end="2026-12-12")
    with database.connect() as conn:
        names = [p.name for p in promotion_queries.list_promotions(conn, date(2026, 12, 1), date(2026, 12, 10))]
    assert names == ["Across", "Dec"]


def test_settings_country_from_locale_until_set(database, monkeypatch):
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    with database.connect() as conn:
        settings = promotion_queries.calendar_settings(conn)
    assert (settings.country, settings.country_source, settings.cutoff) == ("FR", "locale", "12-18")
    with database.transaction() as conn:
        promotions.set_calendar_settings(conn, country="gb", cutoff="12-20")
    with database.connect() as conn:
        settings = promotion_queries.calendar_settings(conn)
    assert (settings.country, settings.country_source, settings.cutoff) == ("GB", "settings", "12-20")
    with database.transaction() as conn:
        promotions.set_calendar_settings(conn, cutoff="none")
    with database.connect() as conn:
        assert promotion_queries.calendar_settings(conn).cutoff == ""
