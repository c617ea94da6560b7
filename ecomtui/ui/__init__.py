"""Textual screens: one module per tab, shared widgets and dialogs."""
