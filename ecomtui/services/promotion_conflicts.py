"""Which promotions collide: overlapping in time on a shared channel, or with the same discount code.

A conflict is a warning, never a refusal: the manager may mean it. Cancelled
promotions collide with nothing. Codes compare case-insensitively (shops treat
``SAVE20`` and ``save20`` as one code).

The search sorts and sweeps once per channel and per code instead of
comparing every pair: each promotion is checked only against those still
running when it starts, so the cost is O(n log n) plus the number of
conflicts found, not O(n²). Pure functions, no database.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol


class Dated(Protocol):
    """What the search needs of a promotion (:class:`~ecomtui.services.promotion_data.Promotion` has it)."""

    id: int
    start: date
    end: date
    channel_ids: tuple[int, ...]
    code: str
    status: str


@dataclass(frozen=True)
class Clash:
    """Why one promotion conflicts with ``other``: the channels they share while both run, and/or their code."""

    other: int
    channel_ids: frozenset[int] = frozenset()
    same_code: bool = False


def _overlapping_pairs(intervals: list[tuple[date, date, int]]) -> Iterable[tuple[int, int]]:
    """Pairs of ids whose inclusive [start, end] ranges overlap: sort by start, sweep with a heap of ends."""
    intervals.sort()
    running: list[tuple[date, int]] = []  # (end, id), smallest end first
    for start, end, item in intervals:
        while running and running[0][0] < start:
            heapq.heappop(running)
        for _, other in running:
            yield other, item
        heapq.heappush(running, (end, item))


def find_conflicts(promotions: Iterable[Dated]) -> dict[int, list[Clash]]:
    """For each promotion that conflicts with another, its clashes sorted by the other's id."""
    by_channel: dict[int, list[tuple[date, date, int]]] = defaultdict(list)
    by_code: dict[str, list[tuple[date, date, int]]] = defaultdict(list)
    for promotion in promotions:
        if promotion.status == "cancelled":
            continue
        interval = (promotion.start, promotion.end, promotion.id)
        for channel_id in set(promotion.channel_ids):
            by_channel[channel_id].append(interval)
        if promotion.code.strip():
            by_code[promotion.code.strip().casefold()].append(interval)

    shared: dict[tuple[int, int], set[int]] = defaultdict(set)
    same_code: set[tuple[int, int]] = set()
    for channel_id, intervals in by_channel.items():
        for a, b in _overlapping_pairs(intervals):
            shared[(min(a, b), max(a, b))].add(channel_id)
    for intervals in by_code.values():
        for a, b in _overlapping_pairs(intervals):
            same_code.add((min(a, b), max(a, b)))

    clashes: dict[int, list[Clash]] = defaultdict(list)
    for pair in shared.keys() | same_code:
        channels = frozenset(shared.get(pair, ()))
        coded = pair in same_code
        a, b = pair
        clashes[a].append(Clash(b, channels, coded))
        clashes[b].append(Clash(a, channels, coded))
    for found in clashes.values():
        found.sort(key=lambda clash: clash.other)
    return dict(clashes)


def conflicts_of(candidate: Dated, others: Iterable[Dated]) -> list[Clash]:
    """The clashes of one promotion being edited (not yet saved) with the others: one pass, for a dialog."""
    if candidate.status == "cancelled":
        return []
    channels = set(candidate.channel_ids)
    code = candidate.code.strip().casefold()
    found = []
    for other in others:
        if other.id == candidate.id or other.status == "cancelled":
            continue
        if other.start > candidate.end or candidate.start > other.end:
            continue
        shared = frozenset(channels.intersection(other.channel_ids))
        coded = bool(code) and other.code.strip().casefold() == code
        if shared or coded:
            found.append(Clash(other.id, shared, coded))
    found.sort(key=lambda clash: clash.other)
    return found


def describe_clash(clash: Clash, names: dict[int, str], channel_names: dict[int, str]) -> str:
    """``Cyber Week (PPC, Email)`` / ``Cyber Week (same code)``: what a user reads beside a warning."""
    reasons = sorted(channel_names.get(c, str(c)) for c in clash.channel_ids)
    if clash.same_code:
        reasons.append("same code")
    return f"{names.get(clash.other, f'promotion {clash.other}')} ({', '.join(reasons)})"
