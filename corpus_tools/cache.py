"""A sqlite response cache keyed by the request hash, plus the usage ledger table.

Every paid response (valid or not) is stored before the pipeline looks at it, so a rerun after a
crash replays it instead of paying again. The retry of a malformed answer is a *different* request
(it carries the repair turn), so it has its own key and replays too.

sqlite runs in WAL mode with ``synchronous=FULL``: a committed row survives ``kill -9``.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
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
