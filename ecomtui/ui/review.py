"""The weekly review: a guided screen, one step at a time, for an ISO week.

The figures of every step are read once when the screen opens (so each step
shows at once on its key) and saved with the notes as the review's snapshot;
a saved review reopens read-only with the figures it showed.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Label, Static, TextArea

from ecomtui import clock
from ecomtui.ui.widgets.key_footer import KeyFooter
from ecomtui.ui.widgets.section_view import SectionView

NOTE_FIELDS = (("notes", "Notes"), ("decisions", "Decisions"), ("priorities", "Next week's priorities (one a line)"))


def _job_open(week: str | None, today):
    def job(conn):
        from ecomtui.services import review
        from ecomtui.services.currency import store_currency

        p = review.period(week, None, today)
        saved = review.load_saved(conn, p.week)
        sections = saved.sections if saved is not None else review.build(conn, p)
        return p, sections, saved, store_currency(conn)

    return job


class ReviewScreen(Screen):
    """Walks through last week: KPIs, budget, tasks, promotions, agencies, then notes and priorities."""

    BINDINGS = [
        Binding("enter,right", "step(1)", "Next", tooltip="next step"),
        Binding("left", "step(-1)", "Back", tooltip="previous step"),
        Binding("ctrl+s", "save", "Save", tooltip="save the review with its figures"),
        Binding("ctrl+t", "make_tasks", "Priorities → tasks", tooltip="turn each priority line into a task"),
        Binding("p", "past", "Past reviews", tooltip="open a saved review (read-only)"),
        Binding("escape", "leave", "Leave", tooltip="leave the review (asks first if notes are unsaved)"),
    ]

    def __init__(self, week: str | None = None, *, read_only: bool = False) -> None:
        super().__init__(classes="review-screen")
        self.week = week
        self.read_only = read_only
        self.period = None
        self.sections = []
        self.saved = None
        self.currency = "EUR"
        self.step = 0
        self.dirty = False
        self.loaded = False
        self._tasked: set[str] = set()

    def compose(self) -> ComposeResult:
        with Vertical(id="review"):
            yield Static(Text("Weekly review: reading the figures…"), id="review-title")
            yield Static(Text(""), id="review-steps")
            yield ContentSwitcher(id="review-body")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.app.bridge.submit(_job_open(self.week, clock.today()), requester=self, on_done=self._opened)

    # ---- building the steps -------------------------------------------------------------

    async def _opened(self, result) -> None:
        self.period, self.sections, self.saved, self.currency = result
        steps = []
        for index, section in enumerate(self.sections):
            steps.append(SectionView(section, self.currency, id=f"step-{index}"))
        steps.append(self._notes_step())
        for step in steps[1:]:
            step.display = False
        await self.query_one("#review-body", ContentSwitcher).mount_all(steps)
        self.loaded = True
        self._show(0)
        self.call_after_refresh(self._draw_next_step)

    def _draw_next_step(self) -> None:
        """Lay out the hidden steps one per idle moment, so each step's key only shows it."""
        shown = self.query_one(f"#step-{self.step}")
        width = shown.drawn_width if isinstance(shown, SectionView) else None
        waiting = [view for view in self.query(SectionView) if view.drawn_width is None]
        if width and waiting:
            waiting[0].draw(width)
            self.call_after_refresh(self._draw_next_step)

    def _notes_step(self) -> Vertical:
        fields = []
        for key, label in NOTE_FIELDS:
            fields.append(Label(label))
            area = TextArea(
                getattr(self.saved, key, "") if self.saved else "", id=f"review-{key}", soft_wrap=True, compact=True
            )
            area.read_only = self.read_only
            fields.append(area)
        return Vertical(*fields, id=f"step-{len(self.sections)}", classes="review-notes")

    @property
    def step_titles(self) -> list[str]:
        from ecomtui.services.review import NOTES_TITLE

        return [s.title for s in self.sections] + [NOTES_TITLE]

    def _show(self, step: int) -> None:
        self.step = step
        self._update_title()
        steps = Text()
        for index, title in enumerate(self.step_titles):
            style = "bold reverse" if index == step else "dim"
            steps.append(f" {index + 1} {title} ", style)
        self.query_one("#review-steps", Static).update(steps)
        body = self.query_one("#review-body", ContentSwitcher)
        body.current = f"step-{step}"
        if step == len(self.sections):
            self.query_one("#review-notes", TextArea).focus()
        else:
            body.query_one(f"#step-{step}").focus()
        self.refresh_bindings()

    def _update_title(self) -> None:
        state = "saved, read-only" if self.read_only else ("saved" if self.saved and not self.dirty else "not saved")
        p = self.period
        self.query_one("#review-title", Static).update(
            Text.assemble(
                ("Weekly review ", "bold"),
                (p.week, "bold"),
                (f" · {state}", "bold" if self.dirty else ""),
                f" · {p.start.isoformat()} – {p.end.isoformat()} · as of {p.as_of.isoformat()}",
                no_wrap=True,
                overflow="ellipsis",
            )
        )

    # ---- keys ------------------------------------------------------------------------

    def check_action(self, action: str, parameters) -> bool | None:
        if not self.loaded and action != "leave":
            return False
        typing = isinstance(self.focused, TextArea) and not self.read_only
        if action == "step" and typing:
            return False  # enter and arrows belong to the text field
        if action in ("save", "make_tasks"):
            return not self.read_only and self.step == len(self.sections)
        if action == "past":
            return not typing
        return True

    def action_step(self, delta: int) -> None:
        target = max(0, min(len(self.sections), self.step + delta))
        if target != self.step:
            self._show(target)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if not self.read_only and self.loaded and not self.dirty:
            self.dirty = True
            self._update_title()

    def _text(self, key: str) -> str:
        return self.query_one(f"#review-{key}", TextArea).text

    def action_save(self) -> None:
        p, sections = self.period, self.sections
        notes, decisions, priorities = (self._text(k) for k, _ in NOTE_FIELDS)
        version = self.saved.version if self.saved else None

        def job(conn):
            from ecomtui.services import review

            return review.save(
                conn, p, sections, notes=notes, decisions=decisions, priorities=priorities, expected_version=version
            )

        self.app.bridge.submit(job, requester=self, write=True, on_done=self._saved)

    def _saved(self, saved) -> None:
        self.saved = saved
        self.dirty = False
        self._update_title()
        self.notify(f"Review of {saved.week} saved with its figures", timeout=3)

    def action_make_tasks(self) -> None:
        lines = [line.strip(" -*•\t") for line in self._text("priorities").splitlines()]
        titles = [t for t in lines if t and t not in self._tasked]
        if not titles:
            self.notify("No new priority lines to turn into tasks", timeout=3)
            return
        sprint = clock.month_key(self.period.next_start)

        def job(conn):
            from ecomtui.services import tasks

            made = []
            for title in titles:
                data = tasks.parse_task_input(conn, title=title, status="todo", sprint=sprint, priority="high")
                made.append(tasks.create_task(conn, data))
            return made

        def done(made) -> None:
            self._tasked.update(titles)
            self.notify(f"{len(made)} task{'s' if len(made) != 1 else ''} added to To do", timeout=3)

        self.app.bridge.submit(job, requester=self, write=True, on_done=done)

    def action_past(self) -> None:
        from ecomtui.ui.dialogs.pick import PickDialog

        def job(conn):
            from ecomtui.services import review

            return review.saved_weeks(conn)

        def listed(weeks) -> None:
            if not weeks:
                self.notify("No saved reviews yet: ctrl+s on the last step saves one", timeout=4)
                return
            self.app.push_screen(
                PickDialog("Saved reviews", [(week, week) for _, week in weeks]),
                lambda week: week and self.app.push_screen(ReviewScreen(week, read_only=True)),
            )

        self.app.bridge.submit(job, requester=self, on_done=listed)

    def action_leave(self) -> None:
        if not self.dirty or self.read_only:
            self.dismiss()
            return
        from ecomtui.ui.dialogs.confirm import ConfirmDialog

        self.app.push_screen(
            ConfirmDialog(
                Text("Leave the review?"), Text("Your notes are not saved; ctrl+s saves them."), confirm_label="Leave"
            ),
            lambda yes: yes and self.dismiss(),
        )
