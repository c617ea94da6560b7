"""The agencies block of the Dashboard and step of the weekly review, on SQLite and PostgreSQL.

A small roster around the frozen date (Monday 2026-11-23) with one partner for
each case a manager must see, and one beside each edge that must stay out.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import update

from ecomtui.db.tables import task
from ecomtui.services import dashboard, partners, review, tasks
from ecomtui.services.partner_roster import build_interaction_input, build_partner_input
from ecomtui.services.report import markdown
from ecomtui.services.review_agencies import agencies_block, agencies_step

TODAY = date(2026, 11, 23)


def seed(conn) -> dict[str, int]:
    def add(name, **fields):
        return partners.create_partner(conn, build_partner_input(name=name, kind="agency", **fields), TODAY).id

    ids = {
        "Acme SEO": add("Acme SEO", contract_end="2027-01-15", notice="30"),  # ends in 53 days
        "Pixel PPC": add("Pixel PPC", contract_end="2027-01-23"),  # 61 days: not yet
        "Old Agency": add("Old Agency", contract_end="2026-12-01"),  # archived below: not watched
        "Ended Ltd": add("Ended Ltd", contract_end="2026-11-20"),  # ended already
        "Jonas Berg": partners.create_partner(
            conn, build_partner_input(name="Jonas Berg", kind="freelancer"), TODAY
        ).id,
    }

    def log(name, day, follow_up, next_step=""):
        data = build_interaction_input(
            kind="call", summary=f"talk with {name}", day=day, next_step=next_step, follow_up=follow_up, today=TODAY
        )
        partners.log_interaction(conn, ids[name], data)

    log("Acme SEO", "2026-11-10", "2026-11-20", "Send the keyword report")  # passed
    log("Pixel PPC", "2026-11-16", "2026-11-27")  # this week, no next step: the summary stands in
    log("Jonas Berg", "2026-11-16", "2026-12-03", "Quote for the photo shoot")  # next week
    log("Jonas Berg", "2026-11-17", "2026-12-10")  # after next week
    log("Old Agency", "2026-11-02", "2026-11-10")  # archived partner
    log("Ended Ltd", "2026-11-02", "2026-11-12")
    log("Ended Ltd", "2026-11-13", None)  # a later interaction settled the follow-up

    for title, owner, due, status in (
        ("Fix meta titles", "Acme SEO", "2026-11-02", "todo"),
        ("Audit links", "Acme SEO", "2026-11-18", "doing"),
        ("Shoot photos", "Jonas Berg", "2026-11-20", "review"),
        ("Publish blog", "Jonas Berg", "2026-11-22", "todo"),  # overdue on Monday, not yet on Sunday
        ("Campaign report", "Pixel PPC", "2026-11-19", "done"),  # done: not overdue
        ("Bid review", "Pixel PPC", "2026-11-23", "todo"),  # due today: not overdue
        ("Old banner", "Old Agency", "2026-10-01", "todo"),  # an archived partner still owns it
    ):
        card = tasks.create_task(conn, tasks.parse_task_input(conn, title=title, owner=owner, due=due, status=status))
        if status == "done":
            conn.execute(update(task).where(task.c.id == card.id).values(done_at=datetime(2026, 11, 19, tzinfo=UTC)))
    partners.set_archived(conn, ids["Old Agency"], True, TODAY)
    return ids


def rows(section, title_start: str) -> list[list]:
    return next(t for t in section.tables if t.title.startswith(title_start)).rows


def links(section, title_start: str) -> list:
    return next(t for t in section.tables if t.title.startswith(title_start)).links


def test_the_dashboard_block_shows_what_needs_the_manager_this_week(database):
    with database.transaction() as conn:
        ids = seed(conn)
        block = agencies_block(conn, TODAY)
    assert (block.key, block.title) == ("agencies", "Agencies")
    assert rows(block, "Follow-ups due this week") == [
        ["Acme SEO", "2026-11-20", "Send the keyword report"],
        ["Pixel PPC", "2026-11-27", "talk with Pixel PPC"],
    ]
    assert links(block, "Follow-ups") == [("agencies", ids["Acme SEO"]), ("agencies", ids["Pixel PPC"])]
    assert rows(block, "Contracts ending within 60 days") == [["Acme SEO", "2027-01-15", "give notice by 2026-12-16"]]
    assert rows(block, "Who owns overdue tasks") == [
        ["Acme SEO", "2 tasks, oldest due 2026-11-02"],
        ["Jonas Berg", "2 tasks, oldest due 2026-11-20"],
        ["Old Agency (archived)", "1 task, oldest due 2026-10-01"],
    ]
    assert links(block, "Who owns") == [("agencies", ids[n]) for n in ("Acme SEO", "Jonas Berg", "Old Agency")]
    assert block.notes == ["2 follow-ups due, 1 contract ending, 5 overdue tasks owned by 3 partners."]


def test_the_dashboard_lists_the_agencies_block_after_the_tasks(database):
    with database.transaction() as conn:
        seed(conn)
        keys = [section.key for section in dashboard.blocks(conn, TODAY)]
    assert keys.index("agencies") > keys.index("tasks")  # PRODUCT.md: agencies come after the others
    assert keys[-1] == "agencies"


def test_the_review_step_looks_to_the_end_of_next_week_as_of_the_reviewed_sunday(database):
    p = review.period("2026-W47", None, TODAY)  # Monday 16 to Sunday 22 November, as of the 22nd
    with database.transaction() as conn:
        seed(conn)
        (step,) = [s for s in review.build(conn, p) if s.key == "agencies"]
        assert step.as_json() == agencies_step(conn, p).as_json()
    assert [s[0] for s in review.STEPS].index("agencies") > [s[0] for s in review.STEPS].index("tasks")
    assert [row[:2] for row in rows(step, "Follow-ups due by 2026-11-29")] == [
        ["Acme SEO", "2026-11-20"],
        ["Pixel PPC", "2026-11-27"],
    ]
    later = review.period("2026-W48", None, date(2026, 12, 7))
    with database.connect() as conn:
        next_week = agencies_step(conn, later)
    assert [row[:2] for row in rows(next_week, "Follow-ups due by 2026-12-06")][-1] == ["Jonas Berg", "2026-12-03"]
    # as of Sunday the 22nd the blog post due that day is not overdue yet
    assert rows(step, "Who owns overdue tasks") == [
        ["Acme SEO", 2, "2026-11-02"],
        ["Jonas Berg", 1, "2026-11-20"],
        ["Old Agency (archived)", 1, "2026-10-01"],
    ]
    assert rows(step, "Contracts ending") == [["Acme SEO", "2027-01-15", "give notice by 2026-12-16"]]
    with database.connect() as conn:  # a month on, the notice period has begun
        month_on = agencies_step(conn, review.period("2026-W52", None, date(2026, 12, 28)))
    assert rows(month_on, "Contracts ending") == [
        ["Acme SEO", "2027-01-15", "notice period began 2026-12-16"],
        ["Pixel PPC", "2027-01-23", "—"],  # within 60 days of the 27th now
    ]


def test_an_empty_store_says_so_in_words(database):
    p = review.period("2026-W47", None, TODAY)
    with database.connect() as conn:
        step = agencies_step(conn, p)
    text = markdown([step], title="Review")
    assert "_no follow-ups due_" in text and "_no contract ends soon_" in text
    assert "_no partner owns an overdue task_" in text
    assert step.notes == ["0 follow-ups due, 0 contracts ending, 0 overdue tasks owned by 0 partners."]
