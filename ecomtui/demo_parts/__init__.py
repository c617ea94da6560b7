"""The demo store's parts, one module per domain; each has ``build(session, demo, say)`` (see demo.DEMO_PARTS)."""
