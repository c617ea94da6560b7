"""The weekly review's figures on the demo store at a fixed date, checked against the tasks one by one."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from ecomtui.db.engine import open_database
from ecomtui.demo import write_demo
from ecomtui.services import review, tasks
from ecomtui.services.report import Section, markdown
from ecomtui.services.validation import InvalidInput

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = write_demo(str(tmp_path_factory.mktemp("demo") / "demo.db"), scale="small", seed=7, today=TODAY)
    database = open_database(str(path))
    yield database
    database.dispose()


def test_the_default_week_is_the_last_full_one():
    p = review.period(None, None, TODAY)
    assert (p.week, p.start, p.end, p.as_of) == ("2026-W47", date(2026, 11, 16), date(2026, 11, 22), date(2026, 11, 22))
    sunday = review.period(None, None, date(2026, 11, 29))
    assert sunday.week == "2026-W47"  # a week is full only once its Sunday is over
    assert review.period("2026-W01", None, TODAY).start == date(2025, 12, 29)


@pytest.mark.parametrize("bad", ["2026-47", "2026-W54", "W47", "2026-W7"])
def test_a_bad_week_is_refused_in_plain_words(bad):
    with pytest.raises(InvalidInput) as info:
        review.period(bad, None, TODAY)
    assert "ISO week" in info.value.message


def _table(section: Section, title_start: str):
    return next(t for t in section.tables if t.title.startswith(title_start))


def test_the_tasks_step_matches_the_tasks(demo):
    p = review.period("2026-W47", None, TODAY)
    with demo.connect() as conn:
        (section,) = [s for s in review.build(conn, p) if s.key == "tasks"]
        every = tasks.list_tasks(conn)
        done_at = {c.id: conn.exec_driver_sql("SELECT done_at FROM task WHERE id = ?", (c.id,)).scalar() for c in every}

    def done_by(card, day):
        stamp = done_at[card.id]
        return card.status == "done" and stamp is not None and str(stamp)[:10] <= day.isoformat()

    done = {
        c.title
        for c in every
        if c.status == "done" and done_at[c.id] and p.start.isoformat() <= str(done_at[c.id])[:10] <= p.end.isoformat()
    }
    slipped = {c.title for c in every if c.due and p.start <= c.due <= p.end and not done_by(c, p.end)}
    overdue = {c.title for c in every if c.due and c.due < p.as_of and not done_by(c, p.as_of)}
    upcoming = {c.title for c in every if c.due and p.end < c.due <= p.end + timedelta(days=7) and c.status != "done"}

    assert {row[0] for row in _table(section, "Done in").rows} == done
    assert {row[0] for row in _table(section, "Slipped").rows} == slipped
    assert {row[0] for row in _table(section, "Overdue").rows} == overdue
    assert {row[0] for row in _table(section, "Due next week").rows} == upcoming
    assert section.notes == [
        f"{len(done)} done, {len(slipped)} slipped, {len(overdue)} overdue, {len(upcoming)} due next week."
    ]
    assert done and slipped and overdue and upcoming  # the demo store has some of each


def test_a_saved_review_keeps_its_figures_after_the_store_changes(database):
    p = review.period("2026-W47", None, TODAY)
    with database.transaction() as conn:
        card = tasks.create_task(conn, tasks.parse_task_input(conn, title="Late teaser", due="2026-11-18"))
        shown = review.build(conn, p)
        review.save(conn, p, shown, notes="n", decisions="d", priorities="p")
        tasks.move_task(conn, card.id, "done")  # finished afterwards
    with database.connect() as conn:
        saved = review.load_saved(conn, "2026-W47")
        fresh = review.build(conn, p)
    assert [s.as_json() for s in saved.sections] == [s.as_json() for s in shown]
    assert json.dumps([s.as_json() for s in fresh]) != json.dumps([s.as_json() for s in shown])
    assert (saved.notes, saved.decisions, saved.priorities) == ("n", "d", "p")


def test_markdown_has_a_heading_per_section_and_no_terminal_escapes():
    from ecomtui.services.report import DATE, Column, Table

    table = Table("Overdue", [Column("Task"), Column("Due", DATE)])
    table.add("Pipe | and \x1b]0;PWNED\x07 title", date(2026, 11, 20))
    text = markdown([Section("tasks", "Tasks", [table])], title="Weekly review 2026-W47")
    assert "## Tasks" in text and "### Overdue" in text
    assert "\x1b" not in text and "\x07" not in text
    assert "Pipe \\| and" in text and "| 2026-11-20 |" in text


@pytest.mark.parametrize("end", [TODAY, date(2026, 11, 1), date(2026, 3, 1)])
def test_the_kpi_table_read_at_once_matches_each_period_read_alone(demo, end):
    """The review reads the days once and slices them: the figures are those of one read per period."""
    from ecomtui.services import kpis
    from ecomtui.services.review_kpis import SHOWN, _metric_table, _weekly

    with demo.connect() as conn:
        monday = end - timedelta(days=end.weekday())
        alone = [
            kpis.period_values(conn, monday - timedelta(days=7 * n), monday - timedelta(days=7 * n - 6), SHOWN)
            for n in range(11, -1, -1)
        ]
        assert _weekly(conn, end, 12) == alone
        start = end - timedelta(days=6)
        now = kpis.period_values(conn, start, end, SHOWN)
        before = kpis.period_values(conn, start - timedelta(days=7), end - timedelta(days=7), SHOWN)
        table = _metric_table(conn, start, end, end, "t")
    values = {row[0]: (row[1], row[2]) for row in table.rows}
    from ecomtui.services.review_kpis import LABELS, change

    for metric in SHOWN:
        if metric in now or metric in before:
            expected = change(now.get(metric), before.get(metric))
            assert values[LABELS[metric]][1] == (None if expected is None else str(expected))  # stored as text
