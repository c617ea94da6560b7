"""Report cells are plain JSON values, whatever the figures' types (a review prints and saves them as JSON)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from ecomtui.services.report import MONEY, SPARK, Column, Section, Table, show


def test_a_sparkline_of_exact_amounts_is_stored_as_strings_and_still_drawn():
    table = Table("KPIs", [Column("Revenue", MONEY), Column("12 weeks", SPARK)])
    table.add(Decimal("1659.95"), [Decimal("10.50"), None, Decimal("12"), date(2026, 11, 2)])
    section = Section("kpis", "KPIs", [table])
    data = json.loads(json.dumps(section.as_json()))  # raised TypeError for Decimal inside a list
    assert data["tables"][0]["rows"][0] == ["1659.95", ["10.50", None, "12", "2026-11-02"]]
    assert show(Section.from_json(data).tables[0].rows[0][0], MONEY) == show(Decimal("1659.95"), MONEY)
    assert show(["1", None, "3"], SPARK) == "▁ █"
