"""Exporters: one module per file format written for other tools (vCard, iCalendar, CSV)."""
