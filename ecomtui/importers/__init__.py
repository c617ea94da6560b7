"""Importers: one module per file format read from other tools."""
