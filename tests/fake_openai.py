"""A scripted OpenAI-compatible chat-completions server on 127.0.0.1 for the corpus tests.

Answers are a deterministic function of (item, stage): the item is whichever known query text
appears in the user message, the stage is the JSON-schema name (or the ``schema `name``` line the
client adds in JSON mode). Faults are scripted per (item, stage) and consumed one per request:

    "429"        HTTP 429 with Retry-After: 1 (seconds)
    "500"        HTTP 500
    "401"        HTTP 401 (a bad key: the client must stop the run)
    "400"        HTTP 400 bad request (not about response_format: a permanent failure)
    "408"        HTTP 408 request timeout (retried like a 5xx)
    "hang"       no answer for ``hang_seconds`` (past the client's timeout)
    "trickle"    a good answer sent a few bytes at a time over ``trickle_seconds`` (no single read
                 waits long, the whole request does)
    "bad_body"   HTTP 200 whose body is not JSON
    "malformed"  content that is not JSON
    "truncated"  content cut mid-JSON, finish_reason "length"
    "wrong_keys" valid JSON without the schema's keys
    "refusal"    message.refusal set, content null

It counts requests per (item, stage), sums the ``usage`` it hands out, and records when each
request arrived. Stdlib only; binds 127.0.0.1 and an OS-chosen port.
"""

from __future__ import annotations

import hashlib
import json
import re
import socket
import threading
import time
from collections import Counter, defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STAGES = ("instruction_positive", "instruction_negative", "query_negative", "hard_negative_document_1",
          "hard_negative_document_2", "judge")


def scripted_answer(item: str, stage: str, drop: bool) -> dict:
    return {
        "instruction_positive": {"instruction": f"Prefer passages that give a figure for: {item}"},
        "instruction_negative": {"instruction_negative": f"Prefer passages that give no figure for: {item}"},
        "query_negative": {"query_negative": f"{item} in winter"},
        "hard_negative_document_1": {"passage": f"A figure-free passage about {item}."},
        "hard_negative_document_2": {"passage": f"A passage about {item} in winter, with a figure: 42."},
        "judge": {"positive_satisfied": True, "negatives_plausible": True, "negatives_incorrect": not drop,
                  "keep": not drop, "reason": "P+ still fits I-" if drop else "all checks hold"},
    }[stage]


