"""The partner roster's pure logic: records, typed input, the flags a manager acts on, the filter.

No database and no Textual: the Agencies tab, the command line and the
exports share these records; the flags are a pure function of a partner and
a date, so they are tested on fixed days.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from ecomtui.vocabulary import PARTNER_KINDS, counted

INTERACTION_KINDS = ("call", "meeting", "email", "review")
CONTRACT_WARNING_DAYS = 60  # a contract ending this soon is flagged
QUIET_DAYS = 30  # no interaction for longer than this is flagged (agencies and freelancers)
MAX_NOTICE_DAYS = 3660

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_PHONE = re.compile(r"^\+?[0-9 ()./-]{3,40}$", re.ASCII)


# ---- records ------------------------------------------------------------------------


@dataclass(frozen=True)
class ContactRow:
    """A contact person at a partner."""

    id: int | None
    name: str
    role: str = ""
    email: str = ""
    phone: str = ""
    version: int = 1

    def as_json(self) -> dict:
        return {"name": self.name, "email": self.email or None, "phone": self.phone or None}

    def describe(self) -> str:
        return " · ".join(part for part in (self.name, self.role, self.email, self.phone) if part)


@dataclass(frozen=True)
class InteractionRow:
    """One logged call, meeting, e-mail or review."""

    id: int
    partner_id: int
    day: date
    kind: str
    summary: str
    next_step: str = ""
    follow_up: date | None = None
    follow_up_done: bool = False

    def follow_up_open(self) -> bool:
        return self.follow_up is not None and not self.follow_up_done


@dataclass(frozen=True)
class OwnedTask:
    """An open task on the board that the partner owns."""

    id: int
    title: str
    status: str
    due: date | None

    def is_overdue(self, today: date) -> bool:
        return self.due is not None and self.due < today


@dataclass(frozen=True)
class Flag:
    """Something about a partner that asks the manager to act; ``key`` is stable for scripts and tests."""

    key: str  # contract, follow_up, quiet, overdue_tasks
    text: str


@dataclass(frozen=True)
class Partner:
    """A partner with everything the tab, the command line and the exports show."""

    id: int
    name: str
    kind: str
    services: tuple[str, ...] = ()
    website: str = ""
    retainer_minor: int | None = None
    contract_start: date | None = None
    contract_end: date | None = None
    notice_days: int | None = None
    rating: int | None = None
    notes: str = ""
    archived: bool = False
    version: int = 1
    contacts: tuple[ContactRow, ...] = ()
    interactions: tuple[InteractionRow, ...] = ()  # newest first
    tasks: tuple[OwnedTask, ...] = ()  # open tasks, board order
    spend_month_minor: int = 0
    spend_year_minor: int = 0
    task_count: int = 0  # every task it owns, done ones too (what a delete would touch)
    expense_count: int = 0

    @property
    def last_interaction(self) -> date | None:
        return max((i.day for i in self.interactions), default=None)

    def overdue_tasks(self, today: date) -> int:
        return sum(1 for t in self.tasks if t.is_overdue(today))

    def as_json(self) -> dict:
        """``partner list --json`` (PRODUCT.md): retainer as a number, dates ISO."""
        from ecomtui.services.money import from_minor

        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "services": list(self.services),
            "contacts": [c.as_json() for c in self.contacts],
            "retainer": float(from_minor(self.retainer_minor)) if self.retainer_minor is not None else None,
            "contract_end": self.contract_end.isoformat() if self.contract_end else None,
        }


# ---- flags --------------------------------------------------------------------------


def contract_flag(partner: Partner, today: date) -> Flag | None:
    """The contract ends within 60 days, or its notice period has begun, or it has ended."""
    end = partner.contract_end
    if end is None:
        return None
    left = (end - today).days
    if left < 0:
        return Flag("contract", f"contract ended {end.isoformat()} ({counted(-left, 'day')} ago)")
    notice = partner.notice_days or 0
    if notice and left <= notice:
        return Flag(
            "contract", f"contract ends {end.isoformat()}: its notice period ({counted(notice, 'day')}) has begun"
        )
    if left <= CONTRACT_WARNING_DAYS:
        when = "today" if left == 0 else f"in {counted(left, 'day')}"
        return Flag("contract", f"contract ends {end.isoformat()} ({when})")
    return None


def notice_deadline(partner: Partner) -> date | None:
    """The last day to give notice, when the contract has an end and a notice period."""
    if partner.contract_end is None or not partner.notice_days:
        return None
    return partner.contract_end - timedelta(days=partner.notice_days)


def follow_up_flag(partner: Partner, today: date) -> Flag | None:
    passed = sorted(i.follow_up for i in partner.interactions if i.follow_up_open() and i.follow_up < today)
    if not passed:
        return None
    extra = f" (+{len(passed) - 1} more)" if len(passed) > 1 else ""
    return Flag("follow_up", f"follow-up was due {passed[0].isoformat()}{extra}")


def quiet_flag(partner: Partner, today: date) -> Flag | None:
    """No interaction in 30 days; in-house colleagues are seen every day and are not flagged."""
    if partner.kind == "in-house":
        return None
    last = partner.last_interaction
    if last is None:
        return Flag("quiet", "no interaction logged yet")
    quiet = (today - last).days
    if quiet > QUIET_DAYS:
        return Flag("quiet", f"no interaction for {counted(quiet, 'day')} (last {last.isoformat()})")
    return None


def overdue_flag(partner: Partner, today: date) -> Flag | None:
    overdue = partner.overdue_tasks(today)
    if not overdue:
        return None
    return Flag("overdue_tasks", f"owns {overdue} overdue task{'s' if overdue != 1 else ''}")


def partner_flags(partner: Partner, today: date) -> list[Flag]:
    """Everything about an active partner that asks for action today (none for an archived one)."""
    if partner.archived:
        return []
    checks = (contract_flag, follow_up_flag, quiet_flag, overdue_flag)
    return [flag for check in checks if (flag := check(partner, today)) is not None]


# ---- the filter ---------------------------------------------------------------------


@dataclass(frozen=True)
class RosterFilter:
    """What narrows the list: free text plus an exact kind and service."""

    text: str = ""
    kind: str | None = None
    service: str | None = None

    @property
    def active(self) -> bool:
        return bool(self.text.strip() or self.kind or self.service)

    def describe(self) -> str:
        parts = []
        if self.text.strip():
            parts.append(f'"{self.text.strip()}"')
        if self.kind:
            parts.append(f"kind {self.kind}")
        if self.service:
            parts.append(f"service {self.service}")
        return ", ".join(parts)


def search_text(partner: Partner) -> str:
    contacts = " ".join(c.describe() for c in partner.contacts)
    return f"{partner.name} {partner.kind} {' '.join(partner.services)} {contacts} {partner.notes}".casefold()


def matches(partner: Partner, flt: RosterFilter) -> bool:
    """Whether a partner passes the filter (text: every word, case-insensitive, in name, services, contacts, notes)."""
    if flt.kind and partner.kind != flt.kind:
        return False
    if flt.service and flt.service.casefold() not in (s.casefold() for s in partner.services):
        return False
    text = search_text(partner)
    return all(word in text for word in flt.text.casefold().split())


def all_services(partners: list[Partner]) -> list[str]:
    """Every service any partner offers, once (first spelling wins), sorted case-insensitively."""
    seen: dict[str, str] = {}
    for partner in partners:
        for service in partner.services:
            seen.setdefault(service.casefold(), service)
    return sorted(seen.values(), key=str.casefold)


def roster_order(partners: list[Partner]) -> list[Partner]:
    """Active partners first, by name; archived ones after them."""
    return sorted(partners, key=lambda p: (p.archived, p.name.casefold(), p.id))


# ---- typed input --------------------------------------------------------------------


@dataclass(frozen=True)
class ContactInput:
    """A contact row as typed; ``id`` is the stored contact it edits (None: a new one)."""

    name: str
    role: str = ""
    email: str = ""
    phone: str = ""
    id: int | None = None


@dataclass(frozen=True)
class PartnerInput:
    """Validated fields of a new or edited partner (contacts: the full list after the edit)."""

    name: str
    kind: str
    services: tuple[str, ...] = ()
    website: str = ""
    retainer_minor: int | None = None
    contract_start: date | None = None
    contract_end: date | None = None
    notice_days: int | None = None
    rating: int | None = None
    notes: str = ""
    archived: bool = False
    contacts: tuple[ContactInput, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class InteractionInput:
    """Validated fields of a logged interaction."""

    day: date
    kind: str
    summary: str
    next_step: str = ""
    follow_up: date | None = None


def optional_text(value: str | None, field_name: str, max_length: int) -> str:
    """One line of text that may be empty."""
    from ecomtui.services.validation import require_text

    if not (value or "").strip():
        return ""
    return require_text(value, field_name, max_length)


def parse_email(value: str | None, field_name: str = "email") -> str:
    text = optional_text(value, field_name, 200)
    if text and not _EMAIL.match(text):
        from ecomtui.services.validation import InvalidInput

        raise InvalidInput(f"{field_name}: '{text}' is not an e-mail address (like name@example.com)", field_name)
    return text


def parse_phone(value: str | None, field_name: str = "phone") -> str:
    text = optional_text(value, field_name, 60)
    if text and not (_PHONE.match(text) and sum(ch.isdigit() for ch in text) >= 3):
        from ecomtui.services.validation import InvalidInput

        raise InvalidInput(
            f"{field_name}: '{text}' is not a phone number (digits, spaces, + ( ) - . / only)", field_name
        )
    return text


def parse_services(value: str | None) -> tuple[str, ...]:
    """``SEO, PPC`` -> ("SEO", "PPC"): comma-separated, duplicates (ignoring case) dropped."""
    services: list[str] = []
    for part in (value or "").split(","):
        service = optional_text(part, "services", 80)
        if service and service.casefold() not in (s.casefold() for s in services):
            services.append(service)
    return tuple(services)


def _parse_int(value: str | None, field_name: str, low: int, high: int, unit: str) -> int | None:
    from ecomtui.services.validation import InvalidInput

    typed = (value or "").strip()
    if not typed:
        return None
    if not re.fullmatch(r"\d+", typed, re.ASCII) or not low <= int(typed) <= high:
        raise InvalidInput(f"{field_name}: '{typed}' is not {unit} from {low} to {high}", field_name)
    return int(typed)


def parse_rating(value: str | None) -> int | None:
    return _parse_int(value, "rating", 1, 5, "a whole number")


def parse_notice(value: str | None) -> int | None:
    return _parse_int(value, "notice", 0, MAX_NOTICE_DAYS, "a number of days")


def parse_website(value: str | None) -> str:
    from ecomtui.services.validation import InvalidInput

    text = optional_text(value, "website", 300)
    if text and (" " in text or "." not in text):
        raise InvalidInput(f"website: '{text}' is not a web address (like https://agency.example)", "website")
    return text


def build_contact_input(
    name: str | None, role: str | None = None, email: str | None = None, phone: str | None = None, id: int | None = None
) -> ContactInput:
    from ecomtui.services.validation import require_text

    return ContactInput(
        name=require_text(name, "contact", 200),
        role=optional_text(role, "role", 120),
        email=parse_email(email),
        phone=parse_phone(phone),
        id=id,
    )


def build_partner_input(
    *,
    name: str | None,
    kind: str | None,
    services: str | None = None,
    website: str | None = None,
    retainer: str | None = None,
    contract_start: str | None = None,
    contract_end: str | None = None,
    notice: str | None = None,
    rating: str | None = None,
    notes: str | None = None,
    archived: bool = False,
    contacts: tuple[ContactInput, ...] = (),
) -> PartnerInput:
    """Validate typed partner fields (raises InvalidInput naming the first bad field)."""
    from ecomtui.services.money import parse_amount
    from ecomtui.services.validation import InvalidInput, multiline_text, parse_choice, parse_date, require_text

    start = parse_date(contract_start, "contract_start")
    end = parse_date(contract_end, "contract_end")
    if start and end and end < start:
        raise InvalidInput(
            f"contract_end: {end.isoformat()} is before the contract start {start.isoformat()}", "contract_end"
        )
    return PartnerInput(
        name=require_text(name, "name", 200),
        kind=parse_choice(kind, PARTNER_KINDS, "kind"),
        services=parse_services(services),
        website=parse_website(website),
        retainer_minor=parse_amount(retainer, "retainer"),
        contract_start=start,
        contract_end=end,
        notice_days=parse_notice(notice),
        rating=parse_rating(rating),
        notes=multiline_text(notes, "notes"),
        archived=archived,
        contacts=contacts,
    )


def build_interaction_input(
    *,
    kind: str | None,
    summary: str | None,
    day: str | None = None,
    next_step: str | None = None,
    follow_up: str | None = None,
    today: date,
) -> InteractionInput:
    """Validate a logged interaction; the day defaults to today."""
    from ecomtui.services.validation import InvalidInput, parse_choice, parse_date, require_text

    when = parse_date(day, "day") or today
    follow = parse_date(follow_up, "follow_up")
    if follow is not None and follow < when:
        raise InvalidInput(
            f"follow_up: {follow.isoformat()} is before the interaction ({when.isoformat()})", "follow_up"
        )
    return InteractionInput(
        day=when,
        kind=parse_choice(kind, INTERACTION_KINDS, "kind"),
        summary=require_text(summary, "summary", 2000),
        next_step=optional_text(next_step, "next_step", 500),
        follow_up=follow,
    )
