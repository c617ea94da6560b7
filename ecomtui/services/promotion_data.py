"""Promotions as the calendar and the command line hold them: records, typed input, money, filters.

Pure and import-light (no database, no Textual): the calendar tab keeps every
promotion in memory and filters it per keystroke; dialogs validate with the
same functions the command line uses.

Money is integer minor units (cents) everywhere here; a discount is either a
percent (stored as percent x 100, so 12.5 % is 1250) or a fixed amount off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import cached_property

from ecomtui.services.validation import InvalidInput, parse_date, require_text
from ecomtui.vocabulary import PROMOTION_KIND_LABELS, PROMOTION_STATUS_LABELS

NAME_MAX = 200
CODE_MAX = 60


@dataclass(frozen=True)
class Promotion:
    """One promotion, with its channels and owner resolved to names."""

    id: int
    name: str
    start: date
    end: date  # inclusive
    kind: str = "sale"
    status: str = "planned"
    channel_ids: tuple[int, ...] = ()
    channels: tuple[str, ...] = ()
    code: str = ""
    discount_pct: int | None = None  # percent x 100
    discount_minor: int | None = None  # a fixed amount off
    budget_minor: int | None = None
    revenue_target_minor: int | None = None
    owner_id: int | None = None
    owner: str | None = None
    notes: str = ""
    uid: str = ""
    sequence: int = 0
    modified_at: datetime | None = None
    version: int = 1  # the row version this copy shows (conflict-safe edits)
    task_count: int = 0

    @cached_property
    def search_text(self) -> str:
        """What the text filter searches, case-folded once."""
        parts = (
            self.name,
            self.code,
            self.notes,
            self.owner or "",
            " ".join(self.channels),
            self.status,
            PROMOTION_STATUS_LABELS.get(self.status, ""),
            PROMOTION_KIND_LABELS.get(self.kind, self.kind),
        )
        return "\n".join(parts).casefold()

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end

    def overlaps(self, first: date, last: date) -> bool:
        return self.start <= last and first <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def discount_text(self, currency: str) -> str:
        """``15%``, ``12.5%`` or ``10.00 EUR``; empty without a discount."""
        if self.discount_pct is not None:
            return percent_text(self.discount_pct)
        if self.discount_minor is not None:
            return money_text(self.discount_minor, currency)
        return ""

    def as_json(self, conflicts: list[int]) -> dict:
        """The stable ``promo list --json`` shape (PRODUCT.md), plus kind, owner and the other amounts."""
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "channels": list(self.channels),
            "code": self.code or None,
            "discount": _number(self.discount_pct) if self.discount_pct is not None else None,
            "discount_amount": _number(self.discount_minor),
            "budget": _number(self.budget_minor),
            "revenue_target": _number(self.revenue_target_minor),
            "owner": self.owner,
            "status": self.status,
            "conflicts": conflicts,
        }


def _number(minor: int | None) -> float | int | None:
    """Hundredths as a JSON number (15.0 for 1500; whole values stay floats, as in ``budget show``)."""
    if minor is None:
        return None
    return float(Decimal(minor) / 100)


@dataclass(frozen=True)
class PromotionInput:
    """Validated fields of a new or edited promotion."""

    name: str
    start: date
    end: date
    kind: str = "sale"
    status: str = "planned"
    channel_ids: tuple[int, ...] = ()
    code: str = ""
    discount_pct: int | None = None
    discount_minor: int | None = None
    budget_minor: int | None = None
    revenue_target_minor: int | None = None
    owner_id: int | None = None
    notes: str = ""
    extra: dict = field(default_factory=dict, compare=False)  # iCalendar identity on import


# ---- money and discounts --------------------------------------------------------------

_CURRENCY_MARK = re.compile(r"^\s*(?:[A-Za-z]{3}|[€$£¥])?\s*(.*?)\s*(?:[A-Za-z]{3}|[€$£¥])?\s*$")
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")


def parse_amount(value: str | None, field_name: str) -> int | None:
    """A money amount as minor units: ``1500``, ``1,500.00``, ``12,50``, ``€ 20``; empty means none."""
    typed = (value or "").strip()
    if not typed:
        return None
    number = _CURRENCY_MARK.match(typed).group(1).replace(" ", "").replace("\u00a0", "")
    if _GROUPED.match(number):
        number = number.replace(",", "")
    elif number.count(",") == 1 and "." not in number and len(number.split(",")[1]) <= 2:
        number = number.replace(",", ".")  # a decimal comma: 12,50
    try:
        amount = Decimal(number)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or not re.fullmatch(r"\d+(\.\d+)?", number):
        raise InvalidInput(f"{field_name}: '{typed}' is not an amount (e.g. 1500 or 1,500.00)", field_name)
    if amount != amount.quantize(Decimal("0.01")):
        raise InvalidInput(f"{field_name}: '{typed}' has more than two decimals", field_name)
    minor = int(amount * 100)
    if minor > 10**13:
        raise InvalidInput(f"{field_name}: '{typed}' is too large", field_name)
    return minor


def parse_discount(value: str | None) -> tuple[int | None, int | None]:
    """``(percent x 100, None)`` for ``15`` / ``15%`` / ``12.5 %``; ``(None, minor)`` for ``10 EUR`` / ``€10``."""
    typed = (value or "").strip()
    if not typed:
        return None, None
    number = typed.rstrip("%").strip()
    if re.fullmatch(r"\d+([.,]\d+)?", number):
        percent = Decimal(number.replace(",", "."))
        if not 0 < percent <= 100 or percent != percent.quantize(Decimal("0.01")):
            raise InvalidInput(f"discount: '{typed}' must be a percent above 0 and at most 100", "discount")
        return int(percent * 100), None
    try:
        return None, parse_amount(typed, "discount")
    except InvalidInput:
        raise InvalidInput(
            f"discount: '{typed}' is neither a percent (15 or 15%) nor an amount off (10 EUR)", "discount"
        ) from None


def percent_text(hundredths: int) -> str:
    """``1500`` as ``15%``, ``1250`` as ``12.5%``."""
    text = f"{Decimal(hundredths) / 100:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def money_text(minor: int, currency: str) -> str:
    """``150000`` as ``1,500.00 EUR``."""
    return f"{Decimal(minor) / 100:,.2f} {currency}"


def discount_input_text(discount_pct: int | None, discount_minor: int | None, currency: str) -> str:
    """A stored discount as a dialog shows it for editing (``15%``, ``10.00 EUR``: parse_discount reads it back)."""
    if discount_pct is not None:
        return percent_text(discount_pct)
    if discount_minor is not None:
        return f"{Decimal(discount_minor) / 100:.2f} {currency}"
    return ""


def amount_input_text(minor: int | None) -> str:
    return "" if minor is None else f"{Decimal(minor) / 100:.2f}"


# ---- choices ----------------------------------------------------------------------------


def _choice(value: str | None, labels: dict[str, str], field_name: str, default: str) -> str:
    """A key of ``labels`` from its key or label, any case; ``free-shipping`` and ``free shipping`` too."""
    typed = (value or "").strip()
    if not typed:
        return default
    wanted = re.sub(r"[\s_-]+", " ", typed).casefold()
    for key, label in labels.items():
        if wanted in (key.replace("_", " "), label.casefold()):
            return key
    raise InvalidInput(f"{field_name}: '{typed}' is not one of {', '.join(labels)}", field_name)


def parse_status(value: str | None, default: str = "planned") -> str:
    return _choice(value, PROMOTION_STATUS_LABELS, "status", default)


def parse_kind(value: str | None, default: str = "sale") -> str:
    return _choice(value, PROMOTION_KIND_LABELS, "kind", default)


def clean_notes(text: str | None) -> str:
    """Notes as typed, without control characters other than line breaks and tabs, blank edges trimmed."""
    kept = "".join(ch for ch in (text or "") if ch in "\n\t" or not (ord(ch) < 32 or 127 <= ord(ch) < 160))
    lines = kept.rstrip().split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines)


def build_promotion_input(
    *,
    name: str | None,
    start: str | date | None,
    end: str | date | None,
    kind: str | None = None,
    status: str | None = None,
    channel_ids: tuple[int, ...] = (),
    code: str | None = None,
    discount: str | None = None,
    budget: str | None = None,
    revenue_target: str | None = None,
    owner_id: int | None = None,
    notes: str | None = None,
) -> PromotionInput:
    """Validate typed promotion fields (raises InvalidInput naming the first bad field)."""
    name = require_text(name, "name", NAME_MAX)
    first = start if isinstance(start, date) else parse_date(start, "start")
    last = end if isinstance(end, date) else parse_date(end, "end")
    if first is None:
        raise InvalidInput("start: a start date is required (YYYY-MM-DD)", "start")
    if last is None:
        raise InvalidInput("end: an end date is required (YYYY-MM-DD)", "end")
    if last < first:
        raise InvalidInput(
            f"end: {last.isoformat()} is before the start {first.isoformat()} (the end day is included)", "end"
        )
    code_text = (code or "").strip()
    if code_text:
        code_text = require_text(code_text, "code", CODE_MAX)
        if any(ch.isspace() for ch in code_text):
            raise InvalidInput(f"code: '{code_text}' has spaces; a discount code is one word", "code")
    pct, fixed = parse_discount(discount)
    return PromotionInput(
        name=name,
        start=first,
        end=last,
        kind=parse_kind(kind),
        status=parse_status(status),
        channel_ids=tuple(dict.fromkeys(channel_ids)),
        code=code_text,
        discount_pct=pct,
        discount_minor=fixed,
        budget_minor=parse_amount(budget, "budget"),
        revenue_target_minor=parse_amount(revenue_target, "revenue_target"),
        owner_id=owner_id,
        notes=clean_notes(notes),
    )


# ---- filter --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PromotionFilter:
    """What narrows the calendar: words (``channel:ppc`` and ``status:live`` pick exactly), channel, status."""

    text: str = ""
    channel: str | None = None
    status: str | None = None

    @property
    def active(self) -> bool:
        return bool(self.text.strip() or self.channel or self.status)

    def describe(self) -> str:
        parts = []
        if self.text.strip():
            parts.append(f'"{self.text.strip()}"')
        if self.channel:
            parts.append(f"channel {self.channel}")
        if self.status:
            parts.append(f"status {PROMOTION_STATUS_LABELS.get(self.status, self.status)}")
        return ", ".join(parts)


def promotion_matcher(flt: PromotionFilter):
    """A predicate for ``flt``, with its words folded once (not once per promotion)."""
    channels = [flt.channel.casefold()] if flt.channel else []
    statuses = [flt.status] if flt.status else []
    words = []
    for word in flt.text.casefold().split():
        key, _, value = word.partition(":")
        if value and key in ("channel", "ch"):
            channels.append(value)
        elif value and key in ("status", "st"):
            statuses.append(value)
        else:
            words.append(word)

    def test(promotion: Promotion) -> bool:
        for wanted in channels:
            if not any(name.casefold().startswith(wanted) for name in promotion.channels):
                return False
        for wanted in statuses:
            label = PROMOTION_STATUS_LABELS.get(promotion.status, "").casefold()
            if not (promotion.status.startswith(wanted) or label.startswith(wanted)):
                return False
        text = promotion.search_text
        return all(word in text for word in words)

    return test
