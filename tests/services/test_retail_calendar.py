"""Retail dates and public holidays: the rules over several years and countries, names independent of LANG."""

from __future__ import annotations

from datetime import date

import pytest

from ecomtui.services.retail_calendar import (
    HOLIDAY,
    RETAIL,
    black_friday,
    check_country,
    cyber_monday,
    easter,
    events_between,
    locale_country,
    mothers_day,
    parse_cutoff,
    promotion_around,
    retail_events,
)
from ecomtui.services.validation import InvalidInput


@pytest.mark.parametrize(
    ("year", "friday", "monday"),
    [
        (2023, date(2023, 11, 24), date(2023, 11, 27)),
        (2024, date(2024, 11, 29), date(2024, 12, 2)),
        (2025, date(2025, 11, 28), date(2025, 12, 1)),
        (2026, date(2026, 11, 27), date(2026, 11, 30)),
        (2027, date(2027, 11, 26), date(2027, 11, 29)),
        (2030, date(2030, 11, 29), date(2030, 12, 2)),
    ],
)
def test_black_friday_is_the_day_after_the_fourth_thursday_of_november(year, friday, monday):
    assert black_friday(year) == friday
    assert cyber_monday(year) == monday


@pytest.mark.parametrize(
    ("year", "sunday"),
    [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5)), (2038, date(2038, 4, 25))],
)
def test_easter(year, sunday):
    assert easter(year) == sunday


@pytest.mark.parametrize(
    ("country", "year", "day"),
    [
        ("US", 2025, date(2025, 5, 11)),
        ("US", 2026, date(2026, 5, 10)),
        ("DE", 2026, date(2026, 5, 10)),
        ("IT", 2027, date(2027, 5, 9)),
        # Mothering Sunday: three weeks before Easter
        ("GB", 2024, date(2024, 3, 10)),
        ("GB", 2025, date(2025, 3, 30)),
        ("GB", 2026, date(2026, 3, 15)),
        ("PL", 2026, date(2026, 5, 26)),
        ("PL", 2027, date(2027, 5, 26)),
        # France: last Sunday of May...
        ("FR", 2025, date(2025, 5, 25)),
        ("FR", 2026, date(2026, 5, 31)),
        # ...unless that Sunday is Pentecost: then the first Sunday of June
        ("FR", 2020, date(2020, 6, 7)),
        ("FR", 2023, date(2023, 6, 4)),
    ],
)
def test_mothers_day_follows_the_country(country, year, day):
    assert mothers_day(year, country) == day


def test_a_country_without_a_rule_gets_no_mothers_day():
    assert mothers_day(2026, "ZA") is None


def test_the_retail_dates_of_a_year():
    events = retail_events(2026, "DE", (12, 18))
    retail = {e.key: e.day for e in events if e.kind == RETAIL}
    assert retail == {
        "returns_day": date(2026, 1, 2),
        "valentines_day": date(2026, 2, 14),
        "mothers_day": date(2026, 5, 10),
        "singles_day": date(2026, 11, 11),
        "black_friday": date(2026, 11, 27),
        "cyber_monday": date(2026, 11, 30),
        "shipping_cutoff": date(2026, 12, 18),
        "boxing_day": date(2026, 12, 26),
    }
    assert events == sorted(events, key=lambda e: e.day)


def test_returns_day_is_the_first_working_day_after_new_year():
    # 2022: 2 January is a Sunday
    returns = {e.key: e.day for e in retail_events(2022, "US", None)}["returns_day"]
    assert returns == date(2022, 1, 3)
    # 2023: Monday 2 January is the US's observed New Year holiday
    assert {e.key: e.day for e in retail_events(2023, "US", None)}["returns_day"] == date(2023, 1, 3)


def test_no_shipping_cutoff_when_set_to_none():
    assert parse_cutoff("none") is None
    assert "shipping_cutoff" not in {e.key for e in retail_events(2026, "DE", None)}


@pytest.mark.parametrize("value", ["12-32", "13-01", "christmas", "1218"])
def test_a_bad_cutoff_is_refused_in_one_line(value):
    with pytest.raises(InvalidInput, match="not a day of the year"):
        parse_cutoff(value)


def test_public_holidays_of_the_country_in_english():
    holidays = {e.day: e.name for e in retail_events(2026, "DE", None) if e.kind == HOLIDAY}
    assert holidays[date(2026, 10, 3)] == "German Unity Day"
    assert holidays[date(2026, 12, 25)] == "Christmas Day"
    gb = {e.day: e.name for e in retail_events(2026, "GB", None) if e.kind == HOLIDAY}
    assert gb[date(2026, 5, 4)] == "May Day"


def test_holiday_names_do_not_follow_the_machines_language(monkeypatch):
    from ecomtui.services import retail_calendar

    names = {}
    for lang in ("de_DE.UTF-8", "fr_FR.UTF-8", "C.UTF-8"):
        retail_calendar.public_holidays.cache_clear()
        monkeypatch.setenv("LANG", lang)
        monkeypatch.setenv("LC_ALL", lang)
        names[lang] = [e.name for e in retail_events(2026, "DE", None)]
    assert names["de_DE.UTF-8"] == names["fr_FR.UTF-8"] == names["C.UTF-8"]
    assert "Neujahr" not in names["de_DE.UTF-8"]


def test_boxing_day_is_not_listed_twice_where_it_is_a_holiday():
    gb = [e for e in retail_events(2026, "GB", None) if e.day == date(2026, 12, 26)]
    assert [(e.name, e.kind) for e in gb] == [("Boxing Day", HOLIDAY)]


def test_events_between_spans_years():
    found = events_between(date(2026, 12, 20), date(2027, 1, 5), "DE", (12, 18))
    assert [e.name for e in found if e.kind == RETAIL] == ["Boxing Day", "Returns Day"]


def test_a_promotion_is_offered_around_black_friday():
    friday = next(e for e in retail_events(2026, "DE", None) if e.key == "black_friday")
    assert promotion_around(friday) == ("Black Week sale", date(2026, 11, 23), date(2026, 11, 30))


def test_country_from_the_locale():
    assert locale_country({"LANG": "de_DE.UTF-8"}) == "DE"
    assert locale_country({"LC_ALL": "en_GB.UTF-8", "LANG": "de_DE.UTF-8"}) == "GB"
    assert locale_country({"LANG": "C.UTF-8"}) is None
    assert locale_country({}) is None


def test_country_codes_are_checked():
    assert check_country(" gb ") == "GB"
    with pytest.raises(InvalidInput, match="not a country code"):
        check_country("XX")
    with pytest.raises(InvalidInput, match="not a country code"):
        check_country("DEU")


def test_a_region_adds_its_own_holidays():
    saxony = {e.day: e.name for e in retail_events(2026, "DE-SN", None) if e.kind == HOLIDAY}
    assert saxony[date(2026, 11, 18)] == "Repentance and Prayer Day"
    assert date(2026, 11, 18) not in {e.day for e in retail_events(2026, "DE", None)}
    assert mothers_day(2026, "DE-SN") == date(2026, 5, 10)
    assert check_country("de-sn") == "DE-SN"
    with pytest.raises(InvalidInput, match="has no region XX"):
        check_country("DE-XX")
