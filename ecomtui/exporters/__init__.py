"""Exports of the store's data, one module per format; each is imported only by the command that uses it."""
