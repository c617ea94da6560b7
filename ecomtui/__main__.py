"""`python -m ecomtui` runs the command line."""

from ecomtui.cli import main

raise SystemExit(main())
