"""Importers: one module per file format (pandas and format libraries are imported only here, lazily)."""
