"""Pilot flows on the Agencies tab: what a manager does with the keyboard, and what sticks."""

from __future__ import annotations

from datetime import date

from support import screen_text, wait_text, wait_until
from textual.widgets import Input, Select, Static

from ecomtui.app import EcomApp
from ecomtui.db.engine import open_database
from ecomtui.services import lookups, partners, tasks
from ecomtui.services.partner_queries import load_roster
from ecomtui.services.partner_roster import build_contact_input, build_interaction_input, build_partner_input
from ecomtui.ui.dialogs.delete_partner import DeletePartnerDialog
from ecomtui.ui.dialogs.interaction_form import InteractionForm
from ecomtui.ui.dialogs.partner_form import PartnerForm

TODAY = date(2026, 11, 23)
WIDE = (120, 40)


def seed(path, *, with_task: bool = True):
    database = open_database(str(path))
    with database.transaction() as conn:
        partners.create_partner(
            conn,
            build_partner_input(
                name="Rankwell SEO",
                kind="agency",
                services="SEO",
                contract_end="2026-12-31",
                contacts=(build_contact_input("Peter Lindholm", "Consultant", "peter@rankwell.example"),),
            ),
            TODAY,
        )
        partners.create_partner(conn, build_partner_input(name="Mia Keller", kind="in-house"), TODAY)
        if with_task:
            tasks.create_task(
                conn, tasks.parse_task_input(conn, title="Fix 404s", owner="Rankwell SEO", due="2026-11-20")
            )
            tasks.create_task(conn, tasks.parse_task_input(conn, title="Write gift guide", owner="Mia Keller"))
    database.dispose()
    return path


def stored(path):
    database = open_database(str(path))
    with database.connect() as conn:
        roster = load_roster(conn, TODAY)
        owners = [name for _, name in lookups.owner_names(conn)]
    database.dispose()
    return roster, owners


async def open_tab(pilot) -> None:
    app = pilot.app
    await wait_until(pilot, lambda: app.tab("agencies") is not None and app.tab("agencies").loaded, "agencies")
    await pilot.press("4")
    await pilot.pause()


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[ch if ch != " " else "space" for ch in text])


async def test_the_tab_lists_partners_with_flags_and_details(tmp_path):
    app = EcomApp(db=str(seed(tmp_path / "a.db")))
    async with app.run_test(size=WIDE) as pilot:
        await open_tab(pilot)
        assert "2 partners · ⚑ 1 need attention" in screen_text(app)
        await pilot.press("down")
        await pilot.pause()
        text = screen_text(app)
        assert "⚑3 Rankwell SEO" in text  # contract ending, never talked to, overdue task
        assert "contract ends 2026-12-31 (in 38 days)" in text
        assert "no interaction logged yet" in text
        assert "owns 1 overdue task" in text
        assert "Peter Lindholm, Consultant" in text
        assert "Tasks they own (1 open, 1 overdue)" in text and "Fix 404s" in text


async def test_a_new_partner_is_saved_and_becomes_an_owner_on_the_board(tmp_path):
    path = tmp_path / "new.db"
    app = EcomApp(db=str(path))
    async with app.run_test(size=WIDE) as pilot:
        await open_tab(pilot)
        assert "No partners yet" in screen_text(app)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, PartnerForm), "partner form")
        await type_text(pilot, "Brightlane Digital")
        form = app.screen
        form.query_one("#kind", Select).value = "agency"
        form.query_one("#services", Input).value = "PPC, Paid Social"
        form.query_one("#retainer", Input).value = "-10"
        form.query_one("#contact-0-name", Input).value = "Tom Reinhardt"
        form.query_one("#contact-0-email", Input).value = "tom@brightlane.example"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "retainer: '-10' is negative" in screen_text(app), "refusal shown")
        assert isinstance(app.screen, PartnerForm), "a refused value keeps the dialog open"
        form.query_one("#retainer", Input).value = "4800"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, PartnerForm), "form closed")
        await wait_until(pilot, lambda: "Brightlane Digital" in screen_text(app), "listed")
        await pilot.press("2")  # the board offers the new partner as an owner at once
        board = app.tabs["tasks"]
        await wait_until(pilot, lambda: [n for _, n in board.owners] == ["Brightlane Digital"], "owner offered")
    roster, owners = stored(path)
    (partner,) = roster
    assert (partner.name, partner.services, partner.retainer_minor) == (
        "Brightlane Digital",
        ("PPC", "Paid Social"),
        480000,
    )
    assert [(c.name, c.email) for c in partner.contacts] == [("Tom Reinhardt", "tom@brightlane.example")]
    assert owners == ["Brightlane Digital"]


async def select(pilot, name: str) -> None:
    tab = pilot.app.tabs["agencies"]
    tab._list.highlighted = [p.name for p in tab.shown].index(name)
    await pilot.pause()


