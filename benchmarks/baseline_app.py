"""The smallest useful Textual app: the yardstick for ecomtui's first paint.

``benchmarks/run.py`` launches this in the same tmux setup as ecomtui and
waits for the text ``baseline ready``. Whatever it costs (Python start-up,
importing Textual, the driver switching the terminal to application mode,
the first frame) is the floor no Textual app can go below, so ecomtui's
first paint is reported as a ratio to it.
"""

from textual.app import App, ComposeResult
from textual.widgets import Static


class BaselineApp(App):
    """One Static, nothing else."""

    def compose(self) -> ComposeResult:
        yield Static("baseline ready")


if __name__ == "__main__":
    BaselineApp().run()