class FakeOpenAI:
    """Args:
        queries: the known item texts (no one a substring of another).
        faults: ``{(item, stage): ["429", "malformed", ...]}`` consumed in order.
        drop: items the judge drops.
        delay: seconds to sleep before every answer (lets a test kill a client mid-run).
        reject_json_schema: answer 400 to ``response_format: json_schema`` (as older servers do).
    """

    def __init__(self, queries, faults=None, drop=(), delay=0.0, hang_seconds=2.0, reject_json_schema=False,
                 trickle_seconds=1.5):
        self.queries = sorted(queries, key=len, reverse=True)
        self.faults = {k: list(v) for k, v in (faults or {}).items()}
        self.drop, self.delay, self.hang_seconds = set(drop), delay, hang_seconds
        self.trickle_seconds = trickle_seconds
        self.reject_json_schema = reject_json_schema
        self.lock = threading.Lock()
        self.reset_counts()
        self._server = None

    def reset_counts(self) -> None:
        self.counts: Counter = Counter()                # (item, stage) → requests received
        self.answered: Counter = Counter()              # request-body hash → 200 answers with usage
        self.arrivals = defaultdict(list)               # (item, stage) → [monotonic time, ...]
        self.usage = {"prompt_tokens": 0, "completion_tokens": 0, "responses": 0}
        self.formats: Counter = Counter()               # response_format types seen
        self.requests = 0

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> str:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def setup(self):
                super().setup()
                # Headers and body go out in two writes: without this, Nagle + delayed ACK add ~40 ms.
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def do_POST(self):
                n = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(n)
                status, headers, payload = fake.handle(self.path, raw)
                if status is None:  # hang: never answer in time
                    time.sleep(fake.hang_seconds)
                    status, headers, payload = 500, {}, b'{"error": {"message": "late"}}'
                trickle = headers.pop("x-fake-trickle", None) is not None
                try:
                    self.send_response(status)
                    for k, v in {"content-type": "application/json", **headers}.items():
                        self.send_header(k, v)
                    self.send_header("content-length", str(len(payload)))
                    self.end_headers()
                    if not trickle:
                        self.wfile.write(payload)
                        return
                    self.wfile.flush()
                    chunks = [payload[i:i + 8] for i in range(0, len(payload), 8)]
                    for chunk in chunks:   # bounded: trickle_seconds in all, then done
                        time.sleep(fake.trickle_seconds / len(chunks))
                        self.wfile.write(chunk)
                        self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def do_GET(self):
                payload = json.dumps({"object": "list", "data": [{"id": "fake", "object": "model"}]}).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    # ------------------------------------------------------------------ answers
    def _stage(self, body: dict) -> str:
        rf = body.get("response_format") or {}
        if rf.get("type") == "json_schema":
            return rf["json_schema"]["name"]
        text = " ".join(str(m.get("content") or "") for m in body["messages"])
        m = re.search(r"schema `(\w+)`", text)
        if not m:
            raise ValueError("cannot tell the stage")
        return m.group(1)

    def _item(self, body: dict) -> str:
        user = body["messages"][1]["content"]
        for q in self.queries:
            if q in user:
                return q
        raise ValueError("unknown item")

    def handle(self, path: str, raw: bytes):
        if self.delay:
            time.sleep(self.delay)
        if not path.endswith("/chat/completions"):
            return 404, {}, b'{"error": {"message": "no such route"}}'
        body = json.loads(raw)
        rf_type = (body.get("response_format") or {}).get("type", "none")
        try:
            stage, item = self._stage(body), self._item(body)
        except ValueError as e:
            return 400, {}, json.dumps({"error": {"message": str(e)}}).encode()
        with self.lock:
            self.requests += 1
            self.counts[(item, stage)] += 1
            self.arrivals[(item, stage)].append(time.monotonic())
            self.formats[rf_type] += 1
            queue = self.faults.get((item, stage))
            fault = queue.pop(0) if queue else None
        if self.reject_json_schema and rf_type == "json_schema":
            return 400, {}, b'{"error": {"message": "response_format json_schema is not supported"}}'
        if fault == "429":
            return 429, {"retry-after": "1"}, b'{"error": {"message": "rate limited"}}'
        if fault == "401":
            return 401, {}, b'{"error": {"message": "invalid api key"}}'
        if fault == "500":
            return 500, {}, b'{"error": {"message": "internal error"}}'
        if fault == "400":
            return 400, {}, b'{"error": {"message": "messages[1].content is too long"}}'
        if fault == "408":
            return 408, {}, b'{"error": {"message": "request timeout"}}'
        if fault == "hang":
            return None, {}, b""
        if fault == "bad_body":
            return 200, {}, b'{"id": "x", "choices": [ {"mess'
        answer = scripted_answer(item, stage, item in self.drop)
        message = {"role": "assistant", "content": json.dumps(answer), "refusal": None}
        finish = "stop"
        if fault == "malformed":
            message["content"] = "Sure! Here is the instruction you asked for: prefer figures."
        elif fault == "truncated":
            message["content"], finish = json.dumps(answer)[:15], "length"
        elif fault == "wrong_keys":
            message["content"] = json.dumps({"text": "no keys here"})
        elif fault == "refusal":
            message["content"], message["refusal"] = None, "I can't help with that."
        prompt_tokens = sum(len(str(m.get("content") or "")) for m in body["messages"]) // 4 + 1
        completion_tokens = len(message["content"] or message["refusal"] or "") // 4 + 1
        with self.lock:
            self.usage["prompt_tokens"] += prompt_tokens
            self.usage["completion_tokens"] += completion_tokens
            self.usage["responses"] += 1
            self.answered[hashlib.sha256(raw).hexdigest()] += 1
        completion = {
            "id": f"chatcmpl-{self.requests}", "object": "chat.completion", "created": 0, "model": body["model"],
            "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                      "total_tokens": prompt_tokens + completion_tokens},
        }
        return 200, {"x-fake-trickle": "1"} if fault == "trickle" else {}, json.dumps(completion).encode()

    def chat(self, body: dict) -> tuple[int, dict]:
        """Answer a request body directly (no HTTP), for simulating the Batch API in tests."""
        status, _, payload = self.handle("/v1/chat/completions", json.dumps(body).encode())
        return status, json.loads(payload) if status == 200 else {}
