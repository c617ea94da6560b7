"""The demo store: a believable outdoor-gear shop written to its own database.

``ecomtui demo`` calls :func:`write_demo`. The demo never touches the user's
store: it writes ``--db PATH`` or ``<user data dir>/demo.db`` (never
``$ECOMTUI_DB``), or the PostgreSQL database of ``--db URL``; it replaces that
store only when it already is a demo store (setting ``demo_store`` = ``"1"``),
fills an empty file or database, and refuses any other existing store.

Everything written is a deterministic function of ``(scale, seed, today)``:
all randomness comes from :class:`random.Random` instances seeded from
``seed`` and all timestamps are derived from ``today``, never from the wall
clock. Each domain draws from its own generator (``_rng(seed, "tasks")``), so
adding a domain later does not change what the others write.

The store is built in a hidden temporary file beside the target and moved into
place when complete, so an interrupted run leaves the previous demo intact;
the next run removes what a killed one left (``.demo.db.PID.writing``). A demo
store that an app has open is not replaced unless ``confirm`` says so. On
PostgreSQL the demo is built in one transaction, which drops and recreates the
tables (so ids start from 1 as in a new file): an interrupted run leaves the
previous demo, and apps that have it open see the new one once it commits.

One function per domain, called in order by :func:`_fill`:
``_settings``, the partners (``demo_parts.agencies.write_partners``: the tasks
need their owners), ``_tasks``, then each part in ``DEMO_PARTS`` (new domains
add theirs there, in a module of their own); ids they need from earlier
domains are in :class:`_Demo`.
"""

from __future__ import annotations

import calendar
import glob
import importlib
import os
import random
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TextIO

from ecomtui.db import location
from ecomtui.db.files import in_use, remove_sqlite_files
from ecomtui.db.location import DEMO_FILE, DbLocation
from ecomtui.services.validation import InvalidInput
from ecomtui.text import visible

SCALES = ("small", "large")

# Each domain adds its part of the demo store here: "module:function", called in this order with
# (session, demo, say) after the settings, partners and tasks above are written. A part draws its
# random numbers from demo.rng("its-domain"), so adding one changes nothing in the others.
DEMO_PARTS: tuple[str, ...] = (
    "ecomtui.demo_parts.agencies:build",
    "ecomtui.demo_parts.calendar:build",
    "ecomtui.demo_parts.kpis:build",
    "ecomtui.demo_parts.budget:build",
)
SMALL_TASKS = 120
LARGE_TASKS = 20_000
LARGE_MONTHS = 60  # five years of sprints, the last one being next month's

STORE_NAME = "Northwind Outdoor"
STORE_DOMAIN = "northwind-outdoor.example"  # reserved TLD: no real mailbox
CURRENCY = "EUR"
DEMO_SETTING = "demo_store"


# ---- public entry points --------------------------------------------------------


def write_demo(
    db: str | None,
    *,
    scale: str = "small",
    seed: int = 7,
    progress: TextIO | None = None,
    today: date | None = None,
    confirm: Callable[[Path], bool] | None = None,
) -> Path | str:
    """Write the demo store for ``scale``; returns the path of the file written, or the URL.

    ``db`` is a SQLite file path or a PostgreSQL URL; None means
    ``<user data dir>/demo.db``. ``progress`` (a text stream) receives a few
    short lines. Raises :class:`InvalidInput` when the target cannot be used,
    or when another program has the file open and ``confirm(path)`` (if given)
    does not return True.
    """
    from ecomtui import clock

    if scale not in SCALES:
        raise InvalidInput(f"demo: scale '{scale}' is not one of {', '.join(SCALES)}", "scale")
    today = today or clock.today()
    say = _reporter(progress)
    server = _server_location(db)
    if server is not None:
        _build_on_server(server, scale=scale, seed=seed, today=today, say=say)
        return server.url
    path = demo_path(db)
    _check_target(path, confirm)
    say(f"writing {scale} demo store to {path}...")
    _remove_stray_builds(path)
    tmp = _build_path(path, os.getpid())
    remove_sqlite_files(tmp)
    try:
        _build(tmp, scale=scale, seed=seed, today=today, say=say)
        remove_sqlite_files(path)
        os.replace(tmp, path)
    except BaseException:
        remove_sqlite_files(tmp)
        raise
    return path


