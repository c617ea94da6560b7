"""Retail events and public holidays on the promotion calendar. Computed, never stored.

Public holidays come from the ``holidays`` package for the store's country
(``DE``), or a region of it (``DE-SN``: Saxony's holidays too), always with
an explicit ``language=``: without it the package names holidays
after the machine's ``LANG``, and two machines would show (and test) different
names. English is used where the package has it, else the country's own
language.

The retail dates no package has are computed here: Valentine's Day, Mother's
Day for the country (rules below), Singles' Day, Black Friday (the day after
the fourth Thursday of November), Cyber Monday (the Monday after), the
Christmas shipping cut-off (a setting, ``MM-DD``), Boxing Day and Returns Day
(the first working day of January after New Year: the busiest day for
returns, as UPS counts it).

``holidays`` is imported lazily, inside the functions that need it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

DEFAULT_COUNTRY = "US"  # when neither the settings nor the locale name one
DEFAULT_SHIPPING_CUTOFF = "12-18"

RETAIL = "retail"
HOLIDAY = "holiday"


@dataclass(frozen=True)
class RetailEvent:
    """A retail date or public holiday: shown on the calendar, never edited."""

    day: date
    name: str
    kind: str  # RETAIL or HOLIDAY
    key: str  # "black_friday", ...; "holiday" for public holidays

    def uid(self, country: str) -> str:
        """A stable iCalendar UID: the same event exported twice is one event to a calendar."""
        slug = self.key if self.kind == RETAIL else re.sub(r"[^a-z0-9]+", "-", self.name.casefold()).strip("-")
        return f"{self.day.isoformat()}-{slug or 'holiday'}-{country.lower()}@events.ecomtui"


# ---- date rules -------------------------------------------------------------------------


def easter(year: int) -> date:
    """Western (Gregorian) Easter Sunday: the anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the algorithm's own name)
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th ``weekday`` (Monday 0) of the month; ``n = -1`` for the last one."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    following = date(year + month // 12, month % 12 + 1, 1)
    last = following - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


SUNDAY = 6
THURSDAY = 3


def black_friday(year: int) -> date:
    """The day after the fourth Thursday of November (US Thanksgiving)."""
    return nth_weekday(year, 11, THURSDAY, 4) + timedelta(days=1)


def cyber_monday(year: int) -> date:
    return black_friday(year) + timedelta(days=3)


def _french_mothers_day(year: int) -> date:
    """Last Sunday of May, or the first Sunday of June when that Sunday is Pentecost."""
    day = nth_weekday(year, 5, SUNDAY, -1)
    if day == easter(year) + timedelta(days=49):
        day = nth_weekday(year, 6, SUNDAY, 1)
    return day


# Mother's Day by country (the holidays package has it for the US only).
_MOTHERS_DAY = {
    **dict.fromkeys(
        ("US", "CA", "AU", "NZ", "DE", "AT", "CH", "IT", "NL", "BE", "DK", "FI", "JP", "BR", "TR", "GR", "CZ", "SK"),
        lambda y: nth_weekday(y, 5, SUNDAY, 2),
    ),
    **dict.fromkeys(("GB", "IE"), lambda y: easter(y) - timedelta(days=21)),  # Mothering Sunday
    **dict.fromkeys(("ES", "PT", "HU", "LT"), lambda y: nth_weekday(y, 5, SUNDAY, 1)),
    "PL": lambda y: date(y, 5, 26),
    "FR": _french_mothers_day,
    "SE": lambda y: nth_weekday(y, 5, SUNDAY, -1),
    "NO": lambda y: nth_weekday(y, 2, SUNDAY, 2),
    "MX": lambda y: date(y, 5, 10),
}


def mothers_day(year: int, country: str) -> date | None:
    """Mother's Day as the country (``DE``, or a region of it, ``DE-SN``) keeps it; None without a rule here."""
    rule = _MOTHERS_DAY.get(split_region(country)[0])
    return rule(year) if rule else None


def parse_cutoff(value: str | None) -> tuple[int, int] | None:
    """A ``MM-DD`` setting as (month, day); empty or ``none`` means no cut-off. Raises InvalidInput."""
    from ecomtui.services.validation import InvalidInput

    typed = (value or "").strip()
    if not typed or typed.casefold() == "none":
        return None
    match = re.fullmatch(r"(\d{1,2})-(\d{1,2})", typed)
    try:
        if not match:
            raise ValueError
        month, day = int(match.group(1)), int(match.group(2))
        date(2024, month, day)  # a leap year: 02-29 is a day some years have
    except ValueError:
        raise InvalidInput(
            f"shipping cut-off: '{typed}' is not a day of the year (MM-DD, e.g. 12-18)", "cutoff"
        ) from None
    return month, day


def _returns_day(year: int, holiday_days: set[date]) -> date:
    day = date(year, 1, 2)
    while day.weekday() >= 5 or day in holiday_days:
        day += timedelta(days=1)
    return day


# ---- public holidays ---------------------------------------------------------------------


def _language(country_holidays) -> str | None:
    """English if the package has it for the country (its own English first), else its default language."""
    default = country_holidays.default_language
    if default and default.startswith("en"):
        return default
    for language in ("en_US", "en_GB"):
        if language in country_holidays.supported_languages:
            return language
    return default


