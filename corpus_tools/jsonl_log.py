"""Append-only JSONL files that survive ``kill -9``: one ``write`` + ``fsync`` per record, and a
repair step on open that drops a torn last line (a record is either whole or absent)."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)


class AppendLog:
    """One JSONL file opened for appending.

    Args:
        path: the file; created on the first :meth:`append`.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._f = None

    def repair_and_read(self) -> list[dict]:
        """Truncate a torn last line (no trailing newline and not valid JSON), then return the records.

        A last line that *is* valid JSON but lost its newline gets the newline back. A torn line in
        the middle cannot come from our writer (one write per record, in order); it is reported
        and skipped rather than trusted.
        """
        if not self.path.exists():
            return []
        data = self.path.read_bytes()
        if data and not data.endswith(b"\n"):
            cut = data.rfind(b"\n") + 1
            tail = data[cut:]
            try:
                json.loads(tail.decode("utf-8"))
                with open(self.path, "ab") as f:
                    f.write(b"\n")
                    f.flush()
                    os.fsync(f.fileno())
                data += b"\n"
            except (UnicodeDecodeError, json.JSONDecodeError):
                log.warning("%s: dropping a torn last line of %d bytes (an interrupted write); "
                            "that item is redone", self.path, len(tail))
                with open(self.path, "r+b") as f:
                    f.truncate(cut)
                    f.flush()
                    os.fsync(f.fileno())
                data = data[:cut]
        records = []
        for lineno, line in enumerate(data.decode("utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                log.warning("%s:%d: skipping an unreadable line", self.path, lineno)
                continue
            if isinstance(rec, dict):
                records.append(rec)
        return records

    def append(self, record: dict) -> None:
        """Write one record as one line and fsync before returning."""
        if self._f is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._f = open(self.path, "ab")
        self._f.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
        self._f.flush()
        os.fsync(self._f.fileno())

    def close(self) -> None:
        if self._f is not None:
            self._f.close()
            self._f = None
