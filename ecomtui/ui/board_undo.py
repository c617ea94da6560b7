"""`u` on the board: take back the last delete or move of the session, as often as asked.

A move is undone from the card as it was (its column and completion time); a
delete from the row the database returned when it deleted the task, so the
task comes back with its id, notes and dates. The list lives as long as the
app; the footer lights ``u Undo`` while it is not empty.
"""

from __future__ import annotations

from dataclasses import replace

from ecomtui.services.task_board import TaskCard, clip, matches, status_label


class BoardUndo:
    """Mixed into the board: it provides cards, _place, refresh_board, _focus_card, filters, _write_failed."""

    def __init__(self) -> None:
        super().__init__()
        self._undo: list[tuple[str, object]] = []  # ("move", card as it was) or ("delete", stored row)

    def remember_move(self, card: TaskCard) -> None:
        self._undo.append(("move", card))

    def remember_delete(self, row: dict | None) -> None:
        if row is not None:
            self._undo.append(("delete", row))
            self.refresh_bindings()

    def can_undo(self) -> bool:
        return bool(self._undo)

    def action_undo(self) -> None:
        """Take back the last delete or move of this session."""
        if not self._undo:
            return
        kind, before = self._undo.pop()
        if kind == "move":
            self._undo_move(before)  # type: ignore[arg-type]
        else:
            self._undo_delete(before)  # type: ignore[arg-type]
        self.refresh_bindings()

    def _undo_move(self, before: TaskCard) -> None:
        current = next((c for c in self.cards if c.id == before.id), before)
        back = replace(current, status=before.status, done_at=before.done_at)
        self._place(back)
        self.refresh_board(keep_id=back.id)
        self._focus_card(back)

        def job(conn):
            from ecomtui.services import tasks

            return tasks.put_back_status(conn, before.id, before.status, before.done_at)

        self.app.bridge.submit(job, requester=self, write=True, on_done=self._restored, on_error=self._write_failed)
        self.notify(f"Moved “{clip(back.title)}” back to {status_label(back.status)}", timeout=3, markup=False)

    def _undo_delete(self, row: dict) -> None:
        def job(conn):
            from ecomtui.services import tasks

            return tasks.restore_task(conn, row)

        def restored(card: TaskCard) -> None:
            self._restored(card)
            self.notify(f"Brought back “{clip(card.title)}”", timeout=3, markup=False)

        self.app.bridge.submit(job, requester=self, write=True, on_done=restored, on_error=self._write_failed)

    def _restored(self, card: TaskCard) -> None:
        self._place(card)
        if self.filter.active and not matches(card, self.filter):
            self._reset_filter()
        self.refresh_board(keep_id=card.id)
        self._focus_card(card)
