"""Opening an export file: encoding, binary junk, its fingerprint, and line numbers of records.

Exports come as UTF-8 (with or without a byte-order mark) or, from some
Google Ads downloads, UTF-16 with a BOM. Anything else (a spreadsheet, an
image, a truncated download full of NUL bytes) is refused before a single
value is read. Line numbers are those of the file as a text editor shows them:
a record whose quoted field spans three lines takes three line numbers.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ecomtui.services.validation import InvalidInput

Progress = Callable[[int, int], None]
_SAMPLE = 64 * 1024


@dataclass
class SourceFile:
    """An export file checked to be text: how to decode it and what it is."""

    path: Path
    encoding: str  # "utf-8-sig" or "utf-16"
    size: int
    sha256: str = ""  # filled by :func:`fingerprint`, or as :func:`reporting_handle` reads the file

    @property
    def name(self) -> str:
        """The file's name for messages, control characters made visible."""
        return _visible(self.path.name)

    def text(self) -> io.TextIOWrapper:
        """The file as text, for the csv module (records may span lines)."""
        return open(self.path, encoding=self.encoding, newline="")


def open_source(path: str | os.PathLike, what: str) -> SourceFile:
    """Check ``path`` is a readable text export; refuses junk with one plain line."""
    path = Path(path)
    shown = _visible(str(path))
    try:
        with open(path, "rb") as handle:
            sample = handle.read(_SAMPLE)
        size = path.stat().st_size
    except IsADirectoryError:
        raise InvalidInput(f"{what}: {shown} is a folder, not a file", "file") from None
    except OSError as exc:
        raise InvalidInput(f"{what}: cannot read {shown}: {exc.strerror or exc}", "file") from None
    name = _visible(path.name)
    if not sample.strip():
        raise InvalidInput(f"{what}: {name} is empty; nothing was imported", "file")
    encoding = _encoding(sample)
    if encoding is None:
        raise InvalidInput(f"{what}: {name} is not a CSV text file (UTF-8 or UTF-16); nothing was imported", "file")
    return SourceFile(path=path, encoding=encoding, size=size)


def fingerprint(source: SourceFile) -> str:
    """The file's SHA-256 (computed once)."""
    if not source.sha256:
        digest = hashlib.sha256()
        with open(source.path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        source.sha256 = digest.hexdigest()
    return source.sha256


def _visible(text: str) -> str:
    from ecomtui.importers.report import visible

    return visible(text)


def _encoding(sample: bytes) -> str | None:
    """The text encoding of a file from its first bytes, or None for binary data."""
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, body = "utf-16", sample
    else:
        encoding, body = "utf-8-sig", sample
        if b"\x00" in sample:
            return None
    try:
        text = codecs.getincrementaldecoder(encoding)().decode(body, final=False)
    except UnicodeDecodeError:
        return None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n")
    return None if controls > len(text) // 100 else encoding


def records(handle, delimiter: str = ",") -> Iterator[tuple[int, list[str]]]:
    """CSV records with the file line each starts on (1-based); blank lines are skipped."""
    reader = csv.reader(handle, delimiter=delimiter)
    line = 1
    for row in reader:
        if row and any(cell.strip() for cell in row):
            yield line, row
        line = reader.line_num + 1


def record_lines(source: SourceFile, delimiter: str = ",") -> list[int]:
    """Line numbers of every non-blank record, in order: record i starts on line ``[i]``.

    The slow path, only taken to name the lines of rows that cannot be read.
    """
    with source.text() as handle:
        return [line for line, _ in records(handle, delimiter)]


def reporting_handle(source: SourceFile, progress: Progress | None):
    """The file opened in binary for pandas: reports bytes read to ``progress`` and
    takes the file's SHA-256 on the way, so a large file is read once."""
    return _ReportingReader(source, progress)


class _ReportingReader(io.RawIOBase):
    """A binary file that hashes what is read and calls ``progress(bytes_read, total)``."""

    def __init__(self, source: SourceFile, progress: Progress | None):
        self._source = source
        self._handle = open(source.path, "rb")  # noqa: SIM115  (closed by close(), as a file is)
        self._digest = hashlib.sha256()
        self._progress = progress
        self._done = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        count = self._handle.readinto(buffer)
        if count:
            self._digest.update(memoryview(buffer)[:count])
            self._done += count
            if self._progress is not None:
                self._progress(self._done, self._source.size)
        elif not self._source.sha256:
            self._source.sha256 = self._digest.hexdigest()
        return count

    def close(self) -> None:
        self._handle.close()
        super().close()
