"""Command-line commands, one module per domain.

Each module has ``register(sub)``: it adds its subcommands to the root
parser's subparsers and gives each a ``handler(args) -> int`` with
``set_defaults``. Modules import only the standard library at the top, so
``ecomtui --help`` stays instant; a handler imports the services it needs.

To add a domain: write ``commands/<domain>.py`` and add it to ``DOMAINS``.
"""

# The command modules, in the order their commands are listed in --help.
DOMAINS = (
    "ecomtui.commands.store",
    "ecomtui.commands.tasks",
    "ecomtui.commands.kpis",
    "ecomtui.commands.review",
    "ecomtui.commands.promotions",
    "ecomtui.commands.channels",
    "ecomtui.commands.partners",
    "ecomtui.commands.imports",
    "ecomtui.commands.budget",
    "ecomtui.commands.exports",
    "ecomtui.commands.calendar_files",
)
