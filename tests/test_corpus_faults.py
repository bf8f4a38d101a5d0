"""Corpus-build faults an injecting server found: a trickled answer past --timeout, outages marking
pairs failed for good, lockstep jitter, json_schema probed again and again, fsyncs on the event
loop, and input that is not UTF-8. Every server here is on 127.0.0.1 and every wait is bounded."""

from __future__ import annotations

import asyncio
import json
import socket
import sys
import threading
import time
from pathlib import Path

import pytest
from infembed.corpus_tools.cache import ResponseCache
from infembed.corpus_tools.client import (
    ClientConfig,
    TransportError,
    TransportStats,
    chat_with_retries,
    make_client,
)
from infembed.corpus_tools.jsonl_log import AppendLog
from infembed.corpus_tools.pipeline import BuildConfig, Requester, load_pairs, output_paths, run_build

from infembed.data import DataError

sys.path.insert(0, str(Path(__file__).parent))
from fake_openai import FakeOpenAI  # noqa: E402
from test_corpus_pipeline import ids_in, make_config, make_pairs  # noqa: E402


def all_ids(out: Path) -> list[str]:
    p = output_paths(out)
    return ids_in(p["kept"]) + ids_in(p["dropped"]) + ids_in(p["failed"])


def wait_for_requests(fake: FakeOpenAI, at_least: int, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if fake.requests >= at_least:
            return True
        time.sleep(0.01)
    return False


# ----------------------------------------------------------------------------- 1. --timeout


def test_timeout_bounds_the_whole_request_not_each_read(tmp_path, fake_factory):
    pairs_dir, q = make_pairs(tmp_path, 2)
    # 8 bytes every ~25 ms for 1.5 s: no read waits 0.5 s, the request takes three times that.
    fake, url = fake_factory(q, faults={(q[0], "instruction_positive"): ["trickle"]}, trickle_seconds=1.5)
    body = {"model": "gpt-4o-mini", "max_tokens": 50, "messages": [
        {"role": "system", "content": "s"},
        {"role": "user", "content": f'{q[0]} schema `instruction_positive`'}]}
    config = ClientConfig(base_url=url, timeout=0.5, max_attempts=1)

    elapsed = []

    async def once():
        client = make_client(config)
        t0 = time.monotonic()
        try:
            return await chat_with_retries(client, body, config, TransportStats())
        finally:
            elapsed.append(time.monotonic() - t0)
            await client.close()

    with pytest.raises(TransportError, match="timeout after 0.5s") as info:
        asyncio.run(once())
    assert elapsed[0] < 1.2 and info.value.transient

    # In a build: counted as a timeout, retried, and the pair is kept.
    fake.reset_counts()
    fake.faults = {(q[0], "instruction_positive"): ["trickle"]}
    out = tmp_path / "rows.jsonl"
    result = run_build(make_config(out, url, timeout=0.5), load_pairs(pairs_dir))
    assert result.transport.timeouts == 1 and result.counters.kept == 2
    assert fake.counts[(q[0], "instruction_positive")] == 2
    t = fake.arrivals[(q[0], "instruction_positive")]
    assert t[1] - t[0] < 1.2, "the retry went out before the trickle ended"


# ----------------------------------------------------------------------------- 2. transient failures


def _dead_url() -> str:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()   # nothing listens there now: connection refused
    return f"http://127.0.0.1:{port}/v1"


def test_an_outage_is_retried_on_the_next_run(tmp_path, fake_factory):
    pairs_dir, q = make_pairs(tmp_path, 5)
    pairs = load_pairs(pairs_dir)
    out = tmp_path / "rows.jsonl"
    first = run_build(make_config(out, _dead_url(), concurrency=3), pairs)
    assert first.counters.failed == 5
    failed = [json.loads(line) for line in output_paths(out)["failed"].read_text().splitlines()]
    assert {r["kind"] for r in failed} == {"transport"}

    fake, url = fake_factory(q)          # the server is back
    second = run_build(make_config(out, url, concurrency=3), pairs)
    assert second.skipped_done == 0 and second.counters.kept == 5
    assert output_paths(out)["failed"].read_bytes() == b""
    assert sorted(all_ids(out)) == sorted(p.pair_id for p in pairs), "each pair exactly once"


def test_permanent_failures_stay_unless_retry_failures(tmp_path, fake_factory):
    pairs_dir, q = make_pairs(tmp_path, 6)
    faults = {(q[0], "query_negative"): ["refusal"],
              (q[1], "instruction_positive"): ["malformed"] * 3,
              (q[2], "judge"): ["500"] * 4,                       # > max_attempts=4: transient
              (q[3], "instruction_negative"): ["400"],            # permanent
              (q[4], "hard_negative_document_1"): ["408"] * 4}    # retried like a 5xx: transient
    fake, url = fake_factory(q, faults=faults)
    pairs = load_pairs(pairs_dir)
    out = tmp_path / "rows.jsonl"
    run_build(make_config(out, url, concurrency=2), pairs)
    failed = {r["pair_id"]: r for r in map(json.loads, output_paths(out)["failed"].read_text().splitlines())}
    assert {k: (r["kind"], r["transient"]) for k, r in failed.items()} == {
        "q0::d0": ("refusal", False), "q1::d1": ("malformed", False), "q2::d2": ("transport", True),
        "q3::d3": ("bad_request", False), "q4::d4": ("transport", True)}
    permanent = b"".join(line for line in output_paths(out)["failed"].read_bytes().splitlines(keepends=True)
                         if json.loads(line)["transient"] is False)

    fake.reset_counts()                  # the scripted faults are used up: every retry succeeds
    second = run_build(make_config(out, url, concurrency=2), pairs)
    assert second.counters.kept == 2 and second.skipped_done == 4
    assert {item for item, _ in fake.counts} == {q[2], q[4]}, "only the transient failures are asked again"
    assert output_paths(out)["failed"].read_bytes() == permanent, "the other records keep their bytes"
    assert sorted(all_ids(out)) == sorted(p.pair_id for p in pairs)

    # --retry-failures redoes the permanent ones too. A refusal or malformed answer was paid for and
    # is replayed from the cache (same answer, free); the 400 was not, so q3 is asked again.
    fake.reset_counts()
    third = run_build(make_config(out, url, concurrency=2, retry_failures=True), pairs)
    assert third.skipped_done == 3 and (third.counters.kept, third.counters.failed) == (1, 2)
    assert {item for item, _ in fake.counts} == {q[3]}
    assert sorted(ids_in(output_paths(out)["failed"])) == ["q0::d0", "q1::d1"]
    assert sorted(all_ids(out)) == sorted(p.pair_id for p in pairs), "each pair exactly once"


# ----------------------------------------------------------------------------- 3. jitter


def test_backoff_jitter_is_not_the_same_in_every_process(tmp_path):
    cache = ResponseCache(tmp_path / "c.sqlite")
    try:
        def first_draws(**kw):
            return [Requester(BuildConfig(out=tmp_path / "rows.jsonl", progress=False, **kw), cache).rng.random()
                    for _ in range(2)]

        a, b = first_draws()
        assert a != b, "default jitter is seeded per process, not with a constant"
        c, d = first_draws(seed=7)
        assert c == d, "an explicit seed still replays one schedule"
    finally:
        cache.close()


# ----------------------------------------------------------------------------- 4. json_schema memory


def test_json_schema_rejection_is_probed_once_and_remembered(tmp_path, fake_factory):
    pairs_dir, q = make_pairs(tmp_path, 8)
    fake, url = fake_factory(q, reject_json_schema=True, delay=0.02)
    out = tmp_path / "rows.jsonl"
    first = run_build(make_config(out, url, concurrency=8), load_pairs(pairs_dir, limit=4))
    assert first.counters.kept == 4
    # One probe per model (gen, judge), although eight requests could have gone out at once.
    assert fake.formats["json_schema"] == 2 and fake.formats["json_object"] == 24

    fake.reset_counts()
    second = run_build(make_config(out, url, concurrency=8), load_pairs(pairs_dir))
    assert second.counters.kept == 4 and second.counters.cache_hits == 0
    assert fake.formats["json_schema"] == 0, "the rejection is remembered between runs"

    # Keyed by endpoint: another server that takes json_schema is asked with it.
    other, other_url = fake_factory(q)
    for k in ("kept", "dropped", "failed"):
        output_paths(out)[k].unlink(missing_ok=True)
    run_build(make_config(out, other_url, concurrency=8), load_pairs(pairs_dir, limit=2))
    assert other.formats["json_schema"] == 12 and other.formats["json_object"] == 0


# ----------------------------------------------------------------------------- 5. fsyncs off the loop


def test_a_slow_record_write_does_not_stall_answers(tmp_path, fake_factory, monkeypatch):
    pairs_dir, q = make_pairs(tmp_path, 10)
    fake, url = fake_factory(q, delay=0.005)
    original = AppendLog.append
    seen = []

    def slow_append(self, record):
        if not seen:   # the first record's fsync takes "long": do answers keep coming meanwhile?
            seen.append(wait_for_requests(fake, fake.requests + 4))
        return original(self, record)

    monkeypatch.setattr(AppendLog, "append", slow_append)
    out = tmp_path / "rows.jsonl"
    result = run_build(make_config(out, url, timeout=10, concurrency=2), load_pairs(pairs_dir))
    assert seen == [True], "requests stopped while a record was being written"
    assert result.counters.kept == 10 and len(ids_in(out)) == 10


def test_a_slow_cache_commit_does_not_stall_requests(tmp_path, fake_factory, monkeypatch):
    from infembed.corpus_tools.cache import CacheWriter

    pairs_dir, q = make_pairs(tmp_path, 10)
    fake, url = fake_factory(q, delay=0.005)
    original = CacheWriter._commit
    seen, batches = [], []

    def slow_commit(cache, batch):
        if not seen:
            seen.append(wait_for_requests(fake, fake.requests + 4))
        batches.append(len(batch))
        return original(cache, batch)

    monkeypatch.setattr(CacheWriter, "_commit", staticmethod(slow_commit))
    out = tmp_path / "rows.jsonl"
    result = run_build(make_config(out, url, timeout=10, concurrency=2), load_pairs(pairs_dir))
    assert seen == [True], "requests stopped while an answer was being committed"
    assert max(batches) > 1, "answers that arrived during a commit share the next one"
    assert result.counters.kept == 10 and result.ledger["requests"] == 60 == fake.usage["responses"]


# ----------------------------------------------------------------------------- input encoding


def test_non_utf8_input_is_named_by_file_and_line_or_skipped(tmp_path):
    pairs_dir, _ = make_pairs(tmp_path, 4)
    corpus = pairs_dir / "corpus.jsonl"
    good = corpus.read_bytes()
    lines = good.splitlines(keepends=True)
    lines[2] = b'{"_id": "d2", "text": "caf\xe9 au lait"}\n'          # Latin-1, line 3
    corpus.write_bytes(b"".join(lines))
    with pytest.raises(DataError, match=r"corpus\.jsonl:3: not UTF-8"):
        load_pairs(pairs_dir)
    pairs = load_pairs(pairs_dir, skip_invalid=True)
    assert [p.pair_id for p in pairs] == ["q0::d0", "q1::d1", "q3::d3"]
    corpus.write_bytes(good)

    queries = pairs_dir / "queries.jsonl"
    good = queries.read_bytes()
    queries.write_bytes(queries.read_bytes() + b'{"_id": "q9", "text": "\xff\xfe"}\n{"_id": "q9", "text": "x"}\n')
    with pytest.raises(DataError, match=r"queries\.jsonl:5: not UTF-8"):
        load_pairs(pairs_dir, skip_invalid=False)
    assert len(load_pairs(pairs_dir, skip_invalid=True)) == 4
    queries.write_bytes(good)

    qrels = pairs_dir / "qrels" / "test.tsv"
    qrels.write_bytes(qrels.read_bytes() + b"q\xe99\td0\t1\nq1\td1\tbad\n")
    with pytest.raises(DataError, match=r"test\.tsv:6: not UTF-8.*--skip-invalid"):
        load_pairs(pairs_dir)
    # Skipped lines keep the numbering: the next error still names the user's file and line 7.
    with pytest.raises(DataError, match=r"^" + str(qrels).replace(".", r"\.") + r":7: relevance"):
        load_pairs(pairs_dir, skip_invalid=True)


def test_cli_skip_invalid(tmp_path):
    from typer.testing import CliRunner

    from infembed.cli import app

    pairs_dir, _ = make_pairs(tmp_path, 3)
    corpus = pairs_dir / "corpus.jsonl"
    corpus.write_bytes(corpus.read_bytes() + b'{"_id": "dx", "text": "\xe9"}\n')
    args = ["corpus", "build", "--pairs", str(pairs_dir), "--out", str(tmp_path / "rows.jsonl"),
            "--base-url", "http://127.0.0.1:9/v1", "--dry-run"]
    res = CliRunner().invoke(app, args)
    assert res.exit_code != 0 and "corpus.jsonl:4: not UTF-8" in " ".join(res.output.replace("│", " ").split())
    res = CliRunner().invoke(app, [*args, "--skip-invalid"])
    assert res.exit_code == 0, res.output
    assert "pairs: 3 (0 done, 3 pending)" in res.output


def test_cache_writer_rows_are_durable_when_the_future_completes(tmp_path):
    from infembed.corpus_tools.cache import CacheWriter

    path = tmp_path / "c.sqlite"
    writer = CacheWriter(path)
    futures = [writer.put_paid(f"k{i}", "judge", "m", {"choices": [i]}, 1, 2, 0.5, "api") for i in range(20)]
    futures[-1].result(timeout=10)
    reader = ResponseCache(path)           # another connection sees them committed
    assert len(reader) == 20 and reader.get("k7") == {"choices": [7]}
    assert reader.usage_totals()["cost_usd"] == pytest.approx(10.0)
    writer.close()
    reader.close()
    with pytest.raises(RuntimeError, match="closed"):
        writer.put_paid("k", "judge", "m", {}, 0, 0, 0.0, "api")
    done = threading.Event()
    threading.Thread(target=lambda: (writer.close(), done.set())).start()
    assert done.wait(5), "closing twice does not hang"
