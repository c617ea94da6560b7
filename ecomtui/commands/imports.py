"""The ``import`` command's contact kind: ``import vcf FILE``.

``import`` is a group several domains add their kinds to (``shared_group``):
KPI exports, calendars and contacts each register theirs. The file is read
and checked before the database is opened, so a file that cannot be used
creates and changes nothing.
"""

from __future__ import annotations

from ecomtui.commands.common import open_db, shared_group


def register(sub) -> None:
    actions = shared_group(sub, "import", "import an export file", "import_kind")
    vcf = actions.add_parser("vcf", help="contacts from a phone or mail client (vCard .vcf)")
    vcf.add_argument("file", help="the exported .vcf file")
    vcf.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help="import the readable cards and list the others (default: refuse the file)",
    )
    vcf.set_defaults(handler=import_vcf_command)


def import_vcf_command(args) -> int:
    from pathlib import Path

    from ecomtui import clock
    from ecomtui.importers.vcf import read_file
    from ecomtui.services.contact_import import check_cards, import_cards

    cards = read_file(args.file)
    check_cards(cards, skip_bad=args.skip_bad_rows)  # refused before a database is opened
    database = open_db(args.db)
    with database.transaction() as conn:
        summary = import_cards(conn, cards, clock.today(), skip_bad=args.skip_bad_rows)
    from ecomtui.text import visible

    print("\n".join(visible(line) for line in summary.lines(Path(args.file).name)))
    return 0
