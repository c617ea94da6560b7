"""Task commands for people, scripts, cron jobs and agents: add, list, show, edit, move, done, delete.

Every value is checked by the same services as the app's dialog (statuses by
key or label, owners and channels by a unique prefix of any word), with the
same messages; new tasks get the dialog's defaults (the current sprint).
"""

from __future__ import annotations

import argparse
import sys

from ecomtui.commands.common import CliError, add_group, fit, open_db, print_json
from ecomtui.text import visible

STATUS_HELP = "backlog, todo, doing, review, done, or a label such as 'In progress'"


def task_id(text: str) -> int:
    """A task id as typed on the command line."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a task id (a number, as 'task list' shows)") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a task id (a number, as 'task list' shows)")
    return value


def register(sub) -> None:
    actions = add_group(sub, "task", "add, list, show, change and delete tasks", "task_command")

    add = actions.add_parser("add", help="add a task (defaults as in the app: To do, normal, this sprint)")
    add.add_argument("title")
    add.add_argument("--status", default="todo", help=f"{STATUS_HELP} (default todo)")
    add.add_argument("--channel", help="channel: its name or a unique prefix of a word of it")
    add.add_argument("--owner", help="team member or partner: name or unique prefix of a word of it")
    add.add_argument("--due", help="due date YYYY-MM-DD")
    add.add_argument("--priority", default="normal", help="low, normal, high, urgent (default normal)")
    sprint = add.add_mutually_exclusive_group()
    sprint.add_argument("--sprint", help="sprint month YYYY-MM (default: the current month)")
    sprint.add_argument("--no-sprint", action="store_true", help="no sprint")
    add.add_argument("--notes", default="", help="notes")
    add.set_defaults(handler=add_command)

    lst = actions.add_parser("list", help="list tasks (every criterion given narrows the list)")
    lst.add_argument("--status", help=STATUS_HELP)
    lst.add_argument("--channel", help="only this channel (retired ones too)")
    lst.add_argument("--owner", help="only this owner (archived ones too)")
    lst.add_argument("--sprint", help="only this sprint YYYY-MM")
    lst.add_argument("--overdue", action="store_true", help="only tasks past their due date and not done")
    lst.add_argument("--json", action="store_true", help="JSON for scripts")
    lst.set_defaults(handler=list_command)

    show = actions.add_parser("show", help="every field of one task")
    show.add_argument("id", type=task_id, metavar="ID")
    show.add_argument("--json", action="store_true", help="JSON for scripts")
    show.set_defaults(handler=show_command)

    edit = actions.add_parser("edit", help="change the given fields of a task")
    edit.add_argument("id", type=task_id, metavar="ID")
    edit.add_argument("--title")
    edit.add_argument("--status", help=STATUS_HELP)
    _optional(edit, "channel", "channel name or unique prefix")
    _optional(edit, "owner", "owner name or unique prefix")
    _optional(edit, "due", "due date YYYY-MM-DD")
    edit.add_argument("--priority", help="low, normal, high, urgent")
    _optional(edit, "sprint", "sprint month YYYY-MM")
    edit.add_argument("--notes", help="notes (replace them)")
    edit.set_defaults(handler=edit_command)

    move = actions.add_parser("move", help="put a task in another column")
    move.add_argument("id", type=task_id, metavar="ID")
    move.add_argument("status", metavar="STATUS", help=STATUS_HELP)
    move.set_defaults(handler=move_command)

    done = actions.add_parser("done", help="mark a task done")
    done.add_argument("id", type=task_id, metavar="ID")
    done.set_defaults(handler=move_command, status="done")

    delete = actions.add_parser("delete", help="delete a task (asks on a terminal; --yes for scripts)")
    delete.add_argument("id", type=task_id, metavar="ID")
    delete.add_argument("--yes", action="store_true", help="do not ask (needed when not on a terminal)")
    delete.set_defaults(handler=delete_command)


def _optional(parser, name: str, help: str) -> None:
    """``--NAME VALUE`` or ``--no-NAME`` (clears it), not both."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(f"--{name}", help=help)
    group.add_argument(f"--no-{name}", action="store_true", help=f"clear the {name}")


# ---- handlers ------------------------------------------------------------------------


def add_command(args) -> int:
    from ecomtui import clock
    from ecomtui.services import tasks

    sprint = None if args.no_sprint else args.sprint or tasks.default_sprint(clock.today())
    database = open_db(args.db)
    with database.transaction() as conn:
        data = tasks.parse_task_input(
            conn,
            title=args.title,
            status=args.status,
            priority=args.priority,
            channel=args.channel,
            owner=args.owner,
            due=args.due,
            sprint=sprint,
            notes=args.notes,
        )
        card = tasks.create_task(conn, data)
    print(f"added task {card.id}: {visible(card.title)}")
    return 0


def list_command(args) -> int:
    from ecomtui import clock
    from ecomtui.services.lookups import find_channel, find_owner
    from ecomtui.services.task_queries import list_tasks
    from ecomtui.services.validation import parse_month, parse_status

    status = parse_status(args.status) if args.status is not None else None
    sprint = parse_month(args.sprint, "sprint") if args.sprint is not None else None
    database = open_db(args.db, must_exist=True)
    with database.connect() as conn:
        cards = list_tasks(
            conn,
            status,
            channel_id=find_channel(conn, args.channel, include_retired=True),
            owner_id=find_owner(conn, args.owner, include_archived=True),
            sprint=sprint,
            overdue_on=clock.today() if args.overdue else None,
        )
    if args.json:
        print_json([c.as_json() for c in cards])
    else:
        print_task_table(cards)
    return 0


