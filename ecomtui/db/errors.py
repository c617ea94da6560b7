"""The database layer's one error type: a problem explained in one line for the user."""


class DatabaseError(Exception):
    """A database problem explained in one line for the user."""
