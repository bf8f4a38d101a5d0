"""A sqlite response cache keyed by the request hash, plus the usage ledger table.

Every paid response (valid or not) is stored before the pipeline looks at it, so a rerun after a
crash replays it instead of paying again. The retry of a malformed answer is a *different* request
(it carries the repair turn), so it has its own key and replays too.

sqlite runs in WAL mode with ``synchronous=FULL``: a committed row survives ``kill -9``. During a
build, :class:`CacheWriter` commits on its own thread, so the event loop keeps reading answers that
arrive while a commit waits for the disk.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import json
import queue
import sqlite3
import threading
import time
from pathlib import Path

# The body fields that change the answer; anything else (timeouts, headers) does not.
_KEY_FIELDS = ("model", "messages", "response_format", "max_tokens", "max_completion_tokens",
               "temperature", "top_p", "seed", "reasoning_effort", "stop")


def request_key(body: dict) -> str:
    """sha256 of the canonical JSON of the answer-determining fields of a chat request."""
    canon = {k: body[k] for k in _KEY_FIELDS if k in body and body[k] is not None}
    raw = json.dumps(canon, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class ResponseCache:
    """``key → completion dict`` plus a ``usage`` table (one row per paid response).

    Args:
        path: the sqlite file (created if missing).
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(self.path), isolation_level=None, timeout=30.0)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, stage TEXT, model TEXT, "
            "body TEXT NOT NULL, created REAL)"
        )
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS usage (key TEXT PRIMARY KEY, stage TEXT, model TEXT, "
            "prompt_tokens INTEGER, completion_tokens INTEGER, cost_usd REAL, source TEXT, created REAL)"
        )
        # What an endpoint's model rejected, so a rerun does not probe (and get a 400) again.
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS response_formats (endpoint TEXT, model TEXT, mode TEXT NOT NULL, "
            "reason TEXT, created REAL, PRIMARY KEY (endpoint, model))"
        )

    def get(self, key: str) -> dict | None:
        row = self.db.execute("SELECT body FROM responses WHERE key=?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, key: str, stage: str, model: str, completion: dict) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO responses VALUES (?,?,?,?,?)",
            (key, stage, model, json.dumps(completion, ensure_ascii=False), time.time()),
        )

    def record_usage(self, key: str, stage: str, model: str, prompt_tokens: int, completion_tokens: int,
                     cost_usd: float, source: str) -> None:
        """One row per paid response; ``INSERT OR IGNORE`` so importing a batch twice bills once."""
        self.db.execute(
            "INSERT OR IGNORE INTO usage VALUES (?,?,?,?,?,?,?,?)",
            (key, stage, model, int(prompt_tokens), int(completion_tokens), float(cost_usd), source, time.time()),
        )

    def put_paid(self, key: str, stage: str, model: str, completion: dict, prompt_tokens: int,
                 completion_tokens: int, cost_usd: float, source: str) -> None:
        """Store a response and its bill in one transaction."""
        with self.db:
            self.db.execute("BEGIN")
            self.put(key, stage, model, completion)
            self.record_usage(key, stage, model, prompt_tokens, completion_tokens, cost_usd, source)

    def response_format(self, endpoint: str, model: str) -> str | None:
        """The ``response_format`` a past run fell back to for ``model`` at ``endpoint``, if any."""
        row = self.db.execute("SELECT mode FROM response_formats WHERE endpoint=? AND model=?",
                              (endpoint, model)).fetchone()
        return row[0] if row else None

    def set_response_format(self, endpoint: str, model: str, mode: str, reason: str = "") -> None:
        self.db.execute("INSERT OR REPLACE INTO response_formats VALUES (?,?,?,?,?)",
                        (endpoint, model, mode, reason[:500], time.time()))

    def usage_totals(self) -> dict:
        """``{"requests", "prompt_tokens", "completion_tokens", "cost_usd", "by_model": {...}}``."""
        by_model = {}
        for model, n, pt, ct, cost in self.db.execute(
            "SELECT model, COUNT(*), SUM(prompt_tokens), SUM(completion_tokens), SUM(cost_usd) "
            "FROM usage GROUP BY model ORDER BY model"
        ):
            by_model[model] = {"requests": n, "prompt_tokens": pt or 0, "completion_tokens": ct or 0,
                               "cost_usd": cost or 0.0}
        return {
            "requests": sum(v["requests"] for v in by_model.values()),
            "prompt_tokens": sum(v["prompt_tokens"] for v in by_model.values()),
            "completion_tokens": sum(v["completion_tokens"] for v in by_model.values()),
            "cost_usd": sum(v["cost_usd"] for v in by_model.values()),
            "by_model": by_model,
        }

    def __len__(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM responses").fetchone()[0]

    def close(self) -> None:
        self.db.close()


class CacheWriter:
    """Commits paid responses to the cache file on a thread of its own (with its own connection).

    An fsync on the event loop would stall the reading of answers that arrive meanwhile; a kill in
    that moment loses answers that were already paid for. Here the loop only queues the write; puts
    queued while a commit runs share the next commit (one fsync for all of them). Each put returns a
    ``concurrent.futures.Future`` that completes once its row is durable: await that before using
    the answer, so a finished pair never depends on an uncommitted response.

    Args:
        path: the sqlite file (the same one a :class:`ResponseCache` reads).
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        opened: concurrent.futures.Future = concurrent.futures.Future()
        self._thread = threading.Thread(target=self._loop, args=(opened,), name="corpus-cache-writer", daemon=True)
        self._thread.start()
        opened.result()   # re-raise an error opening the file here, in the caller's thread

    def put_paid(self, key: str, stage: str, model: str, completion: dict, prompt_tokens: int,
                 completion_tokens: int, cost_usd: float, source: str) -> concurrent.futures.Future:
        return self._submit("paid", (key, stage, model, completion, prompt_tokens, completion_tokens, cost_usd, source))

    def set_response_format(self, endpoint: str, model: str, mode: str, reason: str = "") -> concurrent.futures.Future:
        return self._submit("format", (endpoint, model, mode, reason))

    def _submit(self, op: str, args: tuple) -> concurrent.futures.Future:
        if not self._thread.is_alive():
            raise RuntimeError(f"{self.path}: the cache writer is closed")
        fut: concurrent.futures.Future = concurrent.futures.Future()
        self._queue.put((op, args, fut))
        return fut

    def close(self) -> None:
        """Commit everything queued, then stop the thread."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()

    def _loop(self, opened: concurrent.futures.Future) -> None:
        try:
            cache = ResponseCache(self.path)
        except BaseException as e:
            opened.set_exception(e)
            return
        opened.set_result(None)
        stop = False
        try:
            while not stop:
                batch = [self._queue.get()]
                while True:   # everything queued during the last commit goes into this one
                    try:
                        batch.append(self._queue.get_nowait())
                    except queue.Empty:
                        break
                stop = any(item is None for item in batch)
                batch = [item for item in batch if item is not None]
                if not batch:
                    continue
                try:
                    self._commit(cache, batch)
                except BaseException as e:  # disk full, I/O error: every waiter sees it
                    for _, _, fut in batch:
                        _settle(fut, e)
                else:
                    for _, _, fut in batch:
                        _settle(fut, None)
        finally:
            cache.close()

    @staticmethod
    def _commit(cache: ResponseCache, batch: list[tuple]) -> None:
        with cache.db:   # one transaction, one fsync
            cache.db.execute("BEGIN")
            for op, args, _ in batch:
                if op == "paid":
                    key, stage, model, completion, pt, ct, cost, source = args
                    cache.put(key, stage, model, completion)
                    cache.record_usage(key, stage, model, pt, ct, cost, source)
                else:
                    cache.set_response_format(*args)


def _settle(fut: concurrent.futures.Future, error: BaseException | None) -> None:
    # A waiter may have been cancelled (the run is stopping); its row is written all the same.
    try:
        if error is None:
            fut.set_result(None)
        else:
            fut.set_exception(error)
    except concurrent.futures.InvalidStateError:
        pass
