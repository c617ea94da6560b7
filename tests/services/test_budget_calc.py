"""Budget arithmetic: the PRODUCT.md formulas on cases worked by hand, and their invariants."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from ecomtui.services import budget_calc as calc
from ecomtui.services.budget_calc import Spend, figures, month_budget, month_clock

D = Decimal


# ---- the clock --------------------------------------------------------------------------


def test_a_day_inside_the_month_counts_as_elapsed():
    clock = month_clock("2026-11", date(2026, 11, 10))
    assert (clock.elapsed, clock.days, clock.left, clock.state) == (10, 30, 20, calc.RUNNING)


def test_a_finished_month_is_taken_as_of_its_last_day():
    clock = month_clock("2026-02", date(2026, 11, 23))
    assert (clock.as_of, clock.elapsed, clock.days, clock.left, clock.state) == (
        date(2026, 2, 28),
        28,
        28,
        0,
        calc.FINISHED,
    )
    assert month_clock("2028-02", date(2028, 3, 1)).days == 29  # leap year


def test_a_month_not_started_has_nothing_elapsed():
    clock = month_clock("2026-12", date(2026, 11, 23))
    assert (clock.elapsed, clock.state) == (0, calc.NOT_STARTED)


def test_months_step_over_years():
    assert calc.shift_month("2026-01", -1) == "2025-12"
    assert calc.shift_month("2026-12", 1) == "2027-01"
    assert calc.shift_month("2026-11", -13) == "2025-10"


# ---- one channel, worked by hand ----------------------------------------------------------


def test_october_finished_ppc():
    # plan 3000, spent 1000 + 1200.50: the month is over, so the forecast is what was spent
    f = figures(D("3000"), D("1000") + D("1200.50"), month_clock("2026-10", date(2026, 11, 23)))
    assert f.actual == D("2200.50")
    assert f.variance == D("-799.50")
    assert f.forecast == D("2200.50")
    assert f.used == D("0.7335")
    assert f.pacing == D("0.7335")  # over a whole month pacing is the share used


def test_spending_exactly_on_pace_mid_month():
    # 1000 of 3000 spent by the 10th of a 30-day month: exactly on pace, heading for 3000
    f = figures(D("3000"), D("1000"), month_clock("2026-11", date(2026, 11, 10)))
    assert f.pacing == D("1.0000")
    assert f.forecast == D("3000.00")
    assert f.variance == D("-2000")
    assert f.status(month_clock("2026-11", date(2026, 11, 10))) == ("on pace", False)


def test_forecast_rounds_to_the_cent():
    # 100 by the 3rd of 30 days: 33.333... a day for 27 more days
    f = figures(D("500"), D("100"), month_clock("2026-11", date(2026, 11, 3)))
    assert f.forecast == D("1000.00")
    f = figures(D("500"), D("100"), month_clock("2026-11", date(2026, 11, 7)))
    assert f.forecast == D("428.57")  # 100 + 100/7 x 23 = 428.571...
    assert f.pacing == D("0.8571")  # 100 / (500 x 7 / 30)


def test_without_a_plan_pacing_and_used_are_not_available():
    clock = month_clock("2026-11", date(2026, 11, 10))
    f = figures(None, D("250"), clock)
    assert (f.pacing, f.used, f.variance, f.forecast) == (None, None, D("250"), D("750.00"))
    assert f.status(clock) == ("unplanned", True)
    zero_plan = figures(D("0"), D("0"), clock)
    assert (zero_plan.pacing, zero_plan.used) == (None, None)


def test_before_the_month_starts_pacing_and_forecast_are_not_available():
    clock = month_clock("2026-12", date(2026, 11, 23))
    f = figures(D("3000"), D("0"), clock)
    assert (f.pacing, f.forecast, f.variance) == (None, None, D("-3000"))
    assert f.status(clock) == ("planned", False)


def test_statuses_say_what_needs_attention():
    clock = month_clock("2026-11", date(2026, 11, 15))  # half the month
    assert figures(D("1000"), D("1200"), clock).status(clock) == ("over budget", True)
    assert figures(D("1000"), D("560"), clock).status(clock) == ("over pace", True)  # 1.12
    assert figures(D("1000"), D("550"), clock).status(clock) == ("on pace", False)  # 1.10 is within
    assert figures(D("1000"), D("440"), clock).status(clock) == ("under pace", False)
    done = month_clock("2026-10", date(2026, 11, 1))
    assert figures(D("1000"), D("990"), done).status(done) == ("within budget", False)
    assert figures(None, D("0"), clock).status(clock) == ("no plan", False)


def test_a_retainer_booked_on_the_first_does_not_mark_its_channel_over_pace():
    clock = month_clock("2026-11", date(2026, 11, 5))  # a sixth of the month
    spends = [Spend(date(2026, 11, 1), 1, D("2900"), "Retainer · Rankwell", fixed=True)]
    seo = month_budget(clock, {1: D("3500")}, spends).channel(1).figures
    assert seo.pacing == D("4.9714")  # PRODUCT.md's pacing figure is unchanged
    assert seo.status(clock) == ("under pace excl. retainers", False)  # nothing else spent yet of the other 600
    spends.append(Spend(date(2026, 11, 4), 1, D("130"), "Other spend"))  # 600 / 6 = 100 would be even
    seo = month_budget(clock, {1: D("3500")}, spends).channel(1).figures
    assert seo.spending_pacing(clock) == D("1.3000") and seo.status(clock) == ("over pace excl. retainers", True)
    all_retainer = month_budget(clock, {1: D("2900")}, spends[:1]).channel(1).figures
    assert all_retainer.status(clock) == ("on pace", False)
    over = month_budget(clock, {1: D("2000")}, spends[:1]).channel(1).figures
    assert over.status(clock) == ("over budget", True)


# ---- a month of channels ---------------------------------------------------------------------


def test_month_lists_planned_or_spending_channels_in_order_with_sources_under_them():
    clock = month_clock("2026-11", date(2026, 11, 10))
    spends = [
        Spend(date(2026, 11, 1), 2, D("800"), "Retainer · Brightlane"),
        Spend(date(2026, 11, 4), 2, D("150.25"), "Google Ads"),
        Spend(date(2026, 11, 5), 2, D("49.75"), "Google Ads"),
        Spend(date(2026, 11, 20), 2, D("999"), "Google Ads"),  # booked ahead: not spent yet
        Spend(date(2026, 10, 31), 2, D("5000"), "Google Ads"),  # last month
        Spend(date(2026, 11, 2), 7, D("60"), "Other spend"),  # a channel without a plan
    ]
    month = month_budget(clock, {1: D("1500"), 2: D("3000")}, spends, order=[1, 2, 7])
    assert [c.channel_id for c in month.channels] == [1, 2, 7]
    ppc = month.channel(2)
    assert ppc.figures.actual == D("1000.00")
    assert ppc.breakdown == (("Retainer · Brightlane", D("800")), ("Google Ads", D("200.00")))
    assert month.channel(1).figures.actual == 0
    assert month.total.planned == D("4500")
    assert month.total.actual == D("1060.00")
    assert month.total.forecast == sum(c.figures.forecast for c in month.channels)


def test_a_month_without_plans_or_spending_is_empty():
    month = month_budget(month_clock("2026-11", date(2026, 11, 10)), {}, [])
    assert month.channels == ()
    assert (month.total.planned, month.total.actual, month.total.pacing) == (None, 0, None)


def test_cumulative_actual_and_ideal_pace_for_the_chart():
    clock = month_clock("2026-11", date(2026, 11, 3))
    spends = [
        Spend(date(2026, 11, 1), 1, D("10")),
        Spend(date(2026, 11, 3), 1, D("5")),
        Spend(date(2026, 11, 9), 1, D("1")),
    ]
    assert calc.cumulative_actual(spends, clock) == [D("10"), D("10"), D("15")]
    pace = calc.ideal_pace(D("300"), clock)
    assert (len(pace), pace[0], pace[-1]) == (30, D("10"), D("300"))


def test_spend_groups_name_sources_and_retainer_partners():
    assert calc.spend_group("retainer", "Rankwell SEO") == "Retainer · Rankwell SEO"
    assert calc.spend_group("google-ads", None) == "Google Ads"
    assert calc.spend_group("meta_ads", "Brightlane") == "Meta Ads"
    assert calc.spend_group("manual", None) == "Other spend"
    assert calc.spend_group("manual", "Nora Lindqvist") == "Nora Lindqvist"


# ---- invariants ---------------------------------------------------------------------------------

MONTH_FIRST = date(2026, 2, 1)
amounts = st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False, allow_infinity=False)
channel_ids = st.integers(1, 5)
spends_st = st.lists(
    st.builds(
        Spend,
        day=st.dates(MONTH_FIRST - timedelta(days=5), date(2026, 3, 5)),
        channel_id=channel_ids,
        amount=amounts,
        group=st.sampled_from(["Google Ads", "Retainer · X", "Other spend"]),
    ),
    max_size=40,
)
plans_st = st.dictionaries(channel_ids, amounts, max_size=5)
as_of_st = st.dates(date(2026, 1, 20), date(2026, 3, 20))


@given(plans=plans_st, spends=spends_st, as_of=as_of_st)
def test_actual_is_the_sum_of_the_months_expenses_to_date(plans, spends, as_of):
    month = month_budget(month_clock("2026-02", as_of), plans, spends)
    clock = month.clock
    in_month = [s for s in spends if clock.first <= s.day <= min(as_of, clock.last)]
    assert month.total.actual == sum((s.amount for s in in_month), D(0))
    for row in month.channels:
        assert row.figures.actual == sum((s.amount for s in in_month if s.channel_id == row.channel_id), D(0))
        assert sum((amount for _, amount in row.breakdown), D(0)) == row.figures.actual


@given(plans=plans_st, spends=spends_st, after=st.integers(0, 400))
def test_once_the_month_is_over_forecast_equals_actual(plans, spends, after):
    month = month_budget(month_clock("2026-02", date(2026, 2, 28) + timedelta(days=after)), plans, spends)
    assert month.clock.as_of == date(2026, 2, 28)
    everything = sum((s.amount for s in spends if s.day.month == 2), D(0))
    assert month.total.actual == everything
    assert month.total.forecast == month.total.actual
    for row in month.channels:
        assert row.figures.forecast == row.figures.actual


@given(plans=plans_st, spends=spends_st, as_of=as_of_st)
def test_pacing_is_not_available_without_a_plan(plans, spends, as_of):
    month = month_budget(month_clock("2026-02", as_of), plans, spends)
    for row in month.channels:
        if not plans.get(row.channel_id):
            assert row.figures.pacing is None and row.figures.used is None


@given(plans=plans_st, spends=spends_st, as_of=as_of_st)
def test_the_total_row_adds_up(plans, spends, as_of):
    month = month_budget(month_clock("2026-02", as_of), plans, spends)
    rows = [c.figures for c in month.channels]
    assert (
        month.total.variance == sum((f.variance for f in rows), D(0)) == month.total.actual - sum(plans.values(), D(0))
    )
    if month.clock.elapsed:
        assert month.total.forecast == sum((f.forecast for f in rows), D(0))
    for f in rows:
        assert f.variance == f.actual - (f.planned or 0)
        if f.forecast is not None:
            assert f.forecast >= f.actual  # spending is never negative: the forecast only adds


@given(planned=st.integers(1, 10**7), day=st.integers(1, 28))
def test_spending_the_plan_evenly_is_a_pacing_of_one(planned, day):
    # actual to date exactly at the even pace: pacing 1, forecast the plan
    clock = month_clock("2026-02", date(2026, 2, day))
    planned_amount = D(planned * 28)
    actual = D(planned * day)
    f = figures(planned_amount, actual, clock)
    assert f.pacing == 1
    assert f.forecast == planned_amount
