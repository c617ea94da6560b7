"""The import dialog (``i`` on the KPIs tab): a file, its format, then progress and a summary.

The path field completes file and folder names (→ takes the suggestion). The import runs in a thread of its own through
``app.bridge.run_long`` with a progress bar; an import never half-applies, so
a refused file changes nothing and the dialog says why in one plain line. When
it is done the dialog shows the importer's summary; closing it then hands the
summary to the tab, which reads the store again.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, ProgressBar, Select, Static

from ecomtui.ui.db_bridge import JobProgress
from ecomtui.ui.dialogs.form import FormDialog
from ecomtui.ui.widgets.key_footer import KeyFooter
from ecomtui.ui.widgets.path_suggester import PathSuggester

# (key, what the user picks, the importer: every one is f(database, path, *, skip_bad_rows, progress) -> ImportSummary)
FORMATS: tuple[tuple[str, str, str], ...] = (
    ("shopify-orders", "Shopify orders export", "ecomtui.importers.shopify_orders:import_shopify_orders"),
    ("ga4", "GA4 export", "ecomtui.importers.ga4:import_ga4"),
    ("ads", "Google Ads or Meta Ads report", "ecomtui.importers.ads:import_ads"),
    ("kpis", "KPI CSV: a date column, one column per metric", "ecomtui.importers.kpis_csv:import_kpis"),
)


def importer(kind: str):
    """The import function of a format key."""
    target = next(path for key, _, path in FORMATS if key == kind)
    module, _, name = target.partition(":")
    return getattr(import_module(module), name)


def _import_job(kind: str, path: Path, skip_bad_rows: bool):
    def job(database, progress):
        return importer(kind)(database, path, skip_bad_rows=skip_bad_rows, progress=progress)

    return job


class ImportDialog(FormDialog):
    """Dismisses with the import's summary once one landed, else None."""

    BINDINGS = [
        Binding("escape", "cancel", "Close"),
        Binding("ctrl+s", "save", "Import"),
    ]

    DEFAULT_CSS = """
    ImportDialog .import-grid {
        grid-size: 2;
        grid-columns: 10 1fr;
        grid-rows: 1 1 1;
        grid-gutter: 0 1;
        height: auto;
    }
    ImportDialog .import-grid Label {
        color: $text-muted;
    }
    ImportDialog #import-progress {
        display: none;
        margin-top: 1;
    }
    ImportDialog.-running #import-progress, ImportDialog.-done #import-progress {
        display: block;
    }
    ImportDialog #import-summary {
        display: none;
        margin-top: 1;
        max-height: 12;
        overflow-y: auto;
    }
    ImportDialog.-done #import-summary {
        display: block;
    }
    ImportDialog #import-hint {
        color: $text-muted;
    }
    """

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")
        self.running = False
        self.summary = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog kpi-import"):
            yield Static(Text("Import a file"), classes="dialog-title")
            yield Static("", id="form-error", markup=False)
            with Grid(classes="import-grid"):
                yield Label("File")
                yield Input(
                    id="path",
                    compact=True,
                    placeholder="path to the export, e.g. ~/Downloads/orders_export.csv",
                    suggester=PathSuggester(),
                    select_on_focus=False,
                )
                yield Label("Format")
                yield Select(
                    [(name, key) for key, name, _ in FORMATS],
                    value=FORMATS[0][0],
                    allow_blank=False,
                    id="format",
                    compact=True,
                )
                yield Label("")
                yield Checkbox("skip unreadable rows (else they refuse the file)", id="skip", compact=True)
            yield Static(
                Text("→ completes a name · importing a file twice changes nothing"),
                id="import-hint",
            )
            yield ProgressBar(id="import-progress", show_eta=False)
            yield Static("", id="import-summary", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Import (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Close (esc)", id="cancel", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def action_save(self) -> None:
        if self.app.screen is not self or self.running:
            return
        typed = self.query_one("#path", Input).value.strip()
        if not typed:
            self._error("Type the path of the file to import")
            return
        path = Path(typed).expanduser()
        kind = str(self.query_one("#format", Select).value)
        skip = self.query_one("#skip", Checkbox).value
        self.running = True
        self.summary = None
        self.remove_class("-done")
        self.add_class("-running")
        self.query_one("#form-error", Static).remove_class("-visible")
        self.query_one("#import-progress", ProgressBar).update(total=None, progress=0)
        self.query_one("#save", Button).disabled = True
        self.app.bridge.run_long(
            _import_job(kind, path, skip),
            name="import",
            requester=self,
            on_done=self._done,
            on_error=self._failed,
        )

    def on_job_progress(self, message: JobProgress) -> None:
        message.stop()
        bar = self.query_one("#import-progress", ProgressBar)
        if message.total:
            bar.update(total=message.total, progress=message.done)

    def _done(self, summary) -> None:
        self.running = False
        self.summary = summary
        if summary.rows_imported:
            self.app.bridge.check_now()  # the tab behind shows the new figures now, not at the next poll
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=bar.total or 1, progress=bar.total or 1)
        self.remove_class("-running")
        self.add_class("-done")
        text = Text("Imported. " if summary.rows_imported else "Nothing to import in this file. ", "bold")
        text.append("\n".join(summary.lines()))
        self.query_one("#import-summary", Static).update(text)
        self.query_one("#save", Button).disabled = False
        self.query_one("#cancel", Button).focus()

    def _failed(self, exc: Exception) -> None:
        self.running = False
        self.remove_class("-running")
        self.query_one("#save", Button).disabled = False
        from ecomtui.services.validation import InvalidInput

        explained = self.app.explain(exc)  # a refusal says itself that nothing was imported
        self._error(explained if isinstance(exc, InvalidInput) else f"Nothing was imported: {explained}")

    def _error(self, message: str) -> None:
        error = self.query_one("#form-error", Static)
        error.update(Text(message))
        error.add_class("-visible")
        self.query_one("#path", Input).focus()

    def action_cancel(self) -> None:
        if self.app.screen is not self:
            return
        if self.running:
            self.notify("The import is running; its summary shows here when it is done", timeout=3)
            return
        self.dismiss(self.summary)
