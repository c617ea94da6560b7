"""Domain services: queries and pure calculations, one module per domain. No Textual here."""
