"""Conflicts: overlapping in time on a shared channel, or with the same code, found by sort and sweep."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from ecomtui.services.promotion_conflicts import Clash, conflicts_of, describe_clash, find_conflicts
from ecomtui.services.promotion_data import Promotion

DAY0 = date(2026, 1, 1)


def promo(pid, start, end, channels=(), code="", status="planned", name=None) -> Promotion:
    return Promotion(
        id=pid,
        name=name or f"P{pid}",
        start=date.fromisoformat(start),
        end=date.fromisoformat(end),
        channel_ids=tuple(channels),
        code=code,
        status=status,
    )


def test_the_ppc_example_of_the_issue_conflicts_both_ways():
    a = promo(1, "2026-11-20", "2026-11-30", channels=[2])
    b = promo(2, "2026-11-27", "2026-12-02", channels=[2])
    assert find_conflicts([a, b]) == {1: [Clash(2, frozenset({2}))], 2: [Clash(1, frozenset({2}))]}


def test_different_channels_and_codes_do_not_conflict():
    a = promo(1, "2026-11-20", "2026-11-30", channels=[2], code="BF20")
    b = promo(2, "2026-11-27", "2026-12-02", channels=[4], code="CYBER")
    assert find_conflicts([a, b]) == {}


def test_the_same_code_at_the_same_time_conflicts_whatever_the_channels_and_case():
    a = promo(1, "2026-11-20", "2026-11-30", channels=[2], code="SAVE20")
    b = promo(2, "2026-11-30", "2026-12-02", channels=[4], code="save20")
    assert find_conflicts([a, b])[1] == [Clash(2, frozenset(), same_code=True)]


def test_ends_are_inclusive_and_the_day_after_is_free():
    a = promo(1, "2026-11-20", "2026-11-30", channels=[2])
    touching = promo(2, "2026-11-30", "2026-11-30", channels=[2])
    after = promo(3, "2026-12-01", "2026-12-05", channels=[2])
    found = find_conflicts([a, touching, after])
    assert [c.other for c in found[1]] == [2]
    assert 3 not in found


def test_cancelled_promotions_conflict_with_nothing():
    a = promo(1, "2026-11-20", "2026-11-30", channels=[2], code="X")
    b = promo(2, "2026-11-20", "2026-11-30", channels=[2], code="X", status="cancelled")
    assert find_conflicts([a, b]) == {}
    assert conflicts_of(b, [a]) == []


def test_a_clash_names_the_other_and_why():
    clash = Clash(7, frozenset({2, 4}), same_code=True)
    text = describe_clash(clash, {7: "Cyber Week"}, {2: "PPC", 4: "Email"})
    assert text == "Cyber Week (Email, PPC, same code)"


def test_the_dialogs_check_of_one_promotion_ignores_itself():
    a = promo(1, "2026-11-20", "2026-11-30", channels=[2])
    b = promo(2, "2026-11-25", "2026-11-26", channels=[2])
    assert [c.other for c in conflicts_of(a, [a, b])] == [2]


# ---- properties: the sweep finds exactly what comparing every pair finds --------------------

promotions = st.lists(
    st.tuples(
        st.integers(0, 60),  # start offset
        st.integers(0, 20),  # length - 1
        st.sets(st.integers(1, 4), max_size=3),  # channels
        st.sampled_from(["", "", "A", "a", "B"]),  # code
        st.sampled_from(["planned", "live", "cancelled", "idea"]),
    ),
    max_size=25,
)


def _built(rows) -> list[Promotion]:
    return [
        Promotion(
            id=i + 1,
            name=f"P{i + 1}",
            start=DAY0 + timedelta(days=s),
            end=DAY0 + timedelta(days=s + n),
            channel_ids=tuple(sorted(ch)),
            code=code,
            status=status,
        )
        for i, (s, n, ch, code, status) in enumerate(rows)
    ]


def brute_force(items: list[Promotion]) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {}
    for a in items:
        for b in items:
            if a.id == b.id or "cancelled" in (a.status, b.status):
                continue
            if a.start > b.end or b.start > a.end:
                continue
            shared = set(a.channel_ids) & set(b.channel_ids)
            same_code = bool(a.code) and a.code.casefold() == b.code.casefold()
            if shared or same_code:
                found.setdefault(a.id, set()).add(b.id)
    return found


@given(promotions)
def test_sweep_matches_every_pair_compared(rows):
    items = _built(rows)
    found = find_conflicts(items)
    assert {pid: {c.other for c in clashes} for pid, clashes in found.items()} == brute_force(items)


@given(promotions)
def test_sweep_reasons_match_the_pair(rows):
    items = {p.id: p for p in _built(rows)}
    for pid, clashes in find_conflicts(items.values()).items():
        for clash in clashes:
            a, b = items[pid], items[clash.other]
            assert clash.channel_ids == frozenset(a.channel_ids) & frozenset(b.channel_ids)
            assert clash.same_code == (bool(a.code) and a.code.casefold() == b.code.casefold())


@given(promotions)
def test_the_dialog_check_agrees_with_the_sweep(rows):
    items = _built(rows)
    found = find_conflicts(items)
    for item in items:
        assert conflicts_of(item, items) == found.get(item.id, [])


def test_a_large_store_finds_each_promotions_neighbours():
    # 20,000 promotions a day apart on one channel: each overlaps only its neighbours
    items = [
        Promotion(id=i, name="p", start=DAY0 + timedelta(days=i), end=DAY0 + timedelta(days=i + 1), channel_ids=(1,))
        for i in range(20_000)
    ]
    found = find_conflicts(items)
    assert [c.other for c in found[500]] == [499, 501]
    assert len(found) == 20_000
