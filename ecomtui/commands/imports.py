"""``import``: other tools' files into the store, one action per format (``import ics``, ...).

Domains add their format here as one action each; a handler imports its
importer lazily. An import is checked whole before anything is written.
"""

from __future__ import annotations

from ecomtui.commands.common import add_group, open_db


def register(sub) -> None:
    actions = add_group(sub, "import", "read other tools' files into the store", "import_command")

    ics = actions.add_parser(
        "ics", help="promotions back from our export; Google Calendar / Outlook events as ideas (by UID)"
    )
    ics.add_argument("file")
    ics.add_argument("--skip-bad-rows", action="store_true", help="import the rest when some events cannot be")
    ics.set_defaults(handler=import_ics)


def import_ics(args) -> int:
    import sys
    from pathlib import Path

    from ecomtui import clock
    from ecomtui.importers.ics import apply_calendar, read_calendar_file
    from ecomtui.text import visible

    if not Path(args.file).is_file():
        from ecomtui.commands.common import CliError

        raise CliError(f"import ics: no file {visible(args.file)}")
    parsed = read_calendar_file(args.file, today=clock.today(), skip_bad=args.skip_bad_rows)  # before any write
    database = open_db(args.db)
    with database.transaction() as conn:
        result = apply_calendar(conn, parsed)
    for problem in result.problems:
        print(f"not imported: {visible(problem)}", file=sys.stderr)
    for note in result.notes:
        print(visible(note), file=sys.stderr)
    print(result.summary())
    return 0