def show_command(args) -> int:
    from ecomtui.services import tasks

    database = open_db(args.db, must_exist=True)
    with database.connect() as conn:
        card = tasks.require_card(conn, args.id)
        row = tasks.task_row(conn, args.id)
    if args.json:
        print_json(task_details(card, row))
    else:
        print_task(card, row)
    return 0


def edit_command(args) -> int:
    from ecomtui.services import tasks

    changes = _changes(args)
    if not changes:
        raise CliError(
            "task edit: nothing to change (give --title, --status, --due, ... see 'ecomtui task edit --help')"
        )
    database = open_db(args.db, must_exist=True)
    with database.transaction() as conn:
        card = tasks.require_card(conn, args.id)
        card = tasks.update_task(conn, card.id, tasks.parse_task_changes(conn, card, changes))
    print(f"saved task {card.id}: {card.title}")
    return 0


def _changes(args) -> dict[str, str | None]:
    """The fields given on the command line: text to set, None to clear."""
    changes: dict[str, str | None] = {}
    for field in ("title", "status", "priority", "notes"):
        if getattr(args, field) is not None:
            changes[field] = getattr(args, field)
    for field in ("channel", "owner", "due", "sprint"):
        if getattr(args, f"no_{field}"):
            changes[field] = None
        elif getattr(args, field) is not None:
            changes[field] = getattr(args, field)
    return changes


def move_command(args) -> int:
    from ecomtui.services import tasks
    from ecomtui.services.validation import parse_status

    status = parse_status(args.status)
    database = open_db(args.db, must_exist=True)
    with database.transaction() as conn:
        card = tasks.require_card(conn, args.id)
        if card.status != status:
            tasks.move_task(conn, card.id, status)
    label = tasks.status_label(status)
    if card.status == status:
        print(f"task {card.id} is already in {label}: {card.title}")
    else:
        print(f"moved task {card.id} to {label}: {card.title}")
    return 0


def delete_command(args) -> int:
    from ecomtui.services import tasks
    from ecomtui.services.task_board import clip

    database = open_db(args.db, must_exist=True)
    with database.connect() as conn:
        card = tasks.require_card(conn, args.id)
    if not args.yes:
        if not sys.stdin.isatty():
            raise CliError(
                f"task delete: not on a terminal, so nothing was asked and task {card.id} was kept (add --yes)"
            )
        sys.stderr.write(f"Delete task {card.id} “{clip(card.title)}” for good? [y/N] ")
        sys.stderr.flush()
        if sys.stdin.readline().strip().lower() not in ("y", "yes"):
            raise CliError(f"task {card.id} was kept")
    with database.transaction() as conn:
        if tasks.delete_task(conn, card.id) is None:
            raise CliError(f"task {card.id} does not exist")
    print(f"deleted task {card.id}: {card.title}")
    return 0


# ---- output --------------------------------------------------------------------------


def task_details(card, row: dict) -> dict:
    """``task show --json``: the fields of ``task list --json`` plus notes and timestamps."""

    def stamp(value):
        return value.isoformat() if value is not None else None

    return card.as_json() | {
        "notes": card.notes,
        "created_at": stamp(row["created_at"]),
        "updated_at": stamp(row["updated_at"]),
        "done_at": stamp(row["done_at"]),
    }


def print_task(card, row: dict) -> None:
    from ecomtui import clock
    from ecomtui.services.task_board import status_label

    def stamp(value):
        return value.strftime("%Y-%m-%d %H:%M UTC") if value is not None else "-"

    due = card.due.isoformat() if card.due else "-"
    if card.is_overdue(clock.today()):
        days = (clock.today() - card.due).days
        due += f" (late by {days} day{'s' if days != 1 else ''})"
    fields = [
        ("title", card.title),
        ("status", status_label(card.status)),
        ("priority", card.priority),
        ("channel", card.channel or "-"),
        ("owner", card.owner or "-"),
        ("due", due),
        ("sprint", card.sprint or "-"),
        ("created", stamp(row["created_at"])),
        ("updated", stamp(row["updated_at"])),
        ("done", stamp(row["done_at"])),
    ]
    print(f"task {card.id}")
    for name, value in fields:
        print(f"{name:<9} {value}")
    if card.notes:
        print("notes")
        for line in card.notes.splitlines():
            print(f"  {line}")


def print_task_table(cards) -> None:
    from ecomtui.services.task_board import status_label

    if not cards:
        print("no tasks")
        return
    print(f"{'ID':>6}  {'STATUS':<11}  {'PRIO':<6}  {'DUE':<10}  {'SPRINT':<7}  {'CHANNEL':<12}  {'OWNER':<18}  TITLE")
    for c in cards:  # stored text may come from other tools: control characters are shown, never sent
        print(
            f"{c.id:>6}  {fit(visible(status_label(c.status)), 11)}  {fit(visible(c.priority), 6)}  "
            f"{(c.due.isoformat() if c.due else '-'):<10}  {fit(visible(c.sprint or '-'), 7)}  "
            f"{fit(visible(c.channel or '-'), 12)}  {fit(visible(c.owner or '-'), 18)}  {visible(c.title)}"
        )
