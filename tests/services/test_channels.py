"""Channels are the user's: added, renamed, reordered, coloured, retired and restored."""

from __future__ import annotations

import pytest

from ecomtui.services import channels, tasks
from ecomtui.services.channel_colours import PALETTE, next_colour, parse_colour
from ecomtui.services.lookups import channel_names
from ecomtui.services.validation import InvalidInput
from ecomtui.vocabulary import SEED_CHANNELS


def write(database, fn, *args):
    with database.transaction() as conn:
        return fn(conn, *args)


def names(database, *, offered=False):
    with database.connect() as conn:
        if offered:
            return [n for _, n in channel_names(conn)]
        return [c.name for c in channels.list_channels(conn)]


def test_seeded_channels_have_distinct_palette_colours(database):
    with database.connect() as conn:
        rows = channels.list_channels(conn)
    assert [c.name for c in rows] == list(SEED_CHANNELS)
    assert len({c.colour for c in rows}) == len(rows)
    assert {c.colour for c in rows} <= set(PALETTE.values())


def test_added_channel_comes_last_with_a_free_colour(database):
    added = write(database, channels.add_channel, "TikTok")
    assert names(database)[-1] == "TikTok"
    with database.connect() as conn:
        others = {c.colour for c in channels.list_channels(conn) if c.id != added.id}
    assert added.colour not in others
    assert write(database, channels.add_channel, "Podcasts", "#ABCDEF").colour == "#abcdef"


@pytest.mark.parametrize("name", ["seo", "  SEO ", "Paid social"])
def test_a_name_taken_ignoring_case_is_refused(database, name):
    with pytest.raises(InvalidInput) as info:
        write(database, channels.add_channel, name)
    assert info.value.field == "name" and "already" in info.value.message
    assert names(database) == list(SEED_CHANNELS)


@pytest.mark.parametrize("name", ["", "  ", "two\nlines", "x" * 81])
def test_a_bad_name_is_refused(database, name):
    with pytest.raises(InvalidInput):
        write(database, channels.add_channel, name)
    assert names(database) == list(SEED_CHANNELS)


def test_renaming_keeps_the_tasks(database):
    with database.transaction() as conn:
        card = tasks.create_task(conn, tasks.parse_task_input(conn, title="Mail", channel="email"))
        channels.rename_channel(conn, card.channel_id, "E-mail & CRM")
    with database.connect() as conn:
        assert tasks.get_card(conn, card.id).channel == "E-mail & CRM"
    with pytest.raises(InvalidInput):
        write(database, channels.rename_channel, card.channel_id, "SEO")
    write(database, channels.rename_channel, card.channel_id, "e-mail & crm")  # its own name in another case
    assert "e-mail & crm" in names(database)


def test_a_retired_channel_stays_on_its_tasks_but_is_not_offered(database):
    with database.transaction() as conn:
        card = tasks.create_task(conn, tasks.parse_task_input(conn, title="Coupons", channel="affiliate"))
        channels.set_retired(conn, card.channel_id)
    assert "Affiliate" not in names(database, offered=True)
    assert "Affiliate" in names(database)
    with database.connect() as conn:
        assert tasks.get_card(conn, card.id).channel == "Affiliate"
        with pytest.raises(InvalidInput) as info:
            tasks.parse_task_input(conn, title="new", channel="affiliate")
        assert "retired" in info.value.message
        assert tasks.find_channel(conn, "aff", include_retired=True) == card.channel_id
        # editing another field keeps the retired channel
        kept = tasks.parse_task_changes(conn, tasks.get_card(conn, card.id), {"title": "Coupons Q1"})
    assert kept.channel_id == card.channel_id
    write(database, channels.set_retired, card.channel_id, False)
    assert "Affiliate" in names(database, offered=True)


def test_moving_a_channel_renumbers_the_order(database):
    with database.connect() as conn:
        other = tasks.find_channel(conn, "other")
    order = write(database, channels.move_channel, other, 0)
    assert [c.name for c in order][:2] == ["Other", "SEO"]
    assert [c.position for c in order] == list(range(len(order)))
    order = write(database, channels.move_channel, other, 99)
    assert order[-1].name == "Other"


def test_colour_can_be_a_palette_name_or_hex(database):
    with database.connect() as conn:
        seo = tasks.find_channel(conn, "seo")
    assert write(database, channels.set_colour, seo, "Teal").colour == PALETTE["teal"]
    assert write(database, channels.set_colour, seo, "#1A2b3C").colour == "#1a2b3c"
    with pytest.raises(InvalidInput) as info:
        write(database, channels.set_colour, seo, "sunset")
    assert "'sunset'" in info.value.message and "teal" in info.value.message


def test_palette_helpers():
    assert parse_colour("3a3a3a") == "#3a3a3a"
    assert next_colour([]) == next(iter(PALETTE.values()))
    assert next_colour(PALETTE.values()) == next(iter(PALETTE.values()))
    assert next_colour(list(PALETTE.values())[:3]) == list(PALETTE.values())[3]
