"""ecomtui performance benchmarks: measure, compare with targets, write RESULTS.md.

Run from the repository root with the project's interpreter::

    python benchmarks/run.py            # 7 runs per measurement, about 1.5 minutes on 2 cores
    python benchmarks/run.py --quick    # 3 runs, under a minute

Needs ``tmux`` (the first paint is measured in a real terminal) and the
project installed (``pip install -e '.[test]'``). It is a measurement, not a
test: it exits 0 even when targets are missed, and lists the misses clearly.

What is measured, and how
-------------------------

Everything runs on the *large* demo store, written fresh into a temporary
directory (``python -m ecomtui demo --scale large --no-open`` with
``ECOMTUI_TODAY=2026-11-23``, so the data and "today" are the same every run).
Each kind of run starts with an uncounted warm-up, and child processes cache
bytecode (in the work directory) as a normal install does. Other work on the
machine skews every number, so the load average is recorded with the results.

1. **First paint in a real terminal.** ``python -m ecomtui --db LARGE`` is
   started in a detached tmux session of 120x40 on a private tmux server
   (``tmux -L ... -f /dev/null``). ``tmux capture-pane -p`` is polled as fast
   as it goes (a 5 ms sleep between polls) and the clock runs from just before
   ``tmux new-session`` until (a) the first line shows `` 2 Tasks`` -- the tab
   bar -- and (b) the board's status line says ``tasks on the board`` -- real
   data, printed once the cards are loaded. Textual writes to stderr, so
   nothing is redirected.
2. **Baseline.** The same for ``benchmarks/baseline_app.py`` (one Static),
   interleaved run by run with the app, so first paint is also reported as a
   ratio to the cheapest possible Textual app on this machine.
3. **Memory.** After the data showed, each tab of ``TABS`` is visited and the
   help screen opened and closed, then the app's peak RSS (``VmHWM`` of the
   Python process in the pane) is read from ``/proc``.
4. **In-process interactions** with Textual's Pilot, on a fresh copy of the
   large store each run: tab switch (every key of ``TAB_KEYS``), one filter
   keystroke on the full board, moving a card one column. Each is timed two
   ways:

   * *settled*: the key event is handed to the app and the clock stops when
     every message it caused has been handled and the resulting frame has
     been composited (``settle()`` below; it uses internals of the pinned
     Textual 8.2). This is the work the key costs and what the target applies to.
   * *press+pause*: ``await pilot.press(key); await pilot.pause()`` around
     ``time.perf_counter``. Pilot detects "idle" by sleeping in 20 ms slices
     (``press`` alone sleeps twice), so this has a floor of several tens of
     milliseconds even for a key nothing is bound to; that floor is measured
     too (``Pilot floor`` row) and these rows are shown for information.

5. **Command line.** ``--help``, ``task list --json`` on the large store and
   ``task add`` on a copy of it, as subprocesses, wall time per run.
6. **Importer throughput** (a 1,000,000-line Shopify orders export, rows/s and
   peak memory): ``importer_throughput()`` is the one function to fill in once
   an importer exists; until then it reports that there is none.

Results: a table (median, min-max spread, target, ratio / verdict) on stdout
and ``benchmarks/RESULTS.md`` with the machine, versions, date and commit.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TODAY = "2026-11-23"
SIZE = (120, 40)


def app_tabs() -> list[tuple[str, str, str]]:
    """Every tab of the app, from the app's own tab list: (number key, label, text on screen once its data shows)."""
    sys.path.insert(0, str(REPO))
    from ecomtui.ui.tabs import TABS as TAB_CLASSES

    return [(tab.TAB_KEY, tab.TAB_LABEL, tab.READY_MARKER) for tab in sorted(TAB_CLASSES, key=lambda t: t.TAB_KEY)]


TABS: list[tuple[str, str]] = [(key, ready) for key, _, ready in app_tabs()]
TAB_LABELS = {key: label for key, label, _ in app_tabs()}
TAB_KEYS = [key for key, _ in TABS]

# the app opens on its first tab: its key and label on the first line, then its data
TAB_BAR_TEXT = f" {TAB_KEYS[0]} {TAB_LABELS[TAB_KEYS[0]]}"
DATA_TEXT = TABS[0][1]
BASELINE_TEXT = "baseline ready"
HELP_TEXT = "this help"  # a line of the ? screen