async def test_edit_changes_the_partner_and_its_contacts(tmp_path):
    path = seed(tmp_path / "e.db")
    app = EcomApp(db=str(path))
    async with app.run_test(size=WIDE) as pilot:
        await open_tab(pilot)
        await select(pilot, "Rankwell SEO")
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, PartnerForm), "form")
        form = app.screen
        assert form.query_one("#contact-0-name", Input).value == "Peter Lindholm"
        form.query_one("#notice", Input).value = "90"
        form.query_one("#contact-0-role", Input).value = "Senior SEO Consultant"
        form.query_one("#contact-1-name", Input).value = "Hanna Vogt"
        form.query_one("#contact-1-email", Input).value = "hanna@"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "contact 2: email: 'hanna@'" in screen_text(app), "bad e-mail explained")
        form.query_one("#contact-1-email", Input).value = "hanna@rankwell.example"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, PartnerForm), "saved")
        await wait_until(pilot, lambda: "notice period (90 days) has begun" in screen_text(app), "flag updated")
    roster, _ = stored(path)
    rankwell = next(p for p in roster if p.name == "Rankwell SEO")
    assert rankwell.notice_days == 90
    assert [(c.name, c.role) for c in rankwell.contacts] == [
        ("Peter Lindholm", "Senior SEO Consultant"),
        ("Hanna Vogt", ""),
    ]


async def test_log_an_interaction_in_one_short_dialog(tmp_path):
    path = seed(tmp_path / "l.db")
    app = EcomApp(db=str(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        await select(pilot, "Rankwell SEO")
        await pilot.press("l")
        await wait_until(pilot, lambda: isinstance(app.screen, InteractionForm), "log dialog")
        await type_text(pilot, "Renewal offer [bold]received[/]")
        form = app.screen
        form.query_one("#next_step", Input).value = "Compare with two agencies"
        form.query_one("#follow_up", Input).value = "2026-12-01"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, InteractionForm), "logged")
        await pilot.press("enter")  # narrow: the detail takes the screen
        await pilot.pause()
        await wait_until(pilot, lambda: "Renewal offer [bold]received[/]" in screen_text(app), "shown as typed")
    roster, _ = stored(path)
    (entry,) = next(p for p in roster if p.name == "Rankwell SEO").interactions
    assert (entry.day, entry.kind, entry.summary, entry.next_step, entry.follow_up) == (
        TODAY,
        "call",
        "Renewal offer [bold]received[/]",
        "Compare with two agencies",
        date(2026, 12, 1),
    )


async def test_delete_of_a_partner_with_tasks_says_so_and_archives_instead(tmp_path):
    path = seed(tmp_path / "d.db")
    app = EcomApp(db=str(path))
    async with app.run_test(size=WIDE) as pilot:
        await open_tab(pilot)
        await select(pilot, "Rankwell SEO")
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, DeletePartnerDialog), "dialog")
        assert "Archive instead (a)" in screen_text(app)
        said = " ".join(app.screen.query_one(".dialog-body", Static).render().plain.split())
        assert said.startswith("“Rankwell SEO” owns 1 task (1 open). Deleting it leaves those without an owner")
        assert "Its 1 contact will be deleted with it." in said
        await pilot.press("a")
        await wait_until(pilot, lambda: "1 partners (+1 archived)" in screen_text(app), "archived")
    roster, owners = stored(path)
    assert [(p.name, p.archived) for p in roster] == [("Mia Keller", False), ("Rankwell SEO", True)]
    assert owners == ["Mia Keller"]


async def test_delete_without_dependents_asks_then_deletes(tmp_path):
    path = seed(tmp_path / "x.db", with_task=False)
    app = EcomApp(db=str(path))
    async with app.run_test(size=WIDE) as pilot:
        await open_tab(pilot)
        await select(pilot, "Mia Keller")
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, DeletePartnerDialog), "dialog")
        assert "owns no tasks and has no expenses" in screen_text(app)
        await pilot.press("a")  # no archive offered here: nothing happens
        assert isinstance(app.screen, DeletePartnerDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert [p.name for p in stored(path)[0]] == ["Mia Keller", "Rankwell SEO"]
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, DeletePartnerDialog), "dialog again")
        await pilot.press("y")
        await wait_until(pilot, lambda: [p.name for p in stored(path)[0]] == ["Rankwell SEO"], "deleted")


async def test_enter_on_an_owned_task_shows_it_selected_on_the_board(tmp_path):
    app = EcomApp(db=str(seed(tmp_path / "b.db")))
    async with app.run_test(size=WIDE) as pilot:
        await wait_until(pilot, lambda: app.tab("agencies") is not None and app.tab("agencies").loaded, "loaded")
        board = app.tabs["tasks"]
        board.set_filter(channel="Email")  # a filter that hides the task is cleared
        await open_tab(pilot)
        await select(pilot, "Rankwell SEO")
        await pilot.press("enter")  # into the tasks it owns
        await pilot.pause()
        assert app.screen.focused.id == "owned-tasks"
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.current_tab is board, "board shown")
        card = board.selected_card()
        assert card is not None and card.title == "Fix 404s"
        assert not board.filter.active


async def test_at_80x24_the_list_and_the_detail_take_turns(tmp_path):
    app = EcomApp(db=str(seed(tmp_path / "n.db")))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        await select(pilot, "Rankwell SEO")
        assert "Peter Lindholm" not in screen_text(app)
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Peter Lindholm" in screen_text(app), "detail")
        assert "agency · SEO" in screen_text(app) and "Mia Keller" not in screen_text(app)
        await pilot.press("escape")
        await wait_until(pilot, lambda: "Mia Keller" in screen_text(app), "list again")


