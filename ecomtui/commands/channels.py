"""Channel commands: the user's own channels, for people and scripts.

``channel add``, ``rename``, ``list`` (PRODUCT.md), plus ``colour``, ``move``,
``retire`` and ``restore``, which the app's command palette offers too. A
channel is named by its name or a unique prefix of a word of it.
"""

from __future__ import annotations

from ecomtui.commands.common import add_group, fit, open_db, print_json


def register(sub) -> None:
    actions = add_group(sub, "channel", "add, rename, list, colour, reorder and retire channels", "channel_command")

    add = actions.add_parser("add", help="add a channel (at the end of the list)")
    add.add_argument("name")
    add.add_argument("--colour", "--color", help="palette name (teal, orange, ...) or #rrggbb (default: a free one)")
    add.set_defaults(handler=add_command)

    rename = actions.add_parser("rename", help="rename a channel; its tasks follow")
    rename.add_argument("old", metavar="OLD")
    rename.add_argument("new", metavar="NEW")
    rename.set_defaults(handler=rename_command)

    lst = actions.add_parser("list", help="every channel in display order, retired ones marked")
    lst.add_argument("--json", action="store_true", help="JSON for scripts")
    lst.set_defaults(handler=list_command)

    colour = actions.add_parser("colour", aliases=["color"], help="change a channel's colour")
    colour.add_argument("name")
    colour.add_argument("colour", metavar="COLOUR", help="palette name (teal, orange, ...) or #rrggbb")
    colour.set_defaults(handler=colour_command)

    move = actions.add_parser("move", help="put a channel at another place in the list")
    move.add_argument("name")
    move.add_argument("position", type=int, metavar="POSITION", help="1 for the top")
    move.set_defaults(handler=move_command)

    retire = actions.add_parser("retire", help="stop offering a channel for new items (its items keep it)")
    retire.add_argument("name")
    retire.set_defaults(handler=retire_command, retired=True)

    restore = actions.add_parser("restore", help="offer a retired channel again")
    restore.add_argument("name")
    restore.set_defaults(handler=retire_command, retired=False)


def add_command(args) -> int:
    from ecomtui.services import channels

    with open_db(args.db).transaction() as conn:
        info = channels.add_channel(conn, args.name, args.colour)
    print(f"added channel {info.name} ({_colour(info.colour)})")
    return 0


def rename_command(args) -> int:
    from ecomtui.services import channels

    with open_db(args.db).transaction() as conn:
        old = channels.find_any_channel(conn, args.old)
        info = channels.rename_channel(conn, old.id, args.new)
    print(f"renamed channel {old.name} to {info.name}")
    return 0


def colour_command(args) -> int:
    from ecomtui.services import channels

    with open_db(args.db).transaction() as conn:
        info = channels.set_colour(conn, channels.find_any_channel(conn, args.name).id, args.colour)
    print(f"channel {info.name} is now {_colour(info.colour)}")
    return 0


def move_command(args) -> int:
    from ecomtui.services import channels

    with open_db(args.db).transaction() as conn:
        info = channels.find_any_channel(conn, args.name)
        order = channels.move_channel(conn, info.id, args.position - 1)
    print(f"moved channel {info.name} to position {[c.id for c in order].index(info.id) + 1}")
    return 0


def retire_command(args) -> int:
    from ecomtui.services import channels

    with open_db(args.db).transaction() as conn:
        info = channels.set_retired(conn, channels.find_any_channel(conn, args.name).id, args.retired)
    print(f"{'retired' if info.retired else 'restored'} channel {info.name}")
    return 0


def list_command(args) -> int:
    from ecomtui.services import channels

    with open_db(args.db).connect() as conn:
        rows = channels.list_channels(conn)
        counts = channels.task_counts(conn)
    if args.json:
        print_json(
            [
                {"id": c.id, "name": c.name, "colour": c.colour, "retired": c.retired, "tasks": counts.get(c.id, 0)}
                for c in rows
            ]
        )
        return 0
    print(f"{'#':>3}  {'CHANNEL':<24}  {'COLOUR':<8}  {'TASKS':>6}  STATE")
    for number, c in enumerate(rows, 1):
        state = "retired" if c.retired else "-"
        print(f"{number:>3}  {fit(c.name, 24)}  {_colour(c.colour):<8}  {counts.get(c.id, 0):>6}  {state}")
    return 0


def _colour(colour: str) -> str:
    from ecomtui.services.channel_colours import colour_name

    return colour_name(colour)
