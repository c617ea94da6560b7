"""Task commands: ``task add`` and ``task list``."""

from __future__ import annotations

from ecomtui.commands.common import add_group, fit, open_db, print_json
from ecomtui.text import visible


def register(sub) -> None:
    actions = add_group(sub, "task", "add or list tasks", "task_command")

    add = actions.add_parser("add", help="add a task")
    add.add_argument("title")
    add.add_argument("--status", default="todo", help="backlog, todo, doing, review, done (default todo)")
    add.add_argument("--channel", help="channel name, case-insensitive")
    add.add_argument("--owner", help="team member or partner name")
    add.add_argument("--due", help="due date YYYY-MM-DD")
    add.add_argument("--priority", default="normal", help="low, normal, high, urgent (default normal)")
    add.add_argument("--sprint", help="sprint month YYYY-MM")
    add.add_argument("--notes", default="", help="notes")
    add.set_defaults(handler=add_command)

    lst = actions.add_parser("list", help="list tasks")
    lst.add_argument("--status", help="only this status")
    lst.add_argument("--json", action="store_true", help="JSON for scripts")
    lst.set_defaults(handler=list_command)


def add_command(args) -> int:
    from ecomtui.services import tasks

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
            sprint=args.sprint,
            notes=args.notes,
        )
        card = tasks.create_task(conn, data)
    print(f"added task {card.id}: {visible(card.title)}")
    return 0


def list_command(args) -> int:
    from ecomtui.services.task_queries import list_tasks
    from ecomtui.services.validation import parse_choice
    from ecomtui.vocabulary import TASK_STATUSES

    database = open_db(args.db, must_exist=True)
    status = parse_choice(args.status, TASK_STATUSES, "status") if args.status is not None else None
    with database.connect() as conn:
        cards = list_tasks(conn, status)
    if args.json:
        print_json([c.as_json() for c in cards])
    else:
        print_task_table(cards)
    return 0


def print_task_table(cards) -> None:
    from ecomtui.vocabulary import TASK_STATUS_LABELS

    if not cards:
        print("no tasks")
        return
    print(f"{'ID':>6}  {'STATUS':<11}  {'PRIO':<6}  {'DUE':<10}  {'CHANNEL':<12}  {'OWNER':<18}  TITLE")
    for c in cards:  # stored text may come from other tools: control characters are shown, never sent
        print(
            f"{c.id:>6}  {fit(visible(TASK_STATUS_LABELS.get(c.status, c.status)), 11)}  {fit(visible(c.priority), 6)}  "
            f"{(c.due.isoformat() if c.due else '-'):<10}  {fit(visible(c.channel or '-'), 12)}  "
            f"{fit(visible(c.owner or '-'), 18)}  {visible(c.title)}"
        )