async def test_filter_by_text_kind_and_service(tmp_path):
    app = EcomApp(db=str(seed(tmp_path / "f.db")))
    async with app.run_test(size=WIDE) as pilot:
        await open_tab(pilot)
        tab = app.tabs["agencies"]
        await pilot.press("slash", *"peter")
        await wait_until(pilot, lambda: [p.name for p in tab.shown] == ["Rankwell SEO"], "text filter")
        await pilot.press("escape")
        await wait_until(pilot, lambda: len(tab.shown) == 2, "cleared")
        await pilot.press("k")  # agency
        assert [p.name for p in tab.shown] == ["Rankwell SEO"]
        await pilot.press("k", "k")  # freelancer, in-house
        assert [p.name for p in tab.shown] == ["Mia Keller"]
        assert "Filter kind in-house" in screen_text(app)
        await pilot.press("k", "s")  # all kinds; service SEO
        assert [p.name for p in tab.shown] == ["Rankwell SEO"]


async def test_the_dashboard_lists_what_partners_need_and_enter_selects_the_partner(tmp_path):
    app = EcomApp(db=str(seed(tmp_path / "dash.db")))
    async with app.run_test(size=WIDE) as pilot:
        await wait_until(pilot, lambda: all(t.loaded for t in app.tabs.values()), "tabs loaded")
        agencies = app.tabs["agencies"]
        agencies.set_filter(kind="in-house")  # a filter that hides the partner is cleared
        assert app.current_tab is app.tabs["dashboard"]
        text = screen_text(app)
        assert "Contracts ending within 60 days (1)" in text and "2026-12-31  Rankwell SEO" in text
        assert "Who owns overdue tasks (1)" in text and "Follow-ups due this week (0)" in text
        for _ in range(len(app.tabs["dashboard"].sections)):  # tab: block after block
            if app.focused.parent.id == "dash-agencies":
                break
            await pilot.press("tab")
            await pilot.pause()
        assert app.focused.parent.id == "dash-agencies"
        await pilot.press("enter")  # its first row: Rankwell's contract
        await wait_until(pilot, lambda: app.current_tab is agencies, "the Agencies tab")
        assert agencies.selected().name == "Rankwell SEO"
        assert not agencies.filter.active
        assert app.focused is app.query_one("#partner-list")


def seed_hostile(path):
    """A partner, contact and log entry that another tool filled with terminal escapes."""
    from sqlalchemy import update

    from ecomtui.db.tables import contact, interaction, partner

    seed(path, with_task=False)
    database = open_database(str(path))
    with database.transaction() as conn:
        rankwell = partners.find_partner(conn, "Rankwell SEO")
        logged = build_interaction_input(kind="call", summary="x", day=None, next_step="y", today=TODAY)
        partners.log_interaction(conn, rankwell, logged)
        conn.execute(update(partner).where(partner.c.id == rankwell).values(name="Rank\x1b[2Jwell", notes="a\x07b"))
        conn.execute(update(contact).values(name="Peter\x1b]0;PWNED\x07"))
        conn.execute(update(interaction).values(summary="said\x1b[?1049l", next_step="call\x9b"))
    database.dispose()
    return path


async def test_escapes_stored_by_other_tools_are_shown_made_visible(tmp_path):
    app = EcomApp(db=str(seed_hostile(tmp_path / "hostile.db")))
    async with app.run_test(size=WIDE) as pilot:
        await open_tab(pilot)
        await select(pilot, "Rank\x1b[2Jwell")  # the stored name
        text = screen_text(app)
        for shown in ("Rank␛[2Jwell", "Peter␛]0;PWNED␇", "said␛[?1049l", "call\\x9b", "a␇b"):
            assert shown in text, shown
        assert not any(ch in text for ch in "\x1b\x07\x9b")
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, PartnerForm), "partner form")
        assert app.screen.query_one("#name", Input).value == "Rank␛[2Jwell"


async def test_a_task_saved_on_another_tab_shows_in_its_owners_detail_and_an_idle_switch_reads_nothing(tmp_path):
    app = EcomApp(db=str(seed(tmp_path / "w.db")))
    async with app.run_test(size=WIDE) as pilot:
        await open_tab(pilot)
        await select(pilot, "Rankwell SEO")
        agencies = app.tab("agencies")
        reads: list[int] = []
        original = agencies.load
        agencies.load = lambda: (reads.append(1), original())[1]
        await pilot.press("2", "4")  # nothing saved in between: the roster shown is current
        await pilot.pause()
        assert reads == []

        def save(conn):  # what the board's new-task dialog does
            tasks.create_task(conn, tasks.parse_task_input(conn, title="Audit backlinks", owner="Rankwell SEO"))

        await pilot.press("2")
        app.bridge.submit(save, write=True)
        await pilot.press("4")
        await wait_text(pilot, "Audit backlinks")
        assert reads == [1]