def demo_path(db: str | None) -> Path:
    """The file the demo writes: ``db`` as a path, else the demo file in the user data dir.

    Deliberately ignores ``$ECOMTUI_DB``, which names the user's own store.
    """
    if db and "://" in db:
        found = location.resolve(db)
        if found.path is None:
            raise InvalidInput("demo: --db must be a SQLite file path or a PostgreSQL URL", "db")
        return found.path
    # looked up on the module at call time, so a sandboxed location applies here too
    path = Path(db).expanduser() if db else location.user_data_dir() / DEMO_FILE
    return path.absolute()


def demo_location(db: str | None) -> DbLocation:
    """The store the demo writes: the PostgreSQL database ``db`` names, else the demo's file."""
    server = _server_location(db)
    if server is not None:
        return server
    path = demo_path(db)
    return DbLocation(url=f"sqlite:///{path}", path=path)


def _server_location(db: str | None) -> DbLocation | None:
    """The PostgreSQL database ``db`` names, or None for a file."""
    if not db or "://" not in db:
        return None
    scheme = db.split("://", 1)[0].split("+", 1)[0]
    return location.resolve(db) if scheme in ("postgresql", "postgres") else None


def is_demo_store(path: Path) -> bool:
    """Whether ``path`` is a SQLite database marked as a demo store.

    Opened read-only and immutable, so the file is never changed and no
    ``-wal``/``-shm`` file is left beside it.
    """
    try:
        conn = sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return False
    try:
        row = conn.execute("SELECT value FROM setting WHERE key = ?", (DEMO_SETTING,)).fetchone()
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    return row is not None and row[0] == "1"


# ---- the target file ------------------------------------------------------------


def _check_target(path: Path, confirm: Callable[[Path], bool] | None) -> None:
    """Refuse a target that exists and is not a demo store (an empty file may be used),
    and a demo store open in an app unless ``confirm`` agrees to replace it."""
    if path.is_dir():
        raise InvalidInput(f"demo: {path} is a directory; choose a file with --db", "db")
    if not path.exists() or path.stat().st_size == 0:
        return
    if not is_demo_store(path):
        raise InvalidInput(f"demo: {path} already holds a store that is not a demo; choose another --db", "db")
    if in_use(path) and not (confirm is not None and confirm(path)):
        raise InvalidInput(
            f"demo: {path} is open in ecomtui (or another program); close it and run demo again, "
            "or write another demo with --db",
            "db",
        )


def _build_path(path: Path, pid: int) -> Path:
    """The hidden file a run with process id ``pid`` builds the demo in."""
    return path.with_name(f".{path.name}.{pid}.writing")


def _remove_stray_builds(path: Path) -> None:
    """Remove what killed runs left beside ``path``: build files whose process is gone."""
    prefix, suffix = f".{path.name}.", ".writing"
    for stray in path.parent.glob(f"{glob.escape(prefix)}*{suffix}*"):
        pid = stray.name[len(prefix) :].split(".", 1)[0]
        if pid.isdigit() and not _process_alive(int(pid)):
            remove_sqlite_files(_build_path(path, int(pid)))


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists but belongs to someone else
        return True
    return True


def _reporter(progress: TextIO | None) -> Callable[[str], None]:
    def say(message: str) -> None:
        if progress is not None:
            progress.write(visible(message) + "\n")  # paths come from the command line
            progress.flush()

    return say


# ---- building -------------------------------------------------------------------


@dataclass
class _Demo:
    """What every domain generator needs: the inputs and ids written so far."""

    seed: int
    scale: str
    today: date
    channels: dict[str, int] = field(default_factory=dict)  # channel name -> id
    partners: dict[str, int] = field(default_factory=dict)  # partner name -> id

    def rng(self, domain: str) -> random.Random:
        return _rng(self.seed, domain)


