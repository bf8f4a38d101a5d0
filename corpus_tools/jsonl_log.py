"""Append-only JSONL files that survive ``kill -9``: one ``write`` + ``fsync`` per record, and a
repair step on open that drops a torn last line (a record is either whole or absent).
:class:`BackgroundAppender` does the writes on a thread, in order, so fsyncs do not stall an event loop."""

from __future__ import annotations

import json
import logging
import os
import queue
import threading
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

    def remove(self, pair_ids: set[str]) -> int:
        """Atomically rewrite the file without the records of ``pair_ids``; returns how many went.

        The other lines keep their bytes. Used before a pair is redone, so that it ends up in one
        output file only. A kill mid-way leaves either the old file or the new one.
        """
        if not self.path.exists() or not pair_ids:
            return 0
        kept, removed = [], 0
        for line in self.path.read_bytes().splitlines(keepends=True):
            try:
                rec = json.loads(line)
            except (UnicodeDecodeError, json.JSONDecodeError):
                rec = None
            if isinstance(rec, dict) and rec.get("pair_id") in pair_ids:
                removed += 1
            else:
                kept.append(line)
        if removed:
            self.close()
            tmp = self.path.with_name(self.path.name + ".tmp")
            with open(tmp, "wb") as f:
                f.write(b"".join(kept))
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
            _fsync_dir(self.path.parent)
        return removed

    def close(self) -> None:
        if self._f is not None:
            self._f.close()
            self._f = None


def _fsync_dir(path: Path) -> None:
    # Makes a rename durable; not every platform lets a directory be opened.
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class BackgroundAppender:
    """Runs :meth:`AppendLog.append` calls on one thread, strictly in the order they were queued.

    The caller (an event loop) returns at once and keeps handling answers while the disk syncs.
    After a failed write nothing further is written (a later record must not land before an
    earlier one); the error is raised by the next :meth:`append` and by :meth:`close`.
    """

    def __init__(self):
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._loop, name="corpus-jsonl-writer", daemon=True)
        self._thread.start()

    def append(self, log: AppendLog, record: dict) -> None:
        self._raise()
        self._queue.put((log, record))

    def close(self) -> None:
        """Write everything queued, stop the thread, and raise the first write error if any."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
        self._raise()

    def _raise(self) -> None:
        if self.error is not None:
            raise OSError(f"writing a record failed: {self.error}") from self.error

    def _loop(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            if self.error is not None:
                continue
            log_, record = item
            try:
                log_.append(record)
            except BaseException as e:
                self.error = e
