"""Budget arithmetic for one month: planned vs actual per channel, variance, pacing, forecast.

Pure functions over plain values: no database, no Textual, money as exact
Decimals (never floats). The definitions (PRODUCT.md, "KPI definitions"):

- actual: the sum of the month's expenses dated on or before the as-of day
- variance = actual - planned (a channel without a plan counts as planned 0)
- used = actual / planned
- pacing = actual / (planned x days elapsed / days in month): 1.0 is spending
  exactly at the even pace that lands on the plan; n/a (None) without a plan
  or with a plan of 0
- forecast = actual + daily burn x days left, where daily burn = actual / days
  elapsed (so forecast = actual x days in month / days elapsed), rounded to the
  currency's minor unit

The as-of day counts as elapsed (as of the 10th, 10 days have passed). A
finished month is taken as of its last day: nothing is left, so the forecast
is the actual. Before a month starts nothing has elapsed: pacing and forecast
are n/a. The total row adds up: its actual, planned, variance and forecast are
the sums of the channels'; its pacing and used come from those sums.

The over-pace / under-pace mark (``Figures.status``) leaves agency retainers
out: a retainer is booked whole on the month's first day, so under the
pacing formula above its channel would look over pace for most of the month.
The mark compares the spending besides retainers with the plan besides
retainers (``Figures.spending_pacing``), and its word says so ("over pace
excl. retainers"); the pacing figure itself stays PRODUCT.md's. Over budget
is judged on everything.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
CENT = Decimal("0.01")
RATIO_STEP = Decimal("0.0001")
# spending more than 10% faster than the even pace is "over pace"; more than 10% slower "under pace"
OVER_PACE = Decimal("1.10")
UNDER_PACE = Decimal("0.90")

NOT_STARTED, RUNNING, FINISHED = "not started", "running", "finished"

# what an expense's source is called on screen ("retainer" rows also name their partner)
SOURCE_LABELS = {
    "retainer": "Retainer",
    "google-ads": "Google Ads",
    "google_ads": "Google Ads",
    "meta-ads": "Meta Ads",
    "meta_ads": "Meta Ads",
    "manual": "Other spend",
}


def month_first(month: str) -> date:
    """``2026-11`` as its first day (the key is assumed valid: see validation.parse_month)."""
    return date(int(month[:4]), int(month[5:7]), 1)


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def shift_month(month: str, step: int) -> str:
    """The month ``step`` months after ``month`` (before it when negative)."""
    first = month_first(month)
    index = first.year * 12 + first.month - 1 + step
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@dataclass(frozen=True)
class MonthClock:
    """A month seen from one day: how much of it has passed."""

    month: str
    first: date
    last: date
    as_of: date  # the day the figures are taken as of (a finished month: its last day)
    elapsed: int  # days of the month up to and including ``as_of`` (0 before it starts)

    @property
    def days(self) -> int:
        return self.last.day

    @property
    def left(self) -> int:
        return self.days - self.elapsed

    @property
    def state(self) -> str:
        if self.elapsed == 0:
            return NOT_STARTED
        return FINISHED if self.elapsed == self.days else RUNNING


def month_clock(month: str, as_of: date) -> MonthClock:
    """The month ``month`` as of ``as_of`` (a later day means the month is over)."""
    first = month_first(month)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    if as_of < first:
        return MonthClock(month, first, last, as_of, 0)
    as_of = min(as_of, last)
    return MonthClock(month, first, last, as_of, (as_of - first).days + 1)


def ratio(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """numerator / denominator to four places; None (n/a) for a zero denominator."""
    if not denominator:
        return None
    return (numerator / denominator).quantize(RATIO_STEP, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Figures:
    """One row of the budget table."""

    planned: Decimal | None  # None: no plan for this month
    actual: Decimal
    variance: Decimal
    used: Decimal | None  # actual / planned
    pacing: Decimal | None
    forecast: Decimal | None
    fixed: Decimal = ZERO  # retainers booked to date: paid whole on the 1st, not at an even pace

    def spending_pacing(self, clock: MonthClock) -> Decimal | None:
        """The pacing the pace mark reads: spending besides retainers against the plan besides them."""
        if not self.fixed:
            return self.pacing
        rest = (self.planned or ZERO) - self.fixed
        return pacing(self.actual - self.fixed, rest, clock) if rest > 0 else None

    def status(self, clock: MonthClock) -> tuple[str, bool]:
        """A word for the row and whether it needs attention (over budget, over pace, unplanned)."""
        if self.planned is None:
            return ("unplanned", True) if self.actual > 0 else ("no plan", False)
        if self.actual > self.planned:
            return "over budget", True
        if clock.state == NOT_STARTED:
            return "planned", False
        if clock.state == FINISHED:
            return "within budget", False
        pace = self.spending_pacing(clock)
        # say so when retainers were left out: the pacing figure beside it counts them
        word = "pace excl. retainers" if self.fixed and pace is not None else "pace"
        if pace is not None and pace > OVER_PACE:
            return f"over {word}", True
        if pace is not None and pace < UNDER_PACE:
            return f"under {word}", False
        return f"on {word}", False


def forecast(actual: Decimal, clock: MonthClock, step: Decimal = CENT) -> Decimal | None:
    """actual + daily burn x days left; None before the month starts."""
    if clock.elapsed == 0:
        return None
    if clock.left == 0:
        return actual
    daily_burn = actual / clock.elapsed
    return (actual + daily_burn * clock.left).quantize(step, rounding=ROUND_HALF_UP)


def pacing(actual: Decimal, planned: Decimal | None, clock: MonthClock) -> Decimal | None:
    """actual / (planned x days elapsed / days in month); None without a plan or before the month."""
    if not planned or clock.elapsed == 0:
        return None
    return ratio(actual * clock.days, planned * clock.elapsed)


def figures(
    planned: Decimal | None, actual: Decimal, clock: MonthClock, step: Decimal = CENT, fixed: Decimal = ZERO
) -> Figures:
    """The row for one channel (``fixed``: the retainers among ``actual``)."""
    return Figures(
        planned=planned,
        actual=actual,
        variance=actual - (planned or ZERO),
        used=ratio(actual, planned) if planned else None,
        pacing=pacing(actual, planned, clock),
        forecast=forecast(actual, clock, step),
        fixed=fixed,
    )


@dataclass(frozen=True)
class Spend:
    """One expense as the arithmetic needs it."""

    day: date
    channel_id: int
    amount: Decimal
    group: str = ""  # its row under the channel ("Google Ads", "Retainer · Rankwell SEO")
    fixed: bool = False  # a retainer: booked whole on the 1st (see Figures.spending_pacing)


def spend_group(source: str, partner: str | None) -> str:
    """The row an expense is added up in under its channel: by source, retainers by partner too."""
    label = SOURCE_LABELS.get(source, source or SOURCE_LABELS["manual"])
    if partner and source in ("retainer", "manual", ""):
        return f"{label} · {partner}" if source == "retainer" else partner
    return label


@dataclass(frozen=True)
class ChannelBudget:
    channel_id: int
    figures: Figures
    breakdown: tuple[tuple[str, Decimal], ...]  # (group, actual to date), largest first


@dataclass(frozen=True)
class MonthBudget:
    clock: MonthClock
    channels: tuple[ChannelBudget, ...]
    total: Figures

    def channel(self, channel_id: int) -> ChannelBudget | None:
        return next((c for c in self.channels if c.channel_id == channel_id), None)


def month_budget(
    clock: MonthClock,
    plans: Mapping[int, Decimal],
    spends: Iterable[Spend],
    order: Sequence[int] = (),
    step: Decimal = CENT,
) -> MonthBudget:
    """Every channel with a plan or spend in the month (in ``order``, others after by id), and the total."""
    actual: dict[int, Decimal] = {}
    groups: dict[int, dict[str, Decimal]] = {}
    fixed: dict[int, Decimal] = {}
    listed: set[int] = set(plans)
    for spend in spends:
        if not clock.first <= spend.day <= clock.last:
            continue
        listed.add(spend.channel_id)
        if spend.day > clock.as_of:
            continue  # booked ahead: not spent yet on the as-of day
        actual[spend.channel_id] = actual.get(spend.channel_id, ZERO) + spend.amount
        if spend.fixed:
            fixed[spend.channel_id] = fixed.get(spend.channel_id, ZERO) + spend.amount
        by_group = groups.setdefault(spend.channel_id, {})
        by_group[spend.group] = by_group.get(spend.group, ZERO) + spend.amount
    rank = {channel_id: i for i, channel_id in enumerate(order)}
    ids = sorted(listed, key=lambda c: (rank.get(c, len(rank)), c))
    channels = tuple(
        ChannelBudget(
            channel_id,
            figures(plans.get(channel_id), actual.get(channel_id, ZERO), clock, step, fixed.get(channel_id, ZERO)),
            tuple(sorted(groups.get(channel_id, {}).items(), key=lambda kv: (-kv[1], kv[0]))),
        )
        for channel_id in ids
    )
    return MonthBudget(clock, channels, total_figures(channels, clock))


def total_figures(channels: Sequence[ChannelBudget], clock: MonthClock) -> Figures:
    """The total row: sums of the channels' figures; pacing and used from those sums."""
    plans = [c.figures.planned for c in channels if c.figures.planned is not None]
    planned = sum(plans, ZERO) if plans else None
    actual = sum((c.figures.actual for c in channels), ZERO)
    forecasts = [c.figures.forecast for c in channels]
    return Figures(
        planned=planned,
        actual=actual,
        variance=sum((c.figures.variance for c in channels), ZERO),
        used=ratio(actual, planned) if planned else None,
        pacing=pacing(actual, planned, clock),
        forecast=None if clock.elapsed == 0 else sum((f or ZERO for f in forecasts), ZERO),
        fixed=sum((c.figures.fixed for c in channels), ZERO),
    )


def cumulative_actual(spends: Iterable[Spend], clock: MonthClock) -> list[Decimal]:
    """Actual spend to the end of each elapsed day of the month (day 1 first)."""
    per_day = [ZERO] * clock.elapsed
    for spend in spends:
        if clock.first <= spend.day <= clock.as_of:
            per_day[spend.day.day - 1] += spend.amount
    running, out = ZERO, []
    for amount in per_day:
        running += amount
        out.append(running)
    return out


def ideal_pace(planned: Decimal | None, clock: MonthClock) -> list[Decimal]:
    """The even pace that ends the month on the plan, for each day of the month."""
    planned = planned or ZERO
    return [planned * day / clock.days for day in range(1, clock.days + 1)]
