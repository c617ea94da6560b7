"""The weekly review: which week, its steps' figures, and saved reviews with their snapshots.

Each step is a function ``(conn, period) -> Section`` listed in ``STEPS``;
domains add theirs there. A saved review stores the sections it showed as a
JSON snapshot, so importing more data later never rewrites a past review.
"""

from __future__ import annotations

import importlib
import json
import re
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import insert, select

from ecomtui.clock import iso_week, now
from ecomtui.db.tables import weekly_review
from ecomtui.services.report import Section, markdown
from ecomtui.services.validation import InvalidInput
from ecomtui.services.versioning import update_row

# (key, title, "module:function") in the order the review walks through them
NOTES_TITLE = "Notes and priorities"  # the review's last step, after the figures' steps

STEPS: tuple[tuple[str, str, str], ...] = (
    ("kpis", "KPIs", "ecomtui.services.review_kpis:kpis_step"),
    ("budget", "Budget", "ecomtui.services.review_budget:budget_step"),
    ("tasks", "Tasks", "ecomtui.services.review_tasks:tasks_step"),
    ("promotions", "Promotions", "ecomtui.services.review_promotions:promotions_step"),
    ("agencies", "Agencies", "ecomtui.services.review_agencies:agencies_step"),
)

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$", re.ASCII)


@dataclass(frozen=True)
class Period:
    """The reviewed ISO week, and the day the figures are taken as of."""

    week: str
    start: date  # Monday
    end: date  # Sunday
    as_of: date

    @property
    def next_start(self) -> date:
        return self.end + timedelta(days=1)

    @property
    def next_end(self) -> date:
        return self.end + timedelta(days=7)


def parse_week(value: str, field: str = "week") -> tuple[date, date]:
    """``2026-W47`` as its Monday and Sunday."""
    m = _WEEK.match((value or "").strip())
    try:
        if not m:
            raise ValueError
        monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
    except ValueError:
        raise InvalidInput(f"{field}: '{value}' is not an ISO week (use YYYY-Www, e.g. 2026-W47)", field) from None
    return monday, monday + timedelta(days=6)


def period(week: str | None, as_of: date | None, today: date) -> Period:
    """The week to review: the one named, else the last full week before ``as_of`` (or today)."""
    if week:
        start, end = parse_week(week)
    else:
        anchor = as_of or today
        start = anchor - timedelta(days=anchor.weekday() + 7)
        end = start + timedelta(days=6)
    if as_of is None:
        as_of = min(end, today) if end < today else today
    return Period(iso_week(start), start, end, as_of)


def build(conn, p: Period) -> list[Section]:
    """Every step's figures for the period, in order."""
    sections = []
    for _key, _title, target in STEPS:
        module, _, function = target.partition(":")
        sections.append(getattr(importlib.import_module(module), function)(conn, p))
    return sections


# ---- saved reviews --------------------------------------------------------------


@dataclass
class SavedReview:
    id: int
    week: str
    notes: str
    decisions: str
    priorities: str
    sections: list[Section]
    version: int
    created_at: object = None


def saved_weeks(conn) -> list[tuple[int, str]]:
    """Saved reviews as (id, week), newest week first."""
    rows = conn.execute(select(weekly_review.c.id, weekly_review.c.week).order_by(weekly_review.c.week.desc()))
    return [(r[0], r[1]) for r in rows]


def load_saved(conn, week: str) -> SavedReview | None:
    row = conn.execute(select(weekly_review).where(weekly_review.c.week == week)).mappings().first()
    if row is None:
        return None
    snapshot = json.loads(row["snapshot"] or "{}")
    sections = [Section.from_json(s) for s in snapshot.get("sections", [])]
    return SavedReview(
        row["id"],
        row["week"],
        row["notes"],
        row["decisions"],
        row["priorities"],
        sections,
        row["version"],
        row["created_at"],
    )


def save(
    conn,
    p: Period,
    sections: list[Section],
    *,
    notes: str,
    decisions: str,
    priorities: str,
    expected_version: int | None = None,
) -> SavedReview:
    """Save (or update) the week's review with the figures it showed."""
    snapshot = json.dumps({"week": p.week, "as_of": p.as_of.isoformat(), "sections": [s.as_json() for s in sections]})
    values = {"notes": notes, "decisions": decisions, "priorities": priorities, "snapshot": snapshot}
    existing = conn.execute(select(weekly_review.c.id).where(weekly_review.c.week == p.week)).scalar()
    if existing is None:
        conn.execute(insert(weekly_review).values(week=p.week, created_at=now(), **values))
    else:
        update_row(conn, weekly_review, existing, values, expected=expected_version, what=f"the review of {p.week}")
    return load_saved(conn, p.week)


def review_markdown(p: Period, sections: list[Section], cur: str, saved: SavedReview | None = None) -> str:
    intro = [f"{p.start.isoformat()} to {p.end.isoformat()}, figures as of {p.as_of.isoformat()}."]
    text = markdown(sections, title=f"Weekly review {p.week}", currency=cur, intro=intro)
    # the last step, as on screen: always there, so a review reads the same whether or not it was saved
    text += f"\n## {NOTES_TITLE}\n"
    for heading, body in (
        ("Notes", saved.notes if saved else ""),
        ("Decisions", saved.decisions if saved else ""),
        ("Next week's priorities", saved.priorities if saved else ""),
    ):
        lines = [_md_line(line) for line in body.strip().splitlines()] or [
            "_Not saved yet._" if saved is None else "_None._"
        ]
        text += f"\n### {heading}\n\n" + "\n".join(lines) + "\n"
    return text


def _md_line(line: str) -> str:
    return "".join(" " if ord(ch) < 32 or 127 <= ord(ch) < 160 else ch for ch in line)
