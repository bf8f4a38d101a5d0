"""The corpus pipeline against a real HTTP server on 127.0.0.1 with scripted answers and faults."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from infembed.corpus_tools.batch import import_batch_results
from infembed.corpus_tools.cache import ResponseCache
from infembed.corpus_tools.client import ClientConfig, FatalAPIError
from infembed.corpus_tools.ledger import Prices
from infembed.corpus_tools.pipeline import BuildConfig, estimate, load_pairs, output_paths, run_build
from infembed.corpus_tools.stats import corpus_stats

from infembed.data import read_rows

sys.path.insert(0, str(Path(__file__).parent))
from fake_openai import FakeOpenAI  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def make_pairs(root: Path, n: int) -> tuple[Path, list[str]]:
    """A BEIR folder with ``n`` (query, passage) pairs; query texts never contain one another."""
    d = root / "pairs"
    (d / "qrels").mkdir(parents=True)
    queries = [f"q{i:03d} how tall is mount example {i:03d}" for i in range(n)]
    (d / "queries.jsonl").write_text("".join(json.dumps({"_id": f"q{i}", "text": q}) + "\n"
                                             for i, q in enumerate(queries)))
    (d / "corpus.jsonl").write_text("".join(json.dumps({"_id": f"d{i}", "title": "", "text": f"Mount {i} is {1000 + i} m."})
                                            + "\n" for i in range(n)))
    (d / "qrels" / "test.tsv").write_text("query-id\tcorpus-id\tscore\n" + "".join(f"q{i}\td{i}\t1\n" for i in range(n)))
    return d, queries


def make_config(out: Path, url: str | None, **kw) -> BuildConfig:
    client = ClientConfig(base_url=url, timeout=kw.pop("timeout", 0.5), backoff_base=0.02, max_attempts=4)
    return BuildConfig(out=out, client=client, progress=False, **kw)


def ids_in(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [json.loads(line)["pair_id"] for line in path.read_text().splitlines() if line.strip()]


def outputs(out: Path) -> dict[str, bytes]:
    p = output_paths(out)
    return {k: p[k].read_bytes() if p[k].exists() else b"" for k in ("kept", "dropped", "failed")}


def test_every_fault_ends_kept_dropped_or_failed(tmp_path, fake_factory):
    pairs_dir, q = make_pairs(tmp_path, 12)
    faults = {
        (q[1], "instruction_positive"): ["429"],
        (q[2], "judge"): ["500", "malformed"],
        (q[3], "query_negative"): ["hang"],
        (q[4], "hard_negative_document_1"): ["truncated", "truncated", "truncated"],
        (q[5], "instruction_negative"): ["refusal"],
        (q[6], "instruction_positive"): ["bad_body", "wrong_keys"],
        (q[8], "hard_negative_document_2"): ["500", "500", "500", "500"],   # > max_attempts=4
        (q[9], "judge"): ["truncated"],
    }
    fake, url = fake_factory(q, faults=faults, drop={q[7]}, hang_seconds=1.2)
    out = tmp_path / "run" / "rows.jsonl"
    result = run_build(make_config(out, url, concurrency=4), load_pairs(pairs_dir))

    kept, dropped, failed = (ids_in(output_paths(out)[k]) for k in ("kept", "dropped", "failed"))
    everything = kept + dropped + failed
    assert sorted(everything) == sorted(f"q{i}::d{i}" for i in range(12)), "each pair exactly once"
    assert (len(kept), len(dropped), len(failed)) == (result.counters.kept, result.counters.dropped,
                                                      result.counters.failed) == (8, 1, 3)
    by_id = {json.loads(line)["pair_id"]: json.loads(line) for line in output_paths(out)["failed"].read_text().splitlines()}
    assert by_id["q4::d4"]["kind"] == "malformed" and by_id["q4::d4"]["stage"] == "hard_negative_document_1"
    assert by_id["q4::d4"]["attempts"] == 3
    assert by_id["q5::d5"]["kind"] == "refusal"
    assert by_id["q8::d8"]["kind"] == "transport" and "4 attempts" in by_id["q8::d8"]["detail"]
    assert by_id["q8::d8"]["partial"]["query_negative"].endswith("in winter")
    assert fake.counts[(q[8], "hard_negative_document_2")] == 4
    dropped_rec = json.loads(output_paths(out)["dropped"].read_text())
    assert dropped_rec["pair_id"] == "q7::d7" and dropped_rec["judge"]["code"] == "negatives_not_incorrect"
    assert dropped_rec["judge"]["reason"]

    # Retry-After: 1 was honoured (backoff alone would wait ≤ 0.02 s).
    t = fake.arrivals[(q[1], "instruction_positive")]
    assert len(t) == 2 and t[1] - t[0] >= 0.95
    assert result.transport.timeouts == 1 and result.transport.rate_limited == 1
    # Each stage asked exactly as often as its faults require (no duplicate requests).
    assert fake.counts[(q[0], "judge")] == 1
    assert fake.counts[(q[2], "judge")] == 3        # 500 → retry → malformed → repair turn
    assert fake.counts[(q[4], "hard_negative_document_1")] == 3
    # The ledger is the sum of the server's usage.
    assert result.ledger["prompt_tokens"] == fake.usage["prompt_tokens"]
    assert result.ledger["completion_tokens"] == fake.usage["completion_tokens"]
    assert result.ledger["requests"] == fake.usage["responses"]
    prices = Prices()
    assert result.ledger["cost_usd"] > 0
    assert result.ledger["cost_usd"] <= prices.cost("o3-mini", fake.usage["prompt_tokens"], fake.usage["completion_tokens"])
    # The kept file is training input as it is.
    assert len(read_rows(out)) == 8
    s = corpus_stats(out)
    assert (s["kept"], s["dropped"], s["failed"], s["total"]) == (8, 1, 3, 12)
    assert s["dropped_by_reason"] == {"negatives_not_incorrect": 1}


def test_rerun_and_cache_cost_nothing(tmp_path, fake_factory):
    pairs_dir, q = make_pairs(tmp_path, 5)
    fake, url = fake_factory(q, drop={q[2]})
    out = tmp_path / "rows.jsonl"
    pairs = load_pairs(pairs_dir)
    first = run_build(make_config(out, url), pairs)
    before = outputs(out)
    assert fake.requests == 30 and first.counters.api_requests == 30

    fake.reset_counts()
    again = run_build(make_config(out, url), pairs)              # everything done: nothing to do
    assert fake.requests == 0 and again.skipped_done == 5 and outputs(out) == before

    # Lose the outputs but keep the cache: every answer is replayed, none is paid again.
    for k in ("kept", "dropped", "failed"):
        output_paths(out)[k].unlink(missing_ok=True)
    replay = run_build(make_config(out, url), pairs)
    assert fake.requests == 0
    assert replay.counters.cache_hits == 30 and replay.counters.api_requests == 0 and replay.counters.cost_usd == 0
    assert replay.ledger == first.ledger
    assert outputs(out) == before


def test_json_schema_rejected_falls_back_to_json_mode(tmp_path, fake_factory):
    pairs_dir, q = make_pairs(tmp_path, 3)
    fake, url = fake_factory(q, reject_json_schema=True)
    out = tmp_path / "rows.jsonl"
    result = run_build(make_config(out, url, concurrency=1), load_pairs(pairs_dir))
    assert result.counters.kept == 3
    assert fake.formats["json_object"] == 18
    # One probe per model (gen and judge); the rest of the run knows the answer.
    assert fake.formats["json_schema"] == 2


def test_bad_key_stops_the_run(tmp_path, fake_factory):
    pairs_dir, q = make_pairs(tmp_path, 20)
    fake, url = fake_factory(q, faults={(qq, "instruction_positive"): ["401"] for qq in q})
    with pytest.raises(FatalAPIError, match="401"):
        run_build(make_config(tmp_path / "rows.jsonl", url, concurrency=2), load_pairs(pairs_dir))
    assert fake.requests < 20      # it stopped instead of failing every pair
    assert not output_paths(tmp_path / "rows.jsonl")["failed"].exists()


def test_torn_last_line_is_repaired(tmp_path, fake_factory):
    pairs_dir, q = make_pairs(tmp_path, 4)
    fake, url = fake_factory(q)
    out = tmp_path / "rows.jsonl"
    pairs = load_pairs(pairs_dir)
    run_build(make_config(out, url), pairs)
    whole = out.read_bytes()
    last_start = whole.rstrip(b"\n").rfind(b"\n") + 1
    out.write_bytes(whole[: last_start + (len(whole) - last_start) // 2])   # a write cut by a crash
    fake.reset_counts()
    result = run_build(make_config(out, url), pairs)
    assert out.read_bytes() == whole
    assert result.counters.kept == 1 and result.counters.cache_hits == 6 and fake.requests == 0


def test_kill9_mid_run_then_resume_is_identical(tmp_path, fake_factory):
    n, concurrency = 24, 2
    pairs_dir, q = make_pairs(tmp_path, n)
    faults = {(q[3], "judge"): ["500"], (q[10], "instruction_negative"): ["malformed"],
              (q[15], "query_negative"): ["refusal"]}
    # Reference: one uninterrupted run against its own server with the same script.
    ref_fake, ref_url = fake_factory(q, faults=faults, drop={q[5], q[17]})
    ref_out = tmp_path / "ref" / "rows.jsonl"
    run_build(make_config(ref_out, ref_url, concurrency=concurrency), load_pairs(pairs_dir))

    fake, url = fake_factory(q, faults=faults, drop={q[5], q[17]}, delay=0.03)
    out = tmp_path / "run" / "rows.jsonl"
    cmd = [sys.executable, "-m", "infembed.cli", "corpus", "build", "--pairs", str(pairs_dir), "--out", str(out),
           "--base-url", url, "--concurrency", str(concurrency), "--timeout", "5", "--backoff-base", "0.02",
           "--no-progress"]
    env = {**os.environ, "OPENAI_API_KEY": "", "HF_HUB_OFFLINE": "1"}
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    paths = output_paths(out)
    deadline = time.monotonic() + 60
    while sum(len(ids_in(paths[k])) for k in ("kept", "dropped", "failed")) < 6:
        assert proc.poll() is None, proc.stdout.read().decode()
        assert time.monotonic() < deadline, "no progress"
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    done_before = set(ids_in(paths["kept"]) + ids_in(paths["dropped"]) + ids_in(paths["failed"]))
    assert 6 <= len(done_before) < n, "killed mid-run"
    answered_first = fake.answered.copy()

    fake.reset_counts()
    result = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr

    assert outputs(out) == outputs(ref_out), "resumed output differs from an uninterrupted run"
    for pid in done_before:                                   # no request for a finished pair
        i = int(pid.split("::")[0][1:])
        assert sum(c for (item, _), c in fake.counts.items() if item == q[i]) == 0, pid
    # A successful answer is paid twice only if the kill hit between the answer and the cache write.
    paid_twice = sum(1 for h, c in (answered_first + fake.answered).items() if c > 1)
    assert paid_twice <= concurrency
    assert len(set(ids_in(paths["kept"]) + ids_in(paths["dropped"]) + ids_in(paths["failed"]))) == n


def test_dry_run_estimates_without_requests(tmp_path, fake_factory):
    from typer.testing import CliRunner

    from infembed.cli import app

    pairs_dir, q = make_pairs(tmp_path, 7)
    fake, url = fake_factory(q)
    out = tmp_path / "rows.jsonl"
    config = make_config(out, url)
    est = estimate(config, load_pairs(pairs_dir))
    assert est["pairs_pending"] == 7 and est["requests"] == 42
    assert est["by_model"]["gpt-4o-mini"]["requests"] == 35 and est["by_model"]["o3-mini"]["requests"] == 7
    assert 0 < est["cost_usd_batch"] < est["cost_usd"]
    res = CliRunner().invoke(app, ["corpus", "build", "--pairs", str(pairs_dir), "--out", str(out),
                                   "--base-url", url, "--dry-run", "--limit", "3"])
    assert res.exit_code == 0, res.output
    assert "requests: 18" in res.output and "estimated cost" in res.output
    assert fake.requests == 0
    run_build(config, load_pairs(pairs_dir, limit=3))
    assert estimate(config, load_pairs(pairs_dir))["pairs_pending"] == 4


def test_batch_write_import_round_trip(tmp_path, fake_factory):
    pairs_dir, q = make_pairs(tmp_path, 4)
    faults = {(q[1], "instruction_positive"): ["malformed"]}     # costs one extra batch round
    online_fake, online_url = fake_factory(q, faults=dict(faults), drop={q[2]})
    online_out = tmp_path / "online" / "rows.jsonl"
    online = run_build(make_config(online_out, online_url), load_pairs(pairs_dir))

    fake = FakeOpenAI(q, faults=dict(faults), drop={q[2]})   # used without HTTP, as "the Batch API"
    out = tmp_path / "batch" / "rows.jsonl"
    config = make_config(out, None)
    rounds = 0
    while True:
        batch_in = tmp_path / f"batch_{rounds}.jsonl"
        result = run_build(config, load_pairs(pairs_dir), batch_write=batch_in)
        if result.deferred == 0:
            break
        lines = [json.loads(x) for x in batch_in.read_text().splitlines()]
        assert len(lines) == result.deferred and all(x["url"] == "/v1/chat/completions" for x in lines)
        batch_out = tmp_path / f"batch_{rounds}.out.jsonl"
        with open(batch_out, "w") as f:
            for x in lines:
                status, body = fake.chat(x["body"])
                f.write(json.dumps({"id": "r", "custom_id": x["custom_id"],
                                    "response": {"status_code": status, "body": body}, "error": None}) + "\n")
        summary = import_batch_results(batch_out, output_paths(out)["cache"], Prices())
        assert summary["imported"] == len(lines) and summary["errors"] == 0
        assert import_batch_results(batch_out, output_paths(out)["cache"], Prices())["already_cached"] == len(lines)
        rounds += 1
    assert rounds == 7          # six stages + one repair round for the malformed answer
    # Same rows; a pair that needed an extra round lands later, so compare in pair-id order.
    def by_pair(path):
        return sorted(path.read_text().splitlines(), key=lambda line: json.loads(line)["pair_id"])

    for kind in ("kept", "dropped"):
        assert by_pair(output_paths(out)[kind]) == by_pair(output_paths(online_out)[kind])
    cache = ResponseCache(output_paths(out)["cache"])
    ledger = cache.usage_totals()
    cache.close()
    assert ledger["prompt_tokens"] == online.ledger["prompt_tokens"] == fake.usage["prompt_tokens"]
    assert ledger["cost_usd"] == pytest.approx(0.5 * online.ledger["cost_usd"])


def test_cli_build_and_stats(tmp_path, fake_factory):
    from typer.testing import CliRunner

    from infembed.cli import app

    pairs_dir, q = make_pairs(tmp_path, 3)
    fake, url = fake_factory(q, drop={q[0]})
    prices = tmp_path / "prices.json"
    prices.write_text(json.dumps({"cheap-gen": {"input": 1.0, "output": 2.0}, "cheap-judge": {"input": 3.0, "output": 4.0}}))
    out = tmp_path / "rows.jsonl"
    runner = CliRunner()
    res = runner.invoke(app, ["corpus", "build", "--pairs", str(pairs_dir), "--out", str(out), "--base-url", url,
                              "--gen-model", "cheap-gen", "--judge-model", "cheap-judge", "--prices", str(prices),
                              "--no-progress"])
    assert res.exit_code == 0, res.output
    assert "kept 2" in res.output and "dropped 1" in res.output
    res = runner.invoke(app, ["corpus", "stats", str(out)])
    assert res.exit_code == 0, res.output
    cache = ResponseCache(output_paths(out)["cache"])
    by_model = cache.usage_totals()["by_model"]
    cache.close()
    expected = sum((m["prompt_tokens"] * p_in + m["completion_tokens"] * p_out) / 1e6
                   for m, (p_in, p_out) in ((by_model["cheap-gen"], (1.0, 2.0)), (by_model["cheap-judge"], (3.0, 4.0))))
    assert f"cost: ${expected:.4f}" in res.output
    assert "kept 2  dropped 1  failed 0" in res.output and "negatives_not_incorrect 1" in res.output
    res = runner.invoke(app, ["corpus", "build", "--pairs", str(tmp_path / "nope"), "--out", str(out)])
    assert res.exit_code != 0 and "missing corpus.jsonl" in " ".join(res.output.replace("│", " ").split())
