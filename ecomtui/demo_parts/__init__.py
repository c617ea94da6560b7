"""The demo store's parts, one module per domain (listed in ``ecomtui.demo.DEMO_PARTS``)."""
