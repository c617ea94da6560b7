"""Reading a CSV table out of an export in chunks (pandas), wherever its header sits.

Some exports put a title and a date range above the header (Google Ads), use
tabs instead of commas (Google Ads in UTF-16), or span quoted cells over
several lines (Shopify's Note Attributes). :func:`find_header` finds the
header record by what it holds, :func:`read_chunks` reads the rows below it
in chunks of at most ``chunk_rows`` with every cell as text, and
:func:`data_lines` maps a row's position to its line in the file (needed only
to name the lines of rows that cannot be read).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ecomtui.importers.report import ImportRefused
from ecomtui.importers.source import Progress, SourceFile, record_lines, records, reporting_handle

CHUNK_ROWS = 250_000
_LOOK = 30  # records searched for the header


@dataclass(frozen=True)
class Header:
    """Where the table starts: its header cells, the line it is on, records above it."""

    cells: list[str]
    line: int
    records_before: int
    delimiter: str
    above: tuple[tuple[str, ...], ...] = ()  # the records above it (report title, date range)


def sniff_delimiter(source: SourceFile) -> str:
    """Tab when the first lines hold more tabs than commas, else comma."""
    with source.text() as handle:
        head = "".join(handle.readline() for _ in range(5))
    return "\t" if head.count("\t") > head.count(",") else ","


def find_header(source: SourceFile, is_header: Callable[[list[str]], bool], what: str, hint: str) -> Header:
    """The first record (of the first few) that ``is_header`` accepts; refuses the file otherwise."""
    delimiter = sniff_delimiter(source)
    above: list[tuple[str, ...]] = []
    with source.text() as handle:
        try:
            for count, (line, cells) in enumerate(records(handle, delimiter)):
                if count >= _LOOK:
                    break
                if is_header(cells):
                    return Header(cells, line, count, delimiter, tuple(above))
                above.append(tuple(cells))
        except Exception as exc:  # csv.Error, a decoding error: not a table we can read
            raise ImportRefused(f"{what}: {source.name} cannot be read as CSV: {exc}", "file") from None
    raise ImportRefused(f"{what}: {source.name}: {hint}; nothing was imported", "file")


def read_chunks(
    source: SourceFile,
    header: Header,
    columns: list[str],
    what: str,
    progress: Progress | None,
    chunk_rows: int = CHUNK_ROWS,
) -> Iterator:
    """DataFrames of the named ``columns`` (text cells, '' when empty), index = row position."""
    import pandas as pd

    with reporting_handle(source, progress) as handle:
        try:
            reader = pd.read_csv(
                handle,
                sep=header.delimiter,
                skiprows=header.line - 1,
                usecols=columns,
                dtype=str,
                keep_default_na=False,
                na_filter=False,
                encoding=source.encoding,
                chunksize=chunk_rows,
            )
            yield from reader
        except (pd.errors.ParserError, UnicodeDecodeError) as exc:
            text = str(exc).strip()
            raise ImportRefused(
                f"{what}: {source.name} cannot be read as CSV: {text.splitlines()[0] if text else 'unreadable data'}",
                "file",
            ) from None


def data_lines(source: SourceFile, header: Header) -> list[int]:
    """``[i]`` = the file line where data row ``i`` (below the header) starts."""
    return record_lines(source, header.delimiter)[header.records_before + 1 :]