FILTER_TEXT = "brief"  # typed one key at a time into the board filter, then erased
MOVE_COLUMN = "todo"  # a non-empty column of the large board; its card goes right, then back

# the week before TODAY's and one four years back, near the large store's first data
REVIEW_WEEKS = ("2026-W47", "2022-W47")

POLL_SLEEP = 0.005
PAINT_TIMEOUT = 60.0


# ---------------------------------------------------------------------------------------------
# results


@dataclass
class Result:
    """One row of the table: samples in ``unit`` and what they are held against."""

    name: str
    unit: str  # "ms", "s" or "MB"
    samples: list[float] = field(default_factory=list)
    target: float | None = None  # the median must stay below this (same unit)
    ratio_of: Result | None = None  # report median / ratio_of's median ...
    ratio_target: float | None = None  # ... and pass when it is <= this
    note: str = ""  # why there are no samples ("not measured (...)", "error: ..."), shown as the verdict
    info: str = ""  # shown in the verdict column of a row with no target

    @property
    def median(self) -> float | None:
        return statistics.median(self.samples) if self.samples else None

    @property
    def ratio(self) -> float | None:
        if self.ratio_of is None or not self.samples or not self.ratio_of.samples:
            return None
        return self.median / self.ratio_of.median

    @property
    def passed(self) -> bool | None:
        if not self.samples:
            return None
        if self.ratio_target is not None:
            ratio = self.ratio
            return None if ratio is None else ratio <= self.ratio_target
        if self.target is not None:
            return self.median < self.target
        return None

    def fmt(self, value: float) -> str:
        if self.unit == "s":
            return f"{value:.3f} s"
        if self.unit == "MB":
            return f"{value:.0f} MB"
        return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"

    def cells(self) -> list[str]:
        if not self.samples:
            return [self.name, "—", "", "", self.target_text(), self.note or "not measured"]
        spread = f"{self.fmt(min(self.samples))} – {self.fmt(max(self.samples))}"
        verdict = {True: "PASS", False: "FAIL", None: ""}[self.passed]
        ratio = self.ratio
        if ratio is not None:
            verdict = f"{ratio:.2f}x baseline {verdict}".strip()
        elif not verdict:
            verdict = self.info
        return [self.name, self.fmt(self.median), spread, str(len(self.samples)), self.target_text(), verdict]

    def target_text(self) -> str:
        if self.ratio_target is not None:
            return f"<= {self.ratio_target:g}x baseline"
        if self.target is not None:
            return f"< {self.target:g} {self.unit}"
        return ""


HEADER = ["Metric", "Median", "Spread (min – max)", "n", "Target", "Ratio / verdict"]