def split_region(region: str) -> tuple[str, str | None]:
    """``DE-SN`` as (``DE``, ``SN``): a country and, optionally, its state or region for regional holidays."""
    country, _, subdivision = region.strip().upper().partition("-")
    return country, subdivision or None


@lru_cache(maxsize=64)
def public_holidays(region: str, year: int) -> tuple[tuple[date, str], ...]:
    """The public holidays of a country (``DE``) or region (``DE-SN``) in ``year``, English names where available."""
    import holidays

    country, subdivision = split_region(region)
    probe = holidays.country_holidays(country, years=[])
    found = holidays.country_holidays(country, subdiv=subdivision, years=year, language=_language(probe))
    return tuple(sorted(found.items()))


@lru_cache(maxsize=1)
def supported_countries() -> frozenset[str]:
    import holidays

    return frozenset(code for code in holidays.list_supported_countries() if len(code) == 2)


def check_country(value: str | None) -> str:
    """A two-letter country code the holidays package knows, optionally with a region (``DE-SN``). Raises InvalidInput."""
    import holidays

    from ecomtui.services.validation import InvalidInput

    typed = (value or "").strip()
    country, subdivision = split_region(typed)
    if country not in supported_countries():
        raise InvalidInput(
            f"country: '{typed}' is not a country code with public holidays (e.g. DE, GB, US, FR)", "country"
        )
    if subdivision is not None:
        known = [s for s in holidays.country_holidays(country, years=[]).subdivisions if s.isupper()]
        if subdivision not in known:
            raise InvalidInput(
                f"country: '{typed}': {country} has no region {subdivision} (known: {', '.join(known)})", "country"
            )
        return f"{country}-{subdivision}"
    return country


def locale_country(environ=None) -> str | None:
    """The country of the user's locale (``de_DE.UTF-8`` -> ``DE``), if it names one."""
    environ = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_TIME", "LANG"):
        value = environ.get(var, "")
        match = re.match(r"^[a-z]{2,3}_([A-Z]{2})\b", value)
        if match:
            return match.group(1)
        if value:
            return None  # the first variable set decides, as the C library does
    return None


# ---- the events of a year ------------------------------------------------------------------


def retail_events(year: int, country: str, cutoff: tuple[int, int] | None) -> list[RetailEvent]:
    """Every retail date and public holiday of ``year`` for ``country``, by day."""
    try:
        holiday_list = public_holidays(country, year)
    except NotImplementedError:  # a country the package does not know (set by another tool)
        holiday_list = ()
    events = [RetailEvent(day, name, HOLIDAY, "holiday") for day, name in holiday_list]
    days = {day for day, _ in holiday_list}
    retail = [
        (_returns_day(year, days), "Returns Day", "returns_day"),
        (date(year, 2, 14), "Valentine's Day", "valentines_day"),
        (mothers_day(year, country), "Mother's Day", "mothers_day"),
        (date(year, 11, 11), "Singles' Day", "singles_day"),
        (black_friday(year), "Black Friday", "black_friday"),
        (cyber_monday(year), "Cyber Monday", "cyber_monday"),
        (_cutoff_day(year, cutoff), "Christmas shipping cut-off", "shipping_cutoff"),
        (date(year, 12, 26), "Boxing Day", "boxing_day"),
    ]
    named = {(day, name.casefold()) for day, name in holiday_list}
    for day, name, key in retail:
        if day is not None and (day, name.casefold()) not in named:  # GB's Boxing Day is a holiday already
            events.append(RetailEvent(day, name, RETAIL, key))
    events.sort(key=lambda e: (e.day, e.kind != HOLIDAY, e.name))
    return events


def _cutoff_day(year: int, cutoff: tuple[int, int] | None) -> date | None:
    if cutoff is None:
        return None
    try:
        return date(year, *cutoff)
    except ValueError:  # 02-29 in a common year
        return None


def events_between(first: date, last: date, country: str, cutoff: tuple[int, int] | None) -> list[RetailEvent]:
    """Every retail date and holiday from ``first`` to ``last`` (inclusive), by day."""
    found = []
    for year in range(first.year, last.year + 1):
        found.extend(e for e in retail_events(year, country, cutoff) if first <= e.day <= last)
    return found


# ---- a promotion around an event --------------------------------------------------------

# key: (days before, days after, name of the promotion offered)
_WINDOWS = {
    "valentines_day": (7, 0, "Valentine's Day gifts"),
    "mothers_day": (7, 0, "Mother's Day gifts"),
    "singles_day": (2, 0, "Singles' Day sale"),
    "black_friday": (4, 3, "Black Week sale"),
    "cyber_monday": (0, 0, "Cyber Monday deals"),
    "shipping_cutoff": (10, 0, "Last orders before Christmas"),
    "boxing_day": (0, 5, "Boxing Day sale"),
    "returns_day": (0, 6, "January clearance"),
}


def promotion_around(event: RetailEvent) -> tuple[str, date, date]:
    """The promotion offered for ``n`` on an event: (name, first day, last day)."""
    before, after, name = _WINDOWS.get(event.key, (3, 0, f"{event.name} promotion"))
    return name, event.day - timedelta(days=before), event.day + timedelta(days=after)
