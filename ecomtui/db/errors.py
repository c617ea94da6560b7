"""The database layer's one error type, and the driver's message made fit for one line."""


class DatabaseError(Exception):
    """A database problem explained in one line for the user."""


def plain_reason(exc: BaseException) -> str:
    """The driver's own message, first line only: no SQL, no exception class."""
    return str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
