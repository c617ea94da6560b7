"""ecomtui: run an online store's week from the terminal."""

__version__ = "0.1.0"