def _rng(seed: int, domain: str) -> random.Random:
    """A generator of its own per domain (string seeds hash with SHA-512: stable across runs)."""
    return random.Random(f"ecomtui-demo/{seed}/{domain}")


def _build(path: Path, *, scale: str, seed: int, today: date, say: Callable[[str], None]) -> None:
    from ecomtui.db.engine import open_database

    database = open_database(location=DbLocation(url=f"sqlite:///{path}", path=path))
    try:
        with database.write() as session:
            _fill(session, _Demo(seed=seed, scale=scale, today=today), say)
        with database.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        database.dispose()


def _build_on_server(where: DbLocation, *, scale: str, seed: int, today: date, say: Callable[[str], None]) -> None:
    """Fill an empty PostgreSQL database, or replace the demo store it holds, in one transaction."""
    from sqlmodel import Session

    from ecomtui.db import schema
    from ecomtui.db.engine import open_database

    database = open_database(location=where, upgrade=False)
    try:
        with schema.schema_transaction(database) as conn:
            _check_server_target(conn, where)
            say(f"writing {scale} demo store to {where.describe()}...")
            schema.recreate(database, conn)
            with Session(bind=conn) as session:
                _fill(session, _Demo(seed=seed, scale=scale, today=today), say)
                session.flush()
    finally:
        database.dispose()


def _check_server_target(conn, where: DbLocation) -> None:
    """Refuse a database that holds anything but a demo store (an empty one may be used)."""
    from sqlalchemy import inspect, text

    tables = inspect(conn).get_table_names()
    if not tables:
        return
    if "setting" in tables:
        flag = conn.execute(text("SELECT value FROM setting WHERE key = :key"), {"key": DEMO_SETTING}).scalar()
        if flag == "1":
            return
    raise InvalidInput(f"demo: {where.describe()} already holds a store that is not a demo; choose another --db", "db")


def _fill(session, demo: _Demo, say: Callable[[str], None]) -> None:
    """Write every domain of the demo store into a database at the head schema."""
    from sqlalchemy import select

    from ecomtui.db.models import Channel
    from ecomtui.demo_parts.agencies import write_partners

    demo.channels = {name: cid for cid, name in session.execute(select(Channel.id, Channel.name))}
    _settings(session, demo)
    write_partners(session, demo, say)  # the tasks need their owners
    _tasks(session, demo, say)
    for path_name in DEMO_PARTS:
        module, _, function = path_name.partition(":")
        getattr(importlib.import_module(module), function)(session, demo, say)


