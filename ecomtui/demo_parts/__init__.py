"""The demo store's parts, one module per domain (see ``ecomtui.demo.DEMO_PARTS``)."""
