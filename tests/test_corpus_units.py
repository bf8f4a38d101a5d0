"""Small pieces of corpus_tools: Retry-After parsing, backoff, answer parsing, prices, cache keys, torn lines."""

from __future__ import annotations

import email.utils
import json
import random
import time

import pytest
from infembed.corpus_tools.cache import request_key
from infembed.corpus_tools.client import ClientConfig, backoff_delay, make_client, retry_after_seconds
from infembed.corpus_tools.jsonl_log import AppendLog
from infembed.corpus_tools.ledger import Prices
from infembed.corpus_tools.pipeline import STAGE_BY_NAME, InvalidAnswer, parse_answer


def test_retry_after_forms():
    assert retry_after_seconds({"retry-after-ms": "250", "retry-after": "9"}) == 0.25
    assert retry_after_seconds({"retry-after": "3"}) == 3.0
    date = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 27 <= retry_after_seconds({"retry-after": date}) <= 31
    assert retry_after_seconds({"retry-after": "soon"}) is None
    assert retry_after_seconds({}) is None and retry_after_seconds(None) is None


def test_backoff_is_bounded_jittered_and_honours_retry_after():
    cfg = ClientConfig(backoff_base=1.0, backoff_max=8.0)
    rng = random.Random(0)
    for attempt in range(8):
        delays = [backoff_delay(attempt, cfg, None, rng) for _ in range(200)]
        ceiling = min(8.0, 2.0 ** attempt)
        assert 0 <= min(delays) and max(delays) <= ceiling
        assert len(set(delays)) > 150                 # jitter, not a fixed schedule
    assert backoff_delay(0, cfg, 5.0, rng) >= 5.0


def test_parse_answer_tolerates_wrappers_and_rejects_bad_shapes():
    schema = STAGE_BY_NAME["instruction_positive"].schema
    assert parse_answer('```json\n{"instruction": " x "}\n```', schema) == {"instruction": "x"}
    assert parse_answer('Here you go: {"instruction": "a {b}"} thanks', schema) == {"instruction": "a {b}"}
    for bad, msg in [("", "empty"), ("no json", "not a JSON object"), ('{"instruction": ', "not a JSON object"),
                     ('{"other": "x"}', "lacks the key"), ('{"instruction": ""}', "non-empty"), ("[1]", "JSON object"),
                     ('{"instruction": "..."}', "placeholder")]:
        with pytest.raises(InvalidAnswer, match=msg):
            parse_answer(bad, schema)
    judge = STAGE_BY_NAME["judge"].schema
    ok = parse_answer('{"positive_satisfied": "yes", "negatives_plausible": true, "negatives_incorrect": false, '
                      '"keep": "False", "reason": "r"}', judge)
    assert ok["positive_satisfied"] is True and ok["keep"] is False
    with pytest.raises(InvalidAnswer, match="true or false"):
        parse_answer('{"positive_satisfied": 1, "negatives_plausible": true, "negatives_incorrect": true, '
                     '"keep": true, "reason": "r"}', judge)


def test_prices(tmp_path):
    p = Prices()
    assert p.cost("gpt-4o-mini", 1_000_000, 1_000_000) == pytest.approx(0.75)
    assert p.cost("gpt-4o-mini-2024-07-18", 1_000_000, 0) == pytest.approx(0.15)   # dated snapshot
    assert p.cost("gpt-4o-mini", 1_000_000, 0, batch=True) == pytest.approx(0.075)
    assert p.cost("unknown-model", 10, 10) == 0.0
    f = tmp_path / "prices.json"
    f.write_text(json.dumps({"m": {"input": 1, "output": 2}, "batch_discount": 0.25}))
    q = Prices.load(f, ["n=3,4"])
    assert q.cost("m", 1_000_000, 1_000_000) == 3.0 and q.cost("n", 1_000_000, 0, batch=True) == 0.75
    with pytest.raises(ValueError, match="MODEL=INPUT,OUTPUT"):
        Prices.load(None, ["n=3"])
    f.write_text(json.dumps({"m": {"input": 1}}))
    with pytest.raises(ValueError, match="needs"):
        Prices.load(f)


def test_request_key_depends_on_the_answer_fields_only():
    a = {"model": "m", "messages": [{"role": "user", "content": "x"}], "max_tokens": 5}
    b = {"max_tokens": 5, "messages": [{"role": "user", "content": "x"}], "model": "m", "timeout": 3}
    assert request_key(a) == request_key(b)
    assert request_key(a) != request_key({**a, "model": "n"})
    assert request_key(a) != request_key({**a, "messages": [{"role": "user", "content": "y"}]})


def test_append_log_repairs_torn_tail(tmp_path):
    path = tmp_path / "x.jsonl"
    log = AppendLog(path)
    log.append({"pair_id": "a"})
    log.append({"pair_id": "b"})
    log.close()
    whole = path.read_bytes()
    path.write_bytes(whole + b'{"pair_id": "c", "que')          # torn write
    assert [r["pair_id"] for r in AppendLog(path).repair_and_read()] == ["a", "b"]
    assert path.read_bytes() == whole
    path.write_bytes(whole + b'{"pair_id": "c"}')                # whole record, newline lost
    assert [r["pair_id"] for r in AppendLog(path).repair_and_read()] == ["a", "b", "c"]
    assert path.read_bytes().endswith(b'"c"}\n')


def test_client_factory_needs_a_key_for_remote_servers(monkeypatch):
    monkeypatch.delenv("MY_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    with pytest.raises(ValueError, match=r"\$MY_KEY"):
        make_client(ClientConfig(base_url="https://api.example.com/v1", api_key_env="MY_KEY"))
    client = make_client(ClientConfig(base_url="http://127.0.0.1:9/v1", api_key_env="MY_KEY", timeout=7))
    assert client.max_retries == 0 and client.timeout == 7
    with pytest.raises(ValueError, match="timeout"):
        ClientConfig(timeout=0)