# ---- dates ----------------------------------------------------------------------


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _add_months(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _month_end(first: date) -> date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def _month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _at(day: date, rng: random.Random, earliest: int = 7, latest: int = 18) -> datetime:
    """A UTC moment on ``day`` during office hours."""
    return datetime.combine(day, time(rng.randint(earliest, latest), rng.randint(0, 59)), tzinfo=UTC)


def _day_between(rng: random.Random, first: date, last: date) -> date:
    if last <= first:
        return first
    return first + timedelta(days=rng.randint(0, (last - first).days))


# ---- settings -------------------------------------------------------------------


def _settings(session, demo: _Demo) -> None:
    from ecomtui.db.models import Setting

    for key, value in ((DEMO_SETTING, "1"), ("currency", CURRENCY), ("store_name", STORE_NAME)):
        session.merge(Setting(key=key, value=value))


# ---- tasks ----------------------------------------------------------------------

# channel -> (how often it gets a task, owners with weights, title templates)
_CHANNEL_WORK: dict[str, tuple[int, tuple[tuple[str, int], ...], tuple[str, ...]]] = {
    "SEO": (
        14,
        (("Mia Keller", 5), ("Rankwell SEO", 4)),
        (
            "Rewrite meta descriptions for {category} category",
            "Fix 404s from old {category} URLs",
            "Add FAQ schema to {product} page",
            "Internal linking audit for {category} buying guides",
            "Keyword research: {category} for {season}",
            "Fix canonical tags on filtered {category} pages",
            "Optimise image alt texts on {category} pages",
            "Review monthly SEO report with Rankwell",
            "Improve Core Web Vitals on product pages",
            "Get {event} landing page indexed early",
        ),
    ),
    "PPC": (
        14,
        (("Jonas Berg", 4), ("Brightlane Digital", 5)),
        (
            "Fix broken product feed in Merchant Center",
            "Restructure Shopping campaigns for {category}",
            "Add negative keywords from search-term report",
            "Raise tROAS target for {category} campaign",
            "Launch brand search campaign in {market}",
            "Set up Performance Max for {category}",
            "Write {event} ad copy and sitelinks",
            "Check disapproved ads for {product}",
            "Exclude out-of-stock sizes from Shopping ads",
        ),
    ),
    "Paid Social": (
        11,
        (("Jonas Berg", 3), ("Brightlane Digital", 4)),
        (
            "Brief agency on {quarter} Meta creatives",
            "New UGC video ads for {product}",
            "Retargeting audience for {category} viewers",
            "Test Advantage+ shopping campaign for {category}",
            "Refresh carousel ads for {event}",
            "TikTok test campaign for {product}",
            "Pause fatigued Meta ad sets",
        ),
    ),
    "Email": (
        12,
        (("Lena Hoffmann", 5), ("Mailcraft Studio", 3)),
        (
            "Write {event} newsletter",
            "Set up abandoned-cart flow for {category}",
            "Add {product} cross-sell to welcome series",
            "Sunset inactive subscribers (180+ days)",
            "A/B test subject lines for {event} mailing",
            "Back-in-stock alert for {product}",
            "Post-purchase review request for {category}",
            "Plan {month} newsletter calendar",
        ),
    ),
    "Social": (
        9,
        (("Clara Novak", 6),),
        (
            "Plan Instagram posts for {month}",
            "Reel: how to pack the {product}",
            "Community giveaway with the {product}",
            "Reply templates for customer DMs",
            "Story series: {season} gear checklist",
            "Pinterest board for {category}",
        ),
    ),
    "Content": (
        11,
        (("Mia Keller", 3), ("Nora Lindqvist", 3), ("Rankwell SEO", 1)),
        (
            "Refresh {event} landing page",
            "Buying guide: how to choose {category}",
            "Product photos for the {product}",
            "Size guide for {category}",
            "Blog post: {season} hiking checklist",
            "Rewrite product copy for the {product}",
            "Video review of the {product}",
        ),
    ),
    "Affiliate": (
        4,
        (("Samir Haddad", 3), ("Luca Romano", 3)),
        (
            "Onboard new outdoor bloggers to the affiliate program",
            "Update affiliate commission for {category}",
            "Send {event} creatives to affiliates",
            "Check affiliate voucher code leaks",
            "Quarterly affiliate payout review",
        ),
    ),
    "Marketplaces": (
        8,
        (("Samir Haddad", 6),),
        (
            "List the {product} on Amazon",
            "Fix rejected listings on Zalando",
            "Sync {category} stock levels with Amazon",
            "Optimise Amazon titles for {category}",
            "Answer customer questions on Amazon for the {product}",
            "Prepare {event} deals on Amazon",
        ),
    ),
    "Influencers": (
        5,
        (("Clara Novak", 3), ("Luca Romano", 4)),
        (
            "Send {product} samples to hiking creators",
            "Negotiate rates for {event} influencer posts",
            "Track influencer discount codes for {month}",
            "Shortlist creators for {category} campaign",
        ),
    ),
    "Other": (
        12,
        (("Pixel & Pine", 5), ("Samir Haddad", 1), ("Mia Keller", 1)),
        (
            "A/B test checkout shipping banner",
            "Fix mobile filter bug on {category} page",
            "Update returns policy page",
            "Speed up {category} collection page",
            "Check GA4 purchase event after theme update",
            "Add Klarna to checkout",
            "Update cookie banner texts",
            "Test free-shipping threshold for {market}",
            "Fix VAT display for {market} customers",
        ),
    ),
}

_PRODUCTS = (
    "Trailblazer 45L backpack",
    "Alpine Pro rain jacket",
    "Summit 800 down sleeping bag",
    "Ridge GTX hiking boots",
    "Nordic merino base layer",
    "Basecamp 2 tent",
    "Glacier insulated bottle",
    "Canyon carbon trekking poles",
    "Fjord softshell jacket",
    "Ember gas stove",
    "Lumen 400 headlamp",
    "Tundra down parka",
    "Drift ultralight hammock",
    "Cascade trail running shoes",
)
_CATEGORIES = (
    "backpacks",
    "rain jackets",
    "sleeping bags",
    "hiking boots",
    "tents",
    "base layers",
    "camping cookware",
    "headlamps",
    "trail running shoes",
    "kids' outdoor wear",
    "down jackets",
)
_MARKETS = ("Austria", "Switzerland", "the Netherlands", "France", "Denmark")
# retail moments worth preparing for in a sprint of this month
_EVENTS = {
    1: ("Winter Sale", "Valentine's Day"),
    2: ("Valentine's Day", "Spring Collection"),
    3: ("Spring Collection", "Easter"),
    4: ("Easter", "Hiking Season"),
    5: ("Mother's Day", "Hiking Season"),
    6: ("Father's Day", "Summer Sale"),
    7: ("Summer Sale", "Prime Day"),
    8: ("Back to School", "Autumn Collection"),
    9: ("Autumn Collection", "Camping Week"),
    10: ("Black Friday", "Halloween"),
    11: ("Black Friday", "Cyber Monday", "Singles' Day"),
    12: ("Christmas", "Winter Sale"),
}
_SEASONS = {
    12: "winter",
    1: "winter",
    2: "winter",
    3: "spring",
    4: "spring",
    5: "spring",
    6: "summer",
    7: "summer",
    8: "summer",
    9: "autumn",
    10: "autumn",
    11: "autumn",
}
_NOTES = (
    "Agreed in the weekly with {owner}.",
    "Assets are in the shared drive under /{event}/.",
    "Waiting for stock confirmation from the warehouse.",
    "Compare GA4 numbers for two weeks before and after the change.",
    "Budget approved: EUR {amount}.",
    "Blocked until the new theme is live.",
    "Ask {owner} for an estimate first.",
    "Follow-up from last week's review.",
    "Ship a first version, iterate after.",
    "Mobile first: 70% of sessions are on phones.",
    "Checklist:\n- copy approved\n- images in all sizes\n- UTM links checked",
    "Brief sent to {owner} on {brief_day}.",
)
_PRIORITIES = (("normal", 58), ("high", 22), ("low", 12), ("urgent", 8))
_BACKLOG_PRIORITIES = (("normal", 60), ("low", 30), ("high", 10))
# small scale: how many tasks in each column
_SMALL_STATUS_COUNTS = (("done", 30), ("review", 9), ("doing", 16), ("todo", 35), ("backlog", 30))
_SMALL_OVERDUE = 5
_DONE_WINDOW_DAYS = 25  # small scale: done tasks finished in the last 25 days


def _pick(rng: random.Random, weighted: Sequence[tuple[str, int]]) -> str:
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


class _TaskMaker:
    """Draws the content of one task (channel, owner, title, notes, priority) for a sprint."""

    def __init__(self, demo: _Demo, rng: random.Random):
        self.demo = demo
        self.rng = rng
        self.channels = [(name, work[0]) for name, work in _CHANNEL_WORK.items() if name in demo.channels]

    def content(self, sprint: date, *, backlog: bool = False) -> dict:
        rng = self.rng
        channel = _pick(rng, self.channels)
        _, owners, templates = _CHANNEL_WORK[channel]
        owner = _pick(rng, owners)
        events = _EVENTS[sprint.month]
        next_quarter = _add_months(sprint, 3)
        values = {
            "product": rng.choice(_PRODUCTS),
            "category": rng.choice(_CATEGORIES),
            "market": rng.choice(_MARKETS),
            "event": rng.choice(events),
            "season": _SEASONS[_add_months(sprint, 1).month],
            "month": calendar.month_name[sprint.month],
            "quarter": f"Q{(next_quarter.month - 1) // 3 + 1}",
            "owner": owner,
            "amount": f"{rng.randrange(500, 8000, 250):,}",
            "brief_day": (sprint - timedelta(days=rng.randint(3, 12))).isoformat(),
        }
        title = rng.choice(templates).format(**values)
        notes = rng.choice(_NOTES).format(**values) if rng.random() < 0.35 else ""
        priority = _pick(rng, _BACKLOG_PRIORITIES if backlog else _PRIORITIES)
        return {
            "title": title,
            "notes": notes,
            "channel_id": self.demo.channels[channel],
            "owner_id": self.demo.partners[owner],
            "priority": priority,
        }

    def row(self, sprint: date, status: str, *, due: date | None, done: date | None, created: date) -> dict:
        """A complete ``task`` row; ``created`` and ``done`` are days, turned into UTC moments."""
        rng = self.rng
        row = self.content(sprint, backlog=status == "backlog")
        today = self.demo.today
        created = min(created, today)
        created_at = _at(created, rng)
        if done is not None:
            done = max(min(done, today), created)
            done_at = _at(done, rng)
            if done_at < created_at:
                done_at = created_at + timedelta(hours=rng.randint(1, 4))
            updated_at = done_at
        else:
            done_at = None
            touched = _day_between(rng, created, today) if status != "backlog" else created
            updated_at = max(created_at, _at(touched, rng))
        row.update(
            status=status,
            due=due,
            sprint=_month_key(sprint),
            promotion_id=None,
            created_at=created_at,
            updated_at=updated_at,
            done_at=done_at,
        )
        return row


def _tasks(session, demo: _Demo, say: Callable[[str], None]) -> None:
    from sqlalchemy import insert

    from ecomtui.db.models import Task

    rng = demo.rng("tasks")
    maker = _TaskMaker(demo, rng)
    rows = _large_tasks(demo, rng, maker) if demo.scale == "large" else _small_tasks(demo, rng, maker)
    # ids follow creation order, as they would in a store that grew by hand
    rows.sort(key=lambda r: (r["created_at"], r["title"]))
    say(f"writing {len(rows):,} tasks...")
    session.execute(insert(Task.__table__), rows)


def _open_due(rng: random.Random, status: str, sprint: date, today: date) -> date | None:
    """A due date for an open task of ``sprint``, never before today."""
    has_due = {"backlog": 0.3, "todo": 0.75, "doing": 0.85, "review": 0.8}[status]
    if rng.random() >= has_due:
        return None
    if status in ("doing", "review"):
        return today + timedelta(days=rng.randint(0, 10))
    start = max(sprint, today + timedelta(days=1))
    return _day_between(rng, start, max(start, _month_end(sprint)))


def _small_tasks(demo: _Demo, rng: random.Random, maker: _TaskMaker) -> list[dict]:
    """About 120 tasks over this month's sprint and the next; a few overdue."""
    today = demo.today
    current = _month_start(today)
    following = _add_months(current, 1)
    statuses = [status for status, count in _SMALL_STATUS_COUNTS for _ in range(count)]
    rng.shuffle(statuses)
    overdue = set(rng.sample([i for i, s in enumerate(statuses) if s in ("todo", "doing", "review")], _SMALL_OVERDUE))
    rows: list[dict] = []
    titles: set[str] = set()
    for i, status in enumerate(statuses):
        done = None
        if status == "done":
            done = today - timedelta(days=rng.randint(0, _DONE_WINDOW_DAYS - 1))
            sprint = _month_start(done)
            due = done + timedelta(days=rng.randint(-3, 6)) if rng.random() < 0.8 else None
            created = min(done, due or done) - timedelta(days=rng.randint(1, 30))
        else:
            if status in ("doing", "review"):
                sprint = current
            elif status == "todo":
                sprint = current if rng.random() < 0.65 else following
            else:
                sprint = current if rng.random() < 0.35 else following
            if i in overdue:
                due = today - timedelta(days=rng.randint(1, 9))
                created = due - timedelta(days=rng.randint(3, 25))
            else:
                due = _open_due(rng, status, sprint, today)
                created = today - timedelta(days=rng.randint(0, 35))
        for _attempt in range(20):  # keep titles distinct on a small board
            row = maker.row(sprint, status, due=due, done=done, created=created)
            if row["title"] not in titles:
                break
        titles.add(row["title"])
        if i in overdue and row["priority"] in ("low", "normal") and rng.random() < 0.5:
            row["priority"] = "high"
        rows.append(row)
    return rows


def _large_month_counts(total: int, months: int) -> list[int]:
    """Tasks per sprint: the team grows over the years; next month is only half planned."""
    weights = [0.55 + 0.9 * i / (months - 1) for i in range(months)]
    weights[-1] *= 0.5
    scale = total / sum(weights)
    exact = [w * scale for w in weights]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(months), key=lambda i: (exact[i] - counts[i], i), reverse=True)
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _large_tasks(demo: _Demo, rng: random.Random, maker: _TaskMaker) -> list[dict]:
    """20,000 tasks over five years of sprints: old work done, a realistic open backlog."""
    today = demo.today
    current = _month_start(today)
    following = _add_months(current, 1)
    previous = _add_months(current, -1)
    first = _add_months(following, -(LARGE_MONTHS - 1))
    counts = _large_month_counts(LARGE_TASKS, LARGE_MONTHS)
    elapsed = (today.day - 1) / calendar.monthrange(today.year, today.month)[1]
    rows: list[dict] = []
    for offset, count in enumerate(counts):
        sprint = _add_months(first, offset)
        if sprint == following:
            mix = (("backlog", 55), ("todo", 42), ("doing", 3))
        elif sprint == current:
            done_share = 10 + 60 * elapsed
            rest = 100 - done_share
            mix = (
                ("done", done_share),
                ("review", rest * 0.08),
                ("doing", rest * 0.17),
                ("todo", rest * 0.45),
                ("backlog", rest * 0.30),
            )
        elif sprint == previous:
            mix = (("done", 90), ("review", 1.5), ("doing", 1.5), ("todo", 3), ("backlog", 4))
        else:
            mix = (("done", 97.5), ("backlog", 2), ("todo", 0.5))
        month_end = _month_end(sprint)
        for _ in range(count):
            status = _pick(rng, mix)
            done = None
            if status == "done":
                done = _day_between(rng, sprint, min(month_end, today))
                due = done + timedelta(days=rng.randint(-3, 6)) if rng.random() < 0.7 else None
                created = min(done, due or done) - timedelta(days=rng.randint(1, 40))
            elif sprint >= current:
                if sprint == current and status != "backlog" and rng.random() < 0.04:
                    due = today - timedelta(days=rng.randint(1, 9))
                    created = due - timedelta(days=rng.randint(3, 25))
                else:
                    due = _open_due(rng, status, sprint, today)
                    created = _day_between(rng, sprint - timedelta(days=25), today)
            elif sprint == previous:  # last month's leftovers, still planned then
                due = _day_between(rng, sprint, month_end) if status != "backlog" and rng.random() < 0.7 else None
                created = sprint - timedelta(days=rng.randint(0, 20))
            else:  # stale ideas and forgotten to-dos from long ago
                due = None
                created = _day_between(rng, sprint - timedelta(days=20), month_end)
            rows.append(maker.row(sprint, status, due=due, done=done, created=created))
    return rows
