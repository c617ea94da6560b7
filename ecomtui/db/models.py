"""SQLModel tables for the whole product.

Money is stored as integer minor units (``*_minor``, cents for EUR) and KPI
values as integer millionths (``*_micros``, 64-bit: PostgreSQL's 32-bit
integer would stop at 2,147.48) so sums stay exact in SQL on SQLite and
PostgreSQL alike. Dates are ``date`` columns, months and sprints are
``YYYY-MM`` keys, weeks ``YYYY-Www``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Optional

from sqlalchemy import BigInteger, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from ecomtui.vocabulary import (  # noqa: F401  (re-exported for convenience)
    PARTNER_KINDS,
    PRIORITIES,
    PROMOTION_STATUSES,
    SEED_CHANNELS,
    TASK_STATUS_LABELS,
    TASK_STATUSES,
)


class Setting(SQLModel, table=True):
    """Key/value store settings (currency, demo flag, ...)."""

    __tablename__ = "setting"
    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(default="", sa_column_kwargs={"nullable": False})


class Channel(SQLModel, table=True):
    """A marketing channel; seeded, users can add, rename, reorder, colour and retire their own.

    A retired channel stays on the items that use it but is not offered for new ones.
    """

    __tablename__ = "channel"
    id: Optional[int] = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})  # conflict-safe edits
    name: str = Field(max_length=80, unique=True)
    position: int = Field(default=0)
    colour: str = Field(default="#8c8c8c", max_length=7)
    retired: bool = Field(default=False)


class Partner(SQLModel, table=True):
    """An agency, a freelancer or an in-house specialist."""

    __tablename__ = "partner"
    id: Optional[int] = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})  # conflict-safe edits
    name: str = Field(max_length=200, index=True)
    kind: str = Field(max_length=20)
    rating: Optional[int] = None
    retainer_minor: Optional[int] = None
    contract_start: Optional[date] = None
    contract_end: Optional[date] = None
    notice_days: Optional[int] = None  # notice period: days before contract_end by which to give notice
    website: str = Field(default="", max_length=300)
    notes: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    archived: bool = Field(default=False)


class PartnerService(SQLModel, table=True):
    """A service a partner provides (SEO, PPC, UX, IT...)."""

    __tablename__ = "partner_service"
    partner_id: int = Field(foreign_key="partner.id", primary_key=True, ondelete="CASCADE")
    service: str = Field(max_length=80, primary_key=True)
    position: int = Field(default=0, sa_column_kwargs={"server_default": "0"})  # the order they were typed in


class Contact(SQLModel, table=True):
    """A contact person at a partner."""

    __tablename__ = "contact"
    id: Optional[int] = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})  # conflict-safe edits
    partner_id: int = Field(foreign_key="partner.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=200)
    role: str = Field(default="", max_length=120)
    email: str = Field(default="", max_length=200)
    phone: str = Field(default="", max_length=60)


class Interaction(SQLModel, table=True):
    """A logged call, meeting, e-mail or review with a partner: its next step and when to follow up."""

    __tablename__ = "interaction"
    id: Optional[int] = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})  # conflict-safe edits
    partner_id: int = Field(foreign_key="partner.id", index=True, ondelete="CASCADE")
    day: date
    kind: str = Field(default="note", max_length=20)
    summary: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    next_step: str = Field(default="", sa_column=Column(Text, nullable=False, default="", server_default=""))
    follow_up: Optional[date] = Field(default=None, index=True)
    follow_up_done: bool = Field(default=False)


class Promotion(SQLModel, table=True):
    """A promotion or campaign with an inclusive date range.

    ``uid``, ``sequence`` and ``modified_at`` are its iCalendar identity: the
    UID it is exported under (or was imported from), the SEQUENCE that every
    edit advances, and when it last changed, so importing a calendar again
    updates instead of duplicating (services/promotion_ics.py).
    """

    __tablename__ = "promotion"
    id: Optional[int] = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})  # conflict-safe edits
    name: str = Field(max_length=200)
    kind: str = Field(default="sale", max_length=20, sa_column_kwargs={"server_default": "sale"})
    start: date = Field(index=True)
    end: date = Field(index=True)
    code: str = Field(default="", max_length=60)
    discount_pct: Optional[int] = Field(default=None, description="percent x 100")
    discount_minor: Optional[int] = Field(default=None, description="a fixed amount off, instead of a percent")
    budget_minor: Optional[int] = None
    revenue_target_minor: Optional[int] = None
    owner_id: Optional[int] = Field(default=None, foreign_key="partner.id", ondelete="SET NULL")
    status: str = Field(default="planned", max_length=20)
    notes: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    uid: str = Field(max_length=255, unique=True)
    sequence: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    modified_at: Optional[datetime] = None


class PromotionChannel(SQLModel, table=True):
    """Which channels a promotion runs on."""

    __tablename__ = "promotion_channel"
    promotion_id: int = Field(foreign_key="promotion.id", primary_key=True, ondelete="CASCADE")
    channel_id: int = Field(foreign_key="channel.id", primary_key=True, ondelete="CASCADE")


class CalendarEvent(SQLModel, table=True):
    """A retail event (Black Friday) or public holiday on the calendar."""

    __tablename__ = "calendar_event"
    id: Optional[int] = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})  # conflict-safe edits
    name: str = Field(max_length=200)
    start: date = Field(index=True)
    end: date
    kind: str = Field(default="retail", max_length=20)


class Task(SQLModel, table=True):
    """A work item on the kanban board."""

    __tablename__ = "task"
    __table_args__ = (Index("ix_task_status_due", "status", "due"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})  # conflict-safe edits
    title: str = Field(max_length=500)
    notes: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    status: str = Field(default="todo", max_length=20)
    channel_id: Optional[int] = Field(default=None, foreign_key="channel.id", ondelete="SET NULL")
    owner_id: Optional[int] = Field(default=None, foreign_key="partner.id", ondelete="SET NULL")
    priority: str = Field(default="normal", max_length=10)
    due: Optional[date] = None
    sprint: Optional[str] = Field(default=None, max_length=7)
    promotion_id: Optional[int] = Field(default=None, foreign_key="promotion.id", ondelete="SET NULL")
    created_at: datetime
    updated_at: datetime
    done_at: Optional[datetime] = None


class BudgetLine(SQLModel, table=True):
    """Planned budget for one channel in one month."""

    __tablename__ = "budget_line"
    __table_args__ = (UniqueConstraint("month", "channel_id"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})  # conflict-safe edits
    month: str = Field(max_length=7, index=True)
    channel_id: int = Field(foreign_key="channel.id", ondelete="CASCADE")
    planned_minor: int


class Expense(SQLModel, table=True):
    """Actual spend: entered by hand, booked from a retainer, or imported from an ads report.

    ``import_key`` makes repeatable writes idempotent (``retainer:<partner>:<month>``,
    ``<platform>:<day>``): running them twice adds nothing the second time.
    """

    __tablename__ = "expense"
    id: Optional[int] = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})  # conflict-safe edits
    day: date = Field(index=True)
    amount_minor: int
    channel_id: int = Field(foreign_key="channel.id", index=True)
    partner_id: Optional[int] = Field(default=None, foreign_key="partner.id", ondelete="SET NULL")
    promotion_id: Optional[int] = Field(default=None, foreign_key="promotion.id", ondelete="SET NULL", index=True)
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    # 'manual', 'retainer' (booked from a partner's retainer), an ad platform ('google-ads', 'meta-ads')
    source: str = Field(default="manual", max_length=40)
    import_key: Optional[str] = Field(default=None, max_length=200, unique=True)


class KpiFact(SQLModel, table=True):
    """One stored daily metric value from one source (never a derived ratio)."""

    __tablename__ = "kpi_fact"
    __table_args__ = (UniqueConstraint("day", "metric", "source"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    day: date = Field(index=True)
    metric: str = Field(max_length=40)
    source: str = Field(max_length=40)
    value_micros: int = Field(sa_type=BigInteger)


class Goal(SQLModel, table=True):
    """A monthly goal for a metric: reach at least (revenue) or stay at most (CAC) the target."""

    __tablename__ = "goal"
    __table_args__ = (UniqueConstraint("month", "metric"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})  # conflict-safe edits
    month: str = Field(max_length=7)
    metric: str = Field(max_length=40)
    target_micros: int = Field(sa_type=BigInteger)
    direction: str = Field(default="at_least", max_length=10, sa_column_kwargs={"server_default": "at_least"})


class ShopOrder(SQLModel, table=True):
    """One order from a shop's orders export, kept so daily shop KPIs come from every import together.

    Overlapping exports, a later export with a refund or a cancellation, and an
    older export imported last all give the same figures: the daily revenue,
    orders and new / returning customers are recomputed from these rows. The
    customer is a hash of the lower-cased e-mail ('' without one): the store
    never keeps its customers' addresses.
    """

    __tablename__ = "shop_order"
    # No index beyond the key: an import reads every order of its source once,
    # and a million-order store still takes its orders in a few seconds.
    __table_args__ = (UniqueConstraint("source", "name"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    source: str = Field(max_length=40)
    name: str = Field(max_length=64)
    day: date
    customer: str = Field(default="", max_length=64)
    total_micros: int = Field(sa_type=BigInteger)
    refunded_micros: int = Field(default=0, sa_type=BigInteger)
    subtotal_micros: int = Field(default=0, sa_type=BigInteger)
    discount_micros: int = Field(default=0, sa_type=BigInteger)
    cancelled: bool = False
    pending: bool = False


class WeeklyReview(SQLModel, table=True):
    """A saved weekly review with a JSON snapshot of its figures."""

    __tablename__ = "weekly_review"
    id: Optional[int] = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})  # conflict-safe edits
    week: str = Field(max_length=8, unique=True)
    created_at: datetime
    notes: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    decisions: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    priorities: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    snapshot: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))


class ImportBatch(SQLModel, table=True):
    """One imported file, so the same file imported twice changes nothing."""

    __tablename__ = "import_batch"
    id: Optional[int] = Field(default=None, primary_key=True)
    kind: str = Field(max_length=40)
    file_sha256: str = Field(max_length=64, index=True)
    file_name: str = Field(default="", max_length=400)
    imported_at: datetime
    rows_read: int = 0
    rows_skipped: int = 0
