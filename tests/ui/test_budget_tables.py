"""The Budget tab's cells: text from other tools on one line, with control characters made visible."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ecomtui.services.budget_queries import ExpenseRow
from ecomtui.ui.widgets.budget_tables import cut, month_label, paid_to


def expense(source: str, partner: str | None) -> ExpenseRow:
    return ExpenseRow(1, 1, date(2026, 11, 2), Decimal("5.00"), 1, "PPC", None, partner, None, None, source, "")


def test_control_characters_never_reach_the_terminal():
    assert cut("Black\x1b[31mFriday\nsale\t\x7f", 40) == "Black␛[31mFriday␊sale␉␡"
    assert cut("a\u202eb", 40) == "a\\u202eb"
    assert cut("[bold]🛒 عربى", 40) == "[bold]🛒 عربى"  # user text otherwise exactly as typed


def test_cut_keeps_one_line_of_the_given_width():
    assert cut("Brightlane Digital", 11) == "Brightlane…"
    assert cut("line\nbreak", 20) == "line␊break"
    assert cut("SEO", 11) == "SEO"


def test_who_was_paid():
    assert paid_to(expense("retainer", "Rankwell SEO")) == "Rankwell SEO (retainer)"
    assert paid_to(expense("google_ads", None)) == "Google Ads"
    assert paid_to(expense("meta-ads", None)) == "Meta Ads"
    assert paid_to(expense("manual", "Nora Lindqvist")) == "Nora Lindqvist"
    assert paid_to(expense("manual", None)) == ""


def test_months_read_as_words():
    assert month_label("2026-11") == "November 2026"