def text_table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEADER))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown_table(rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(rows[0]) + " |", "|" + "|".join("---" for _ in rows[0]) + "|"]
    for row in rows[1:]:
        out.append("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# context: the work directory, the demo store, the environment


@dataclass
class Context:
    runs: int
    work: Path
    large: Path
    env: dict[str, str]
    notes: list[str] = field(default_factory=list)  # methodology notes measured on the way

    def copy_of_large(self, name: str) -> Path:
        target = self.work / name
        shutil.copyfile(self.large, target)
        return target


def bench_env(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["ECOMTUI_TODAY"] = TODAY
    # Bytecode is cached as on any normal install (some sandboxes set PYTHONDONTWRITEBYTECODE,
    # which would make every start compile ecomtui from source); the cache lives in the work
    # directory, so the checkout is left untouched, and the warm-up runs fill it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    env.pop("ECOMTUI_DB", None)  # every command gets --db; never the user's store
    for name in [n for n in env if n.startswith("TEXTUAL")]:
        env.pop(name)  # no devtools, no forced driver
    return env


def ecomtui_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "ecomtui", *args]


def write_large_store(work: Path, env: dict[str, str]) -> Path:
    path = work / "large.db"
    proc = subprocess.run(
        ecomtui_cmd("demo", "--scale", "large", "--db", str(path), "--no-open"),
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0 or not path.exists():
        sys.exit(f"could not write the large demo store:\n{proc.stderr}")
    return path


def timed_run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """Run ``cmd``; return (wall seconds, peak RSS MB, exit code, stderr). stdout is discarded."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        return wall, usage.ru_maxrss / 1024, proc.returncode, err.read().decode(errors="replace")


# ---------------------------------------------------------------------------------------------
# tmux: first paint and memory


class Tmux:
    """A private tmux server (own socket, no user config) for the whole benchmark."""

    def __init__(self, env: dict[str, str]):
        self.exe = shutil.which("tmux")
        self.socket = f"ecomtui-bench-{os.getpid()}"
        self.env = env
        self.counter = 0
        self.socket_path = ""

    def __call__(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            [self.exe, "-L", self.socket, "-f", "/dev/null", *args],
            env=self.env,
            capture_output=True,
            text=True,
            check=check,
        )

    def start(self) -> None:
        # A keep-alive session, so the server's start-up is not part of any measurement.
        self("new-session", "-d", "-s", "keepalive", "-x", str(SIZE[0]), "-y", str(SIZE[1]), "sleep 100000")
        self("set-option", "-g", "remain-on-exit", "on")  # a crash stays readable
        self("set-option", "-s", "escape-time", "0")
        self.socket_path = self("display-message", "-p", "#{socket_path}", check=False).stdout.strip()

    def stop(self) -> None:
        self("kill-server", check=False)
        if self.socket_path:  # tmux 3.3 leaves the socket file behind
            Path(self.socket_path).unlink(missing_ok=True)

    def capture(self, session: str) -> str:
        return self("capture-pane", "-p", "-t", session, check=False).stdout

    def pane_pid(self, session: str) -> int:
        return int(self("list-panes", "-t", session, "-F", "#{pane_pid}").stdout.split()[0])

    def launch(self, command: list[str]) -> tuple[str, float]:
        """Start ``command`` in a new 120x40 session; return (session, launch time)."""
        self.counter += 1
        session = f"bench{self.counter}"
        shell = "exec " + " ".join(_quote(part) for part in ["env", f"ECOMTUI_TODAY={TODAY}", *command])
        start = time.perf_counter()
        self("new-session", "-d", "-s", session, "-x", str(SIZE[0]), "-y", str(SIZE[1]), "-c", str(REPO), shell)
        return session, start

    def kill(self, session: str) -> None:
        pid = None
        try:
            pid = self.pane_pid(session)
        except Exception:
            pass
        self("kill-session", "-t", session, check=False)
        if pid is not None:  # wait for the process we started to be gone before the next run
            deadline = time.monotonic() + 3
            while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
                time.sleep(0.01)


def _quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


def python_pid(root: int) -> int:
    """The Python process at or under ``root`` (the pane may run a shell around it)."""
    todo = [root]
    while todo:
        pid = todo.pop(0)
        try:
            if Path(f"/proc/{pid}/comm").read_text().strip().startswith("python"):
                return pid
            for task in Path(f"/proc/{pid}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
    return root


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc status")


def wait_for_screen(
    tmux: Tmux, session: str, start: float, markers: dict[str, Callable[[str], bool]], polls: list[float] | None = None
) -> dict[str, float]:
    """Poll the pane until every marker matched; return seconds from ``start`` to each first match."""
    found: dict[str, float] = {}
    last = time.perf_counter()
    while True:
        screen = tmux.capture(session)
        now = time.perf_counter()
        if polls is not None:
            polls.append(now - last)
        last = now
        for name, matches in markers.items():
            if name not in found and matches(screen):
                found[name] = now - start
        if len(found) == len(markers):
            return found
        if now - start > PAINT_TIMEOUT:
            missing = ", ".join(m for m in markers if m not in found)
            raise RuntimeError(f"timed out waiting for {missing}; the screen showed:\n{screen}")
        time.sleep(POLL_SLEEP)


def first_line_has(text: str) -> Callable[[str], bool]:
    return lambda screen: text in (screen.splitlines() or [""])[0]


def has(text: str) -> Callable[[str], bool]:
    return lambda screen: text in screen


def visit_everything(tmux: Tmux, session: str) -> None:
    """Show every tab with its data, open and close help: what a session touches first."""
    start = time.perf_counter()
    for key, ready in TABS:
        tmux("send-keys", "-t", session, key)
        wait_for_screen(tmux, session, start, {"tab": has(ready)})
    tmux("send-keys", "-t", session, "?")
    wait_for_screen(tmux, session, start, {"help": has(HELP_TEXT)})
    tmux("send-keys", "-t", session, "Escape")
    wait_for_screen(tmux, session, start, {"closed": lambda screen: HELP_TEXT not in screen})
    time.sleep(0.3)  # let the last frame and any after-refresh work finish


def measure_first_paint(ctx: Context) -> list[Result]:
    baseline = Result("first paint: bare Textual app (baseline)", "ms", info="reference")
    tab_bar = Result("first paint: tab bar", "ms", ratio_of=baseline, ratio_target=1.3)
    data = Result("first paint: first tab's data (large store)", "ms", ratio_of=baseline, ratio_target=2.5)
    memory = Result("peak RSS after data, all tabs, help", "MB", target=250)
    baseline_memory = Result("peak RSS, bare Textual app (reference)", "MB", info="reference")

    tmux = Tmux(ctx.env)
    app_cmd = [sys.executable, "-m", "ecomtui", "--db", str(ctx.large)]
    baseline_cmd = [sys.executable, str(HERE / "baseline_app.py")]
    polls: list[float] = []
    tmux.start()
    try:
        for run in range(ctx.runs + 1):  # run 0 warms the file cache and bytecode; not counted
            counted = run > 0
            session, start = tmux.launch(baseline_cmd)
            try:
                seen = wait_for_screen(tmux, session, start, {"ready": has(BASELINE_TEXT)}, polls if counted else None)
                if counted:
                    baseline.samples.append(seen["ready"] * 1000)
                    baseline_memory.samples.append(peak_rss_mb(python_pid(tmux.pane_pid(session))))
            finally:
                tmux.kill(session)

            session, start = tmux.launch(app_cmd)
            try:
                seen = wait_for_screen(
                    tmux,
                    session,
                    start,
                    {"tabs": first_line_has(TAB_BAR_TEXT), "data": has(DATA_TEXT)},
                    polls if counted else None,
                )
                visit_everything(tmux, session)
                rss = peak_rss_mb(python_pid(tmux.pane_pid(session)))
                if counted:
                    tab_bar.samples.append(seen["tabs"] * 1000)
                    data.samples.append(seen["data"] * 1000)
                    memory.samples.append(rss)
            finally:
                tmux.kill(session)
            print(f"  first paint run {run}{'' if counted else ' (warm-up)'}: done", flush=True)
    finally:
        tmux.stop()
    if polls:
        ctx.notes.append(
            f"First paint is read by polling `tmux capture-pane` every {POLL_SLEEP * 1000:.0f} ms plus the poll's own cost: "
            f"the median poll interval was {statistics.median(polls) * 1000:.1f} ms, which bounds the resolution."
        )
    return [baseline, tab_bar, data, memory, baseline_memory]


# ---------------------------------------------------------------------------------------------
# Pilot: in-process interactions


def key_event(app, key: str):
    """The Key event ``pilot.press(key)`` would send (textual 8's App._press_keys)."""
    import unicodedata

    from textual import events
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    try:
        char = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    event = events.Key(key, char)
    event.set_sender(app)
    return event


async def settle(pilot) -> None:
    """Return once every message in flight is handled and the screen's frame is composited.

    Textual would composite on its next refresh tick (up to 1/60 s later); we do it
    straight away so the time is the work the key caused, without Pilot's idle sleeps.

    "Handled" is read from the message queues themselves: every node's queue
    empty on three event-loop turns in a row. Pilot's ``_wait_for_screen`` would
    instead post a callback to every widget and wait for each; that round trip
    costs about 0.1 ms a widget, so with six tabs mounted (some 160 widgets) it
    cost 15-30 ms per call and several calls per key: the harness, not the app.
    The cost of this check is the ``settle floor`` row (an unbound key).
    Uses Textual internals of the pinned version (8.2.x).
    """
    app = pilot.app

    def messages_pending() -> bool:
        return any(not node._message_queue.empty() for node in (app, *app.screen.walk_children(with_self=True)))

    for _ in range(200):
        # Handle every message first (a key, the Changed it posts, the handler's updates...),
        # as the app does before its next refresh tick, then composite one frame.
        quiet = 0
        for _ in range(1000):
            await asyncio.sleep(0)
            quiet = 0 if messages_pending() else quiet + 1
            if quiet == 3:
                break
        screen = app.screen
        screen._on_timer_update()
        await asyncio.sleep(0)
        busy = (
            screen._callbacks
            or screen._dirty_widgets
            or screen._layout_required
            or screen._recompose_required
            or messages_pending()
        )
        if not busy:
            return
    raise RuntimeError("the screen did not settle")


async def time_settled(pilot, key: str) -> float:
    start = time.perf_counter()
    pilot.app._driver.send_message(key_event(pilot.app, key))
    await settle(pilot)
    return (time.perf_counter() - start) * 1000


async def time_press_pause(pilot, key: str) -> float:
    start = time.perf_counter()
    await pilot.press(key)
    await pilot.pause()
    return (time.perf_counter() - start) * 1000


async def wait_db_idle(app, pilot) -> None:
    """Wait until the database worker has finished every job queued so far (e.g. a card's write)."""
    done: list[bool] = []
    app.bridge.submit(lambda session: None, on_done=lambda _: done.append(True))
    deadline = time.monotonic() + 30
    while not done:
        if time.monotonic() > deadline:
            raise RuntimeError("the database worker did not finish")
        await pilot.pause(0.01)
    await settle(pilot)


async def interaction_session(db: Path, samples: dict[str, list[float]]) -> None:
    from ecomtui.app import EcomApp

    app = EcomApp(db=str(db))
    async with app.run_test(size=SIZE) as pilot:
        deadline = time.monotonic() + PAINT_TIMEOUT
        while not (app.tab("tasks") is not None and app.tab("tasks").loaded):
            if time.monotonic() > deadline:
                raise RuntimeError("the task board did not load")
            await pilot.pause(0.05)
        await wait_db_idle(app, pilot)

        def add(name: str, value: float) -> None:
            samples.setdefault(name, []).append(value)

        # Pilot's own floor: a key nothing is bound to.
        for _ in range(3):
            add("floor", await time_press_pause(pilot, "f12"))
            add("settle floor", await time_settled(pilot, "f12"))

        # Tab switch: every tab key in turn, four rounds; round 0 is each tab's first visit.
        for round_ in range(4):
            for key in TAB_KEYS:
                if round_ == 3:
                    add(f"tab {key} press", await time_press_pause(pilot, key))
                else:
                    add(f"tab {key} {'first' if round_ == 0 else 'settled'}", await time_settled(pilot, key))
                await wait_db_idle(app, pilot)
        await pilot.press("2")  # back on the board
        await settle(pilot)

        # Filter keystrokes on the full board: type the text, then erase it; twice, one way each.
        board = app.tab("tasks")
        await pilot.press("slash")
        await settle(pilot)
        if getattr(app.focused, "id", None) != "filter":
            raise RuntimeError(f"'/' did not focus the board filter (focus: {app.focused!r})")
        keys = list(FILTER_TEXT) + ["backspace"] * len(FILTER_TEXT)
        for mode, timer in (("settled", time_settled), ("press", time_press_pause)):
            for n, key in enumerate(keys, 1):
                add(f"filter {mode}", await timer(pilot, key))
                if n == len(FILTER_TEXT) and board.filter.text != FILTER_TEXT:
                    raise RuntimeError(f"typing did not filter the board (filter: {board.filter!r})")
        await pilot.press("escape")
        await settle(pilot)

        # Weekly review: open it (its figures are read once), then each step's key, forward and back.
        await review_steps(app, pilot, add)

        # Card move: the selected card of a non-empty column one column right, then back.
        board.column(MOVE_COLUMN).focus()
        await settle(pilot)
        for mode, timer in (("settled", time_settled), ("press", time_press_pause)):
            for key in ("shift+right", "shift+left"):
                card = board.selected_card()
                add(f"move {mode}", await timer(pilot, key))
                moved = next((c for c in board.cards if c.id == card.id), None) if card else None
                if moved is None or moved.status == card.status:
                    raise RuntimeError(f"{key} did not move the selected card (card: {card!r})")
                await wait_db_idle(app, pilot)


async def review_steps(app, pilot, add: Callable[[str, float], None]) -> None:
    """``w`` on the board, wait for the review's figures, then time ``enter`` to each step and ``left`` back."""
    from ecomtui.ui.review import ReviewScreen

    await pilot.press("w")
    deadline = time.monotonic() + PAINT_TIMEOUT
    while not (isinstance(app.screen, ReviewScreen) and app.screen.loaded):
        if time.monotonic() > deadline:
            raise RuntimeError("the weekly review did not open")
        await pilot.pause(0.05)
    await settle(pilot)
    review = app.screen
    steps = len(review.step_titles)
    for key, sign, times in (("enter", 1, steps - 1), ("left", -1, steps - 2)):
        if key == "left":  # on the notes step left moves the text cursor: back from the last figures step
            review._show(steps - 2)
            await settle(pilot)
        for _ in range(times):
            before = review.step
            add("review step", await time_settled(pilot, key))
            if review.step != before + sign:
                raise RuntimeError(f"{key} did not change the review's step (step {review.step})")
    review.dirty = False  # nothing typed: leave without the question
    await pilot.press("escape")
    await settle(pilot)


def measure_interactions(ctx: Context) -> list[Result]:
    samples: dict[str, list[float]] = {}
    for run in range(ctx.runs):
        db = ctx.copy_of_large(f"pilot-{run}.db")
        asyncio.run(interaction_session(db, samples))
        print(f"  interactions run {run + 1}: done", flush=True)

    results: list[Result] = []
    for key in TAB_KEYS:
        label = f"{key} {TAB_LABELS.get(key, '')}".strip()
        results.append(
            Result(f"tab switch → {label}, first visit", "ms", samples.get(f"tab {key} first", []), target=100)
        )
        results.append(Result(f"tab switch → {label}", "ms", samples.get(f"tab {key} settled", []), target=100))
    results.append(Result("filter keystroke (large board)", "ms", samples["filter settled"], target=50))
    results.append(Result("card move (shift+→ / shift+←)", "ms", samples["move settled"], target=50))
    results.append(Result("weekly review: next / previous step", "ms", samples["review step"], target=100))
    results.append(Result("settle floor (unbound key)", "ms", samples["settle floor"], info="reference"))
    floor = Result("Pilot press+pause floor (unbound key)", "ms", samples["floor"], info="reference")
    results.append(floor)
    for key in TAB_KEYS:
        results.append(
            Result(
                f"tab switch → {key}, press+pause", "ms", samples.get(f"tab {key} press", []), info="info (see floor)"
            )
        )
    results.append(Result("filter keystroke, press+pause", "ms", samples["filter press"], info="info (see floor)"))
    results.append(Result("card move, press+pause", "ms", samples["move press"], info="info (see floor)"))
    return results


# ---------------------------------------------------------------------------------------------
# command line


def measure_cli(ctx: Context) -> list[Result]:
    copy = ctx.copy_of_large("cli-add.db")
    commands = [
        (Result("CLI: ecomtui --help", "s", target=0.3), ecomtui_cmd("--help")),
        (
            Result("CLI: task list --json (large)", "s", target=1.0),
            ecomtui_cmd("task", "list", "--json", "--db", str(ctx.large)),
        ),
        (Result("CLI: task add (large)", "s", target=0.5), ecomtui_cmd("task", "add", "bench", "--db", str(copy))),
        *(
            (
                Result(f"CLI: review --json --week {week} (large)", "s", target=1.0),
                ecomtui_cmd("review", "--json", "--week", week, "--db", str(ctx.large)),
            )
            for week in REVIEW_WEEKS
        ),
    ]
    for result, cmd in commands:
        timed_run(cmd, ctx.env)  # warm-up, not counted
        for _ in range(ctx.runs):
            wall, _, code, err = timed_run(cmd, ctx.env)
            if code != 0:
                raise RuntimeError(f"{' '.join(cmd[2:])} exited {code}: {err.strip()}")
            result.samples.append(wall)
    print("  command line: done", flush=True)
    return [result for result, _ in commands]


# ---------------------------------------------------------------------------------------------
# importer throughput


def importer_throughput(ctx: Context) -> list[Result]:
    """Importer throughput: a 1,000,000-line Shopify orders export (``benchmarks/importers.py``).

    Wall time of ``import_shopify_orders`` against ``pandas.read_csv`` of the columns it
    needs, read in the same run (target: within 3x), time per million lines (target:
    100,000 lines/s, i.e. under 10 s) and the importing child's peak memory (under 1 GB).
    """
    sys.path.insert(0, str(HERE))
    from importers import measure_importer

    numbers = measure_importer(ctx.work / "importer", runs=min(ctx.runs, 3))
    per_million = [seconds * 1_000_000 / numbers.lines for seconds in numbers.import_s]
    read_csv = Result("importer: pandas.read_csv of the needed columns", "s", numbers.read_csv_s, info="reference")
    return [
        read_csv,
        Result(
            "importer: Shopify export, 1,000,000 lines",
            "s",
            list(numbers.import_s),
            ratio_of=read_csv,
            ratio_target=3.0,
        ),
        Result("importer: time per 1,000,000 lines (>= 100,000 lines/s)", "s", per_million, target=10.0),
        Result("importer: peak RSS", "MB", list(numbers.peak_mb), target=1000),
    ]


MEASUREMENTS: list[tuple[str, Callable[[Context], list[Result]]]] = [
    ("first paint and memory (tmux)", measure_first_paint),
    ("interactions (Pilot)", measure_interactions),
    ("command line", measure_cli),
    ("importer throughput", importer_throughput),
]


# ---------------------------------------------------------------------------------------------
# report


def machine(load_at_start: tuple[float, float, float] | None = None) -> list[tuple[str, str]]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    tmux = subprocess.run(["tmux", "-V"], capture_output=True, text=True).stdout.strip()

    def version(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "not installed"

    return [
        ("CPU", cpu),
        ("Cores", f"{os.cpu_count()} ({usable} usable)"),
        ("Memory", memory),
        ("OS", platform.platform()),
        ("Python", f"{platform.python_version()} ({platform.python_implementation()})"),
        ("Textual", version("textual")),
        ("SQLAlchemy", version("SQLAlchemy")),
        ("tmux", tmux),
        ("Load average (1/5/15 min)", _load_text(load_at_start)),
        ("Date", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
        ("Commit", git_commit()),
    ]


def _load_text(at_start: tuple[float, float, float] | None) -> str:
    """Other work on the machine skews every number: say how busy it was."""
    if not hasattr(os, "getloadavg"):
        return "?"
    now = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    if at_start is None:
        return now
    return f"{' / '.join(f'{x:.2f}' for x in at_start)} at start, {now} at the end"


def git_commit() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO, capture_output=True, text=True
        ).stdout.strip()
        return head + (" (with uncommitted changes)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "not a git checkout"


def write_results(
    path: Path,
    results: list[Result],
    ctx: Context,
    flags: str,
    seconds: float,
    load_at_start: tuple[float, float, float] | None,
) -> None:
    rows = [HEADER, *(r.cells() for r in results)]
    failed = [r for r in results if r.passed is False]
    lines = [
        "# ecomtui benchmark results",
        "",
        f"Written by `python benchmarks/run.py{flags}` ({ctx.runs} runs per measurement, "
        f"{seconds:.0f} s in all). See the docstring of `benchmarks/run.py` for how each number is taken.",
        "",
        "## Machine",
        "",
        *(f"- **{k}**: {v}" for k, v in machine(load_at_start)),
        "",
        "## Results",
        "",
        "Large demo store (`ecomtui demo --scale large`, ECOMTUI_TODAY=" + TODAY + "), terminal 120x40.",
        "",
        markdown_table(rows),
        "",
    ]
    if failed:
        lines += ["**Targets missed:** " + ", ".join(r.name for r in failed) + ".", ""]
    else:
        lines += ["All targets met.", ""]
    lines += ["## Notes", "", *(f"- {n}" for n in ctx.notes), ""]
    path.write_text("\n".join(lines), encoding="utf-8")


# ---------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="3 runs per measurement instead of 7")
    parser.add_argument("--runs", type=int, help="runs per measurement (overrides --quick)")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md", help="where to write the Markdown report")
    parser.add_argument("--keep", action="store_true", help="keep the work directory with the demo stores")
    parser.add_argument(
        "--only",
        action="append",
        metavar="WORD",
        help="run only the measurements whose title has WORD (e.g. --only interactions); repeatable",
    )
    args = parser.parse_args()

    if shutil.which("tmux") is None:
        print(
            "benchmarks/run.py needs tmux: the first paint is measured in a real terminal, which tmux provides\n"
            "headless. Install it (Debian/Ubuntu: apt-get install tmux; Fedora: dnf install tmux;\n"
            "macOS: brew install tmux) and run again.",
            file=sys.stderr,
        )
        return 2
    try:
        import ecomtui  # noqa: F401
    except ImportError:
        print(f"ecomtui is not importable by {sys.executable}: run `pip install -e '.[test]'` first.", file=sys.stderr)
        return 2

    runs = args.runs or (3 if args.quick else 7)
    started = time.perf_counter()
    load_at_start = os.getloadavg() if hasattr(os, "getloadavg") else None
    os.environ["ECOMTUI_TODAY"] = TODAY  # for the in-process Pilot runs
    os.environ.pop("ECOMTUI_DB", None)
    work = Path(tempfile.mkdtemp(prefix="ecomtui-bench-"))
    env = bench_env(work)
    results: list[Result] = []
    try:
        print(f"writing the large demo store into {work} ...", flush=True)
        ctx = Context(runs=runs, work=work, large=write_large_store(work, env), env=env)
        for title, measure in MEASUREMENTS:
            if args.only and not any(word in title for word in args.only):
                continue
            print(f"measuring {title} ...", flush=True)
            try:
                results.extend(measure(ctx))
            except Exception as exc:  # one broken measurement must not hide the others
                results.append(
                    Result(
                        title, "ms", note=f"error: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
                    )
                )
                print(f"  {title} failed: {exc}", file=sys.stderr, flush=True)
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    seconds = time.perf_counter() - started
    ctx.notes.append(
        "Interactions: the target applies to the *settled* time (key event handed to the app until every message it "
        "caused is handled and the frame composited). The press+pause rows time `await pilot.press(key); await "
        "pilot.pause()`, which includes Pilot's idle detection (20 ms sleeps, at least three of them); compare them "
        "with the floor row, not the target."
    )
    ctx.notes.append(
        "A real terminal composites on Textual's refresh tick (60 per second), so a user sees a key's effect up to "
        "about 16 ms after the settled time."
    )
    ctx.notes.append(
        "Tab switch, first visit: the first press of each tab key once every tab has its data (hidden tabs are "
        "laid out and drawn while the app is idle); the other row: later presses. The app opens on the first tab, "
        "so its first visit is not a switch."
    )
    ctx.notes.append(
        "Every Python child runs with bytecode caching on (PYTHONPYCACHEPREFIX in the work directory, "
        "PYTHONDONTWRITEBYTECODE removed) and after an uncounted warm-up run, as on a normal install."
    )
    rows = [HEADER, *(r.cells() for r in results)]
    print()
    print(text_table(rows))
    print()
    failed = [r for r in results if r.passed is False]
    errors = [r for r in results if r.note.startswith("error")]
    if failed:
        print("TARGETS MISSED:")
        for r in failed:
            detail = (
                f"{r.ratio:.2f}x baseline, target {r.target_text()}"
                if r.ratio is not None
                else f"median {r.fmt(r.median)}, target {r.target_text()}"
            )
            print(f"  FAIL  {r.name}: {detail}")
    else:
        print("All targets met.")
    for r in errors:
        print(f"  ERROR {r.name}: {r.note}")
    flags = "".join(f" {a}" for a in sys.argv[1:])
    write_results(args.out, results, ctx, flags, seconds, load_at_start)
    print(f"\nwrote {args.out.relative_to(REPO) if args.out.is_relative_to(REPO) else args.out} ({seconds:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
