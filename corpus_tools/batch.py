"""OpenAI Batch API mode: write the uncached requests as batch JSONL, import the results into the cache.

The pipeline is six dependent stages, so a batch run is a loop (one round per stage, plus rounds
for retries of malformed answers)::

    infembed corpus build ... --batch-mode write  --batch-file b1.jsonl   # stage-1 requests
    (upload b1.jsonl to the Batch API, wait, download the output file as out1.jsonl)
    infembed corpus build ... --batch-mode import --batch-file out1.jsonl # responses → cache, billed at the batch price
    infembed corpus build ... --batch-mode write  --batch-file b2.jsonl   # stage-2 requests ...

Each write also writes out every pair whose six answers are already cached; when a write
reports 0 requests, the corpus is complete. ``custom_id`` is the request hash (the cache key),
so an output line is matched to its request exactly and importing twice bills once.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from .cache import ResponseCache
from .ledger import Prices, usage_tokens

log = logging.getLogger(__name__)

BATCH_URL = "/v1/chat/completions"


def write_batch_file(path: str | Path, deferred: dict[str, tuple[str, str, dict]], cache: ResponseCache,
                     max_requests: int = 50_000) -> list[Path]:
    """Write ``{custom_id, method, url, body}`` lines; remember ``custom_id → (stage, model)`` in the cache db.

    Returns:
        The files written (one, or ``<stem>.partNNN.jsonl`` pieces above ``max_requests`` lines;
        the Batch API takes at most 50,000 requests per file). None when nothing is deferred.
    """
    path = Path(path)
    if max_requests < 1:
        raise ValueError(f"batch_max_requests={max_requests}: must be ≥ 1")
    cache.db.execute("CREATE TABLE IF NOT EXISTS batch_requests (key TEXT PRIMARY KEY, stage TEXT, model TEXT)")
    items = sorted(deferred.items())
    if not items:
        return []
    with cache.db:
        cache.db.execute("BEGIN")
        cache.db.executemany("INSERT OR REPLACE INTO batch_requests VALUES (?,?,?)",
                             [(k, stage, model) for k, (stage, model, _) in items])
    chunks = [items[i : i + max_requests] for i in range(0, len(items), max_requests)]
    files = []
    for n, chunk in enumerate(chunks):
        target = path if len(chunks) == 1 else path.with_name(f"{path.stem}.part{n:03d}{path.suffix}")
        lines = [json.dumps({"custom_id": k, "method": "POST", "url": BATCH_URL, "body": body}, ensure_ascii=False)
                 for k, (_, _, body) in chunk]
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
        tmp.replace(target)
        files.append(target)
    return files


def import_batch_results(path: str | Path, cache_path: str | Path, prices: Prices) -> dict:
    """Read a Batch API output (or error) JSONL into the cache and the ledger (batch price).

    Lines look like ``{"custom_id", "response": {"status_code", "body": <chat completion>}, "error"}``.

    Returns:
        ``{"imported", "already_cached", "errors", "unknown", "cost_usd"}``; errors (non-200 lines)
        are not cached, so the next write asks for them again.
    """
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"--batch-file {path}: no such file (pass the downloaded batch output JSONL)")
    cache = ResponseCache(cache_path)
    cache.db.execute("CREATE TABLE IF NOT EXISTS batch_requests (key TEXT PRIMARY KEY, stage TEXT, model TEXT)")
    summary = {"imported": 0, "already_cached": 0, "errors": 0, "unknown": 0, "cost_usd": 0.0}
    try:
        with open(path, encoding="utf-8") as f:
            for lineno, line in enumerate(f, start=1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError:
                    log.warning("%s:%d: unreadable line skipped", path, lineno)
                    summary["errors"] += 1
                    continue
                key = rec.get("custom_id")
                row = cache.db.execute("SELECT stage, model FROM batch_requests WHERE key=?", (key,)).fetchone()
                if row is None:
                    summary["unknown"] += 1
                    continue
                stage, model = row
                response = rec.get("response") or {}
                body = response.get("body")
                if rec.get("error") or response.get("status_code") != 200 or not isinstance(body, dict) \
                        or not body.get("choices"):
                    summary["errors"] += 1
                    continue
                if cache.get(key) is not None:
                    summary["already_cached"] += 1
                    continue
                pt, ct = usage_tokens(body)
                cost = prices.cost(body.get("model") or model, pt, ct, batch=True)
                cache.put_paid(key, stage, model, body, pt, ct, cost, "batch")
                summary["imported"] += 1
                summary["cost_usd"] += cost
    finally:
        cache.close()
    return summary
