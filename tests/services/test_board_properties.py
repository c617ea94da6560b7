"""The board's pure functions: columns, filtering, ordering and placing cards."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from ecomtui.services.task_board import (
    BoardFilter,
    TaskCard,
    group_by_status,
    matches,
    neighbour_status,
    place_card,
    remove_card,
    sort_cards,
    sort_key,
    with_status,
)
from ecomtui.vocabulary import PRIORITIES, SEED_CHANNELS, TASK_STATUSES

TODAY = date(2026, 11, 23)

# Pieces that have broken terminal UIs before: Rich markup, escapes, emoji
# (with joiners), right-to-left text and control characters.
NASTY = st.sampled_from(
    [
        "[bold]",
        "[/]",
        "[/",
        "[",
        "]",
        "\\[",
        "[red on blue]",
        "[link=https://x]",
        "[@click=app.quit]",
        "🛒",
        "👩‍💻",
        "🇩🇪",
        "עברית",
        "العربية",
        "\u202e",
        "\u200b",
        "\x00",
        "\x1b[31m",
        "%s",
        "{0}",
    ]
)
free_text = st.lists(st.one_of(st.text(max_size=8), NASTY), max_size=6).map("".join)
months = st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(2025, 2027), st.integers(1, 12))
dues = st.none() | st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31))


def card_strategy(title=free_text, owner=st.none() | free_text, notes=free_text):
    return st.builds(
        TaskCard,
        id=st.integers(1, 5_000),
        title=title,
        status=st.sampled_from(TASK_STATUSES),
        priority=st.sampled_from(PRIORITIES),
        due=dues,
        channel=st.none() | st.sampled_from(SEED_CHANNELS),
        owner=owner,
        sprint=st.none() | months,
        notes=notes,
        done_at=st.none() | st.datetimes(min_value=datetime(2026, 1, 1), timezones=st.just(UTC)),
    )


cards_st = card_strategy()
card_lists = st.lists(cards_st, max_size=25, unique_by=lambda c: c.id)
nonempty_card_lists = st.lists(cards_st, min_size=1, max_size=25, unique_by=lambda c: c.id)

ascii_words = st.text(alphabet="abcdefghijXYZ0123 []/-", min_size=1, max_size=30)
ascii_cards = st.lists(
    card_strategy(title=ascii_words, owner=st.none() | ascii_words, notes=ascii_words),
    max_size=20,
    unique_by=lambda c: c.id,
)


def card_with(**fields) -> TaskCard:
    base = dict(id=1, title="Task", status="todo", priority="normal")
    base.update(fields)
    return TaskCard(**base)


def is_subsequence(short: list, long: list) -> bool:
    it = iter(long)
    return all(any(x is y for y in it) for x in short)


# ---- columns ---------------------------------------------------------------------


@given(card_lists, st.sampled_from([None, BoardFilter(), BoardFilter(text="   \t")]))
def test_without_filter_every_card_is_in_exactly_its_own_column(cards, flt):
    columns = group_by_status(cards, flt)
    assert list(columns) == list(TASK_STATUSES)
    placed = [c for column in columns.values() for c in column]
    assert sorted(c.id for c in placed) == sorted(c.id for c in cards)
    for status, column in columns.items():
        assert all(c.status == status for c in column)
        assert column == [c for c in cards if c.status == status]  # board order kept


@given(card_lists, free_text)
def test_text_filter_result_is_a_subset_and_exactly_the_matching_cards(cards, text):
    everything = group_by_status(cards)
    flt = BoardFilter(text=text)
    filtered = group_by_status(cards, flt)
    assert list(filtered) == list(TASK_STATUSES)
    for status in TASK_STATUSES:
        assert is_subsequence(filtered[status], everything[status])
        assert filtered[status] == [c for c in everything[status] if matches(c, flt)]


@given(cards_st)
def test_a_card_is_found_by_its_own_title(card):
    assert matches(card, BoardFilter(text=card.title))


@given(cards_st, free_text)
def test_any_text_in_titles_and_filters_never_crashes(card, text):
    for flt in (BoardFilter(text=text), BoardFilter(text=text, owner=text, channel=text, sprint=text)):
        assert isinstance(matches(card, flt), bool)
        assert isinstance(flt.describe(), str)
    group_by_status([card], BoardFilter(text=text))
    shown = json.loads(json.dumps(card.as_json(), ensure_ascii=False))
    assert shown["title"] == card.title


@given(ascii_cards, st.data())
def test_filter_ignores_case(cards, data):
    for card in cards:
        start = data.draw(st.integers(0, len(card.title) - 1))
        end = data.draw(st.integers(start + 1, len(card.title)))
        piece = card.title[start:end]
        flips = data.draw(st.lists(st.booleans(), min_size=len(piece), max_size=len(piece)))
        typed = "".join(ch.swapcase() if flip else ch for ch, flip in zip(piece, flips))
        assert matches(card, BoardFilter(text=typed)), (card.title, typed)


@given(ascii_cards, ascii_words)
def test_upper_and_lower_case_filters_find_the_same_cards(cards, text):
    for variant in (text.upper(), text.lower(), text.swapcase()):
        assert group_by_status(cards, BoardFilter(text=variant)) == group_by_status(cards, BoardFilter(text=text))


@given(card_lists, st.sampled_from(SEED_CHANNELS))
def test_channel_filter_is_case_insensitive_and_exact(cards, channel):
    columns = group_by_status(cards, BoardFilter(channel=channel.upper()))
    found = [c for column in columns.values() for c in column]
    assert sorted(c.id for c in found) == sorted(c.id for c in cards if c.channel == channel)


@given(card_lists, months)
def test_sprint_filter_keeps_only_that_sprint(cards, sprint):
    found = [c for column in group_by_status(cards, BoardFilter(sprint=sprint)).values() for c in column]
    assert sorted(c.id for c in found) == sorted(c.id for c in cards if c.sprint == sprint)


def test_text_filter_examples():
    card = card_with(title="Fix [bold]checkout[/] 🛒", notes="Ask the agency", owner="Acme Agency", channel="PPC")
    for typed in ("[bold]", "CHECKOUT", "checkout[/]", "🛒", "agency", "ppc", "fix acme", "  fix   ask  "):
        assert matches(card, BoardFilter(text=typed)), typed
    for typed in ("[italic]", "seo", "fix seo", "checkouts"):
        assert not matches(card, BoardFilter(text=typed)), typed


def test_owner_filter_is_case_insensitive():
    mine = card_with(id=1, owner="Acme Agency")
    theirs = card_with(id=2, owner="Other Co")
    nobody = card_with(id=3)
    assert group_by_status([mine, theirs, nobody], BoardFilter(owner="acme AGENCY"))["todo"] == [mine]


def test_filter_description():
    assert not BoardFilter(text="  ").active
    assert BoardFilter(text="x").active and BoardFilter(sprint="2026-11").active
    assert BoardFilter(text=" promo ", channel="SEO", owner="Jo", sprint="2026-11").describe() == (
        '"promo", channel SEO, owner Jo, sprint 2026-11'
    )


# ---- ordering ----------------------------------------------------------------------


@given(card_lists)
def test_sort_cards_orders_by_due_date_with_undated_last_and_done_newest_first(cards):
    ordered = sort_cards(cards)
    assert sorted(c.id for c in ordered) == sorted(c.id for c in cards)
    done = [c for c in ordered if c.status == "done"]
    finished = [c.done_at for c in done if c.done_at is not None]
    assert [c.done_at for c in done] == sorted(finished, reverse=True) + [None] * (len(done) - len(finished))
    assert sort_cards(ordered) == ordered
    ordered = [c for c in ordered if c.status != "done"]
    dated = [c for c in ordered if c.due is not None]
    undated = [c for c in ordered if c.due is None]
    assert ordered == dated + undated
    assert [c.due for c in dated] == sorted(c.due for c in dated)
    for a, b in itertools.pairwise(ordered):
        if a.due == b.due:
            assert PRIORITIES.index(a.priority) >= PRIORITIES.index(b.priority)
    assert sort_cards(ordered) == ordered


def test_sort_example():
    undated_urgent = card_with(id=1, priority="urgent")
    late = card_with(id=2, due=date(2026, 12, 24))
    soon_low = card_with(id=3, due=date(2026, 11, 24), priority="low")
    soon_high = card_with(id=4, due=date(2026, 11, 24), priority="high")
    assert sort_cards([undated_urgent, late, soon_low, soon_high]) == [soon_high, soon_low, late, undated_urgent]


@given(card_lists, cards_st, st.booleans())
def test_place_card_keeps_the_list_sorted_and_ids_unique(cards, card, reuse_id):
    board = sort_cards(cards)
    if reuse_id and board:
        card = TaskCard(**{**_fields(card), "id": board[len(board) // 2].id})
    before = {c.id: c for c in board}
    place_card(board, card)
    ids = [c.id for c in board]
    assert len(ids) == len(set(ids))
    assert [sort_key(c) for c in board] == sorted(sort_key(c) for c in board)
    assert card in board
    assert set(ids) == set(before) | {card.id}
    for c in board:
        if c.id != card.id:
            assert c is before[c.id]


@given(nonempty_card_lists, st.data())
def test_moving_a_card_replaces_it_in_place(cards, data):
    board = sort_cards(cards)
    chosen = data.draw(st.sampled_from(board))
    status = data.draw(st.sampled_from(TASK_STATUSES))
    place_card(board, with_status(chosen, status))
    same_id = [c for c in board if c.id == chosen.id]
    assert len(same_id) == 1 and same_id[0].status == status
    assert len(board) == len(cards)
    remove_card(board, chosen.id)
    assert chosen.id not in {c.id for c in board}
    assert len(board) == len(cards) - 1


def test_neighbour_columns():
    assert neighbour_status("backlog", -1) is None
    assert neighbour_status("backlog", +1) == "todo"
    assert neighbour_status("todo", +1) == "doing"
    assert neighbour_status("review", +1) == "done"
    assert neighbour_status("done", +1) is None
    assert neighbour_status("doing", -1) == "todo"


def _fields(card: TaskCard) -> dict:
    return {
        "id": card.id,
        "title": card.title,
        "status": card.status,
        "priority": card.priority,
        "due": card.due,
        "channel": card.channel,
        "owner": card.owner,
        "sprint": card.sprint,
        "notes": card.notes,
    }
