"""The store's one currency: a new store takes its first import's, another one is refused."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import insert, select

from ecomtui.db import tables
from ecomtui.services.currency import adopt_currency, minor_digits, store_currency, to_minor
from ecomtui.services.validation import InvalidInput


def test_a_new_store_is_in_eur_until_its_first_import_names_a_currency(database):
    with database.connect() as conn:
        assert store_currency(conn) == "EUR"
    with database.transaction() as conn:
        assert adopt_currency(conn, "USD", "orders.csv") == "USD"
    with database.connect() as conn:
        assert store_currency(conn) == "USD"


def test_an_import_in_another_currency_is_refused(database):
    with database.transaction() as conn:
        adopt_currency(conn, "USD", "a.csv")
    with database.transaction() as conn, pytest.raises(InvalidInput) as refused:
        adopt_currency(conn, "EUR", "b.csv")
    assert refused.value.message == (
        "b.csv: amounts are in EUR but the store's currency is USD; "
        "ecomtui keeps one currency per store and never converts, so nothing was imported"
    )


def test_a_store_with_money_but_no_currency_setting_is_already_in_eur(database):
    with database.transaction() as conn:
        channel = conn.execute(select(tables.channel.c.id).limit(1)).scalar_one()
        conn.execute(
            insert(tables.expense).values(
                day=date(2026, 11, 2), amount_minor=100, channel_id=channel, note="", source="manual"
            )
        )
    with database.transaction() as conn, pytest.raises(InvalidInput, match="store's currency is EUR"):
        adopt_currency(conn, "USD", "a.csv")


def test_minor_units_follow_the_currency():
    assert (minor_digits("EUR"), minor_digits("jpy"), minor_digits("KWD")) == (2, 0, 3)
    assert to_minor(Decimal("12.345"), "EUR") == 1235
    assert to_minor(Decimal("1234.5"), "JPY") == 1235
    assert to_minor(Decimal("1.2345"), "KWD") == 1235
