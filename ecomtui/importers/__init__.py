"""Importers: one module per export format, each reading a whole file before writing it in one go.

``shopify_orders``, ``ga4``, ``ads`` (``google_ads``, ``meta_ads``) and
``kpis_csv`` each offer ``import_<format>(database, path, *, skip_bad_rows=False,
progress=None) -> ImportSummary``. What they share: ``source`` (opening and
fingerprinting a file), ``table`` (a CSV table read in chunks wherever its
header sits), ``headers`` (matching columns by name), ``values`` (numbers and
dates read whole columns at a time), ``report`` (the summary and the refusal
of unreadable rows) and ``writer`` (one transaction). pandas and numpy load
only when an import runs: nothing here is imported at start-up.

``vcf`` reads contact cards (vCard) for the Agencies tab: ``read_file(path)``
gives the cards, which ``services.contact_import`` checks and adds.

``ics`` reads iCalendar files (our own export and Google Calendar / Outlook
events) into promotions, by UID; icalendar loads only when it runs.
"""
