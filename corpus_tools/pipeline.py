"""InF-IR corpus construction (arXiv 2505.21439): BEIR pairs → seven-field rows, via an LLM.

Per pair ``(Q+, P+)``, six requests in order::

    instruction_positive      gen    I+   that P+ satisfies
    instruction_negative      gen    I-   minimal edit of I+ that P+ no longer satisfies
    query_negative            gen    Q-   minimal edit of Q+ that P+ no longer answers
    hard_negative_document_1  gen    passage for (Q+, I-)
    hard_negative_document_2  gen    passage for (Q-, I+)
    judge                     judge  keep/drop with reason (P+ ⊨ I+; negatives plausible & incorrect)

Outcomes go to three append-only files next to ``--out``:

    rows.jsonl            kept rows (the 7 ``ROW_FIELDS`` + pair id + judge verdict); read_rows() reads it
    rows.dropped.jsonl    rows the judge dropped, with the reason
    rows.failures.jsonl   pairs that could not be built (malformed answers, refusals, transport errors)
    rows.cache.sqlite     every paid response, the usage ledger, response formats a model rejected

Records are written in input order (a small reorder window), one fsync each, so an interrupted run
and its rerun produce byte-identical files to an uninterrupted run; a rerun skips pair ids already
present in any of the three files, except transient failures (transport: outage, timeouts, 5xx,
429), which it redoes; ``retry_failures`` redoes permanent ones (refusal, bad request, malformed)
too. A redone pair's failure record is removed first, so every pair is in exactly one file.
Writes and fsyncs run on threads (``CacheWriter``, ``BackgroundAppender``): the event loop keeps
reading answers while the disk syncs.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import re
import string
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from infembed.data import ROW_FIELDS, DataError, ReadReport, read_beir_corpus, read_beir_queries, read_qrels

from .cache import CacheWriter, ResponseCache, request_key
from .client import (
    DEFAULT_GEN_MODEL,
    DEFAULT_JUDGE_MODEL,
    ClientConfig,
    SchemaUnsupported,
    TransportError,
    TransportStats,
    chat_with_retries,
    make_client,
)
from .jsonl_log import AppendLog, BackgroundAppender
from .ledger import Prices, estimate_tokens, usage_tokens

log = logging.getLogger(__name__)

PROMPT_DIR = Path(__file__).parent / "prompts"


# ----------------------------------------------------------------------------- stages


@dataclass(frozen=True)
class Stage:
    name: str              # also the prompt file stem and the JSON schema name
    role: str              # "gen" | "judge"
    schema: dict           # JSON schema of the answer object
    max_tokens: int        # completion budget for a non-reasoning model


def _str_schema(*keys: str) -> dict:
    return {"type": "object", "properties": {k: {"type": "string"} for k in keys},
            "required": list(keys), "additionalProperties": False}


_JUDGE_KEYS = ("positive_satisfied", "negatives_plausible", "negatives_incorrect", "keep")
STAGES: tuple[Stage, ...] = (
    Stage("instruction_positive", "gen", _str_schema("instruction"), 120),
    Stage("instruction_negative", "gen", _str_schema("instruction_negative"), 120),
    Stage("query_negative", "gen", _str_schema("query_negative"), 60),
    Stage("hard_negative_document_1", "gen", _str_schema("passage"), 400),
    Stage("hard_negative_document_2", "gen", _str_schema("passage"), 400),
    Stage("judge", "judge", {
        "type": "object",
        "properties": {**{k: {"type": "boolean"} for k in _JUDGE_KEYS}, "reason": {"type": "string"}},
        "required": [*_JUDGE_KEYS, "reason"], "additionalProperties": False,
    }, 300),
)
STAGE_BY_NAME = {s.name: s for s in STAGES}
# Reasoning models spend hidden tokens before answering; their budget must include them.
REASONING_MAX_TOKENS = 8000
REASONING_TOKENS_ESTIMATE = 1500  # for --dry-run only


def is_reasoning_model(model: str) -> bool:
    """o1/o3/o4-style models: ``max_completion_tokens``, no ``temperature``."""
    return re.match(r"^o\d", model) is not None


class PromptSet:
    """The editable prompt files: ``system.txt`` and one ``<stage>.txt`` per stage, with
    ``${field}`` placeholders (``string.Template``; write ``$$`` for a literal dollar)."""

    def __init__(self, directory: str | Path | None = None):
        self.directory = Path(directory) if directory else PROMPT_DIR
        if not self.directory.is_dir():
            raise ValueError(f"--prompts {self.directory}: not a directory")
        self.system = self._read("system").strip()
        self.templates = {s.name: string.Template(self._read(s.name)) for s in STAGES}

    def _read(self, stem: str) -> str:
        path = self.directory / f"{stem}.txt"
        try:
            return path.read_text(encoding="utf-8")
        except OSError as e:
            raise ValueError(f"prompt file {path} is missing; copy it from {PROMPT_DIR}") from e

    def render(self, stage: str, fields: dict[str, str]) -> str:
        try:
            return self.templates[stage].substitute(fields).strip()
        except KeyError as e:
            raise ValueError(f"prompt {stage}.txt uses ${{{e.args[0]}}}, which is not a row field "
                             f"({', '.join(ROW_FIELDS)})") from None


# ----------------------------------------------------------------------------- answers


TRANSIENT_KINDS = ("transport",)


class AnswerFailure(Exception):
    """A pair that cannot be finished: ``kind`` is malformed | refusal | transport | bad_request.

    Only ``transport`` (retries ran out on an outage, timeouts, 5xx, 429) is transient: the next
    run redoes the pair. The others would fail the same way again (``--retry-failures`` redoes them).
    """

    def __init__(self, kind: str, stage: str, detail: str, attempts: int = 1):
        super().__init__(f"{stage}: {kind}: {detail}")
        self.kind, self.stage, self.detail, self.attempts = kind, stage, detail, attempts

    @property
    def transient(self) -> bool:
        return self.kind in TRANSIENT_KINDS


class Deferred(Exception):
    """Batch-write mode: the request is not cached yet; it goes to the batch file."""


class InvalidAnswer(ValueError):
    """The content is not the JSON object the schema asks for (retried with a repair turn)."""


_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$", re.I)


def json_object_end(text: str, start: int = 0) -> int | None:
    """Index just past the ``}`` that closes the JSON object opened at ``text[start]``, or None.

    A brace scanner, not a parser: it counts ``{``/``}`` outside strings (escapes respected), so it
    finds where a complete object ends in model output with prose around it (``_first_json_object``)
    or in a stream that is still growing (``server.py`` stops generating there).

    Example:
        >>> json_object_end('ok {"a": "}"} bye', 3)
        13
    """
    depth, in_str, esc = 0, False, False
    for i in range(start, len(text)):
        c = text[i]
        if in_str:
            if esc:
                esc = False
            elif c == "\\":
                esc = True
            elif c == '"':
                in_str = False
        elif c == '"':
            in_str = True
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i + 1
    return None


def _first_json_object(text: str) -> str | None:
    """The first balanced ``{...}`` in ``text`` (strings and escapes respected), or None."""
    start = text.find("{")
    while start != -1:
        end = json_object_end(text, start)
        if end is not None:
            return text[start:end]
        start = text.find("{", start + 1)
    return None


_BOOL_WORDS = {"true": True, "yes": True, "false": False, "no": False}


def parse_answer(content: str | None, schema: dict) -> dict:
    """Parse and validate a model answer against a stage schema (strings non-empty, booleans).

    Raises:
        InvalidAnswer: with a short message that is sent back to the model on retry.
    """
    if content is None or not content.strip():
        raise InvalidAnswer("the answer was empty")
    text = _FENCE.sub("", content.strip())
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        inner = _first_json_object(text)
        if inner is None:
            raise InvalidAnswer(f"the answer is not a JSON object ({e.msg})") from None
        try:
            obj = json.loads(inner)
        except json.JSONDecodeError as e2:
            raise InvalidAnswer(f"the answer is not valid JSON ({e2.msg})") from None
    if not isinstance(obj, dict):
        raise InvalidAnswer(f"expected a JSON object, got {type(obj).__name__}")
    out = {}
    for key, spec in schema["properties"].items():
        if key not in obj:
            raise InvalidAnswer(f"the JSON object lacks the key {key!r}")
        value = obj[key]
        if spec["type"] == "string":
            if not isinstance(value, str) or not value.strip():
                raise InvalidAnswer(f"{key!r} must be a non-empty string")
            if not any(ch.isalnum() for ch in value):
                # Small models copy the prompt's `"..."` placeholder: that is not an answer.
                raise InvalidAnswer(f"{key!r} must be real text, not a placeholder like {value.strip()[:20]!r}")
            out[key] = value.strip()
        elif spec["type"] == "boolean":
            if isinstance(value, str) and value.strip().lower() in _BOOL_WORDS:
                value = _BOOL_WORDS[value.strip().lower()]
            if not isinstance(value, bool):
                raise InvalidAnswer(f"{key!r} must be true or false")
            out[key] = value
    return out


# ----------------------------------------------------------------------------- pairs


@dataclass(frozen=True)
class Pair:
    pair_id: str
    query_id: str
    doc_id: str
    query: str
    passage: str


def find_qrels(pairs_dir: Path, split: str | None) -> Path:
    candidates = [f"{split}.tsv"] if split else ["train.tsv", "dev.tsv", "test.tsv"]
    for name in candidates:
        for p in (pairs_dir / "qrels" / name, pairs_dir / name):
            if p.is_file():
                return p
    raise ValueError(f"--pairs {pairs_dir}: no qrels file {' / '.join(candidates)} under qrels/ "
                     "(BEIR layout: corpus.jsonl, queries.jsonl, qrels/<split>.tsv)")


def _non_utf8_lines(path: Path) -> list[int]:
    """1-based numbers of the lines (split at ``\\n``) of ``path`` that are not valid UTF-8."""
    bad = []
    with open(path, "rb") as f:
        for lineno, line in enumerate(f, start=1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                bad.append(lineno)
    return bad


def _read_utf8(read, path: Path, skip_invalid: bool):
    """``read(path)``, with bytes that are not UTF-8 named by file and line.

    The readers decode the whole file as UTF-8 and would fail with a byte offset into a buffer.
    Only on that failure is the file scanned for the bad lines; with ``skip_invalid`` a copy with
    those lines blanked (line numbers kept, blank lines are skipped by every reader) is read instead.
    """
    try:
        return read(path)
    except UnicodeDecodeError as e:
        bad = _non_utf8_lines(path)
        if not bad:
            raise
        if not skip_invalid:
            raise DataError(f"{path}:{bad[0]}: not UTF-8 text ({e.reason}); re-encode the file "
                            f"(e.g. iconv -f latin1 -t utf-8) or pass --skip-invalid to skip such lines") from None
    log.warning("%s: skipping %d line(s) that are not UTF-8 text (line %s)", path, len(bad),
                ", ".join(map(str, bad[:10])) + (", ..." if len(bad) > 10 else ""))
    with tempfile.TemporaryDirectory(prefix="infembed-pairs-") as tmp:
        copy = Path(tmp) / path.name
        blank = set(bad)
        with open(path, "rb") as src, open(copy, "wb") as dst:
            for lineno, line in enumerate(src, start=1):
                dst.write(b"\n" if lineno in blank else line)
        try:
            return read(copy)
        except DataError as e:   # name the user's file, not the copy
            raise DataError(str(e).replace(str(copy), str(path))) from None


def load_pairs(pairs_dir: str | Path, split: str | None = None, limit: int | None = None,
               skip_invalid: bool = False) -> list[Pair]:
    """Every (query, relevant passage) pair of a BEIR folder, in queries.jsonl order then doc id.

    Pair ids are ``"<query id>::<doc id>"``; relevance ≤ 0 is ignored.

    Args:
        skip_invalid: skip (and log) lines that are not UTF-8, and malformed records of
            corpus.jsonl / queries.jsonl, instead of stopping at the first.

    Raises:
        DataError: a bad line, named by file and line number (unless ``skip_invalid``).
    """
    pairs_dir = Path(pairs_dir)
    for name in ("corpus.jsonl", "queries.jsonl"):
        if not (pairs_dir / name).is_file():
            raise ValueError(f"--pairs {pairs_dir}: missing {name} (expected the BEIR layout)")
    if limit is not None and limit < 1:
        raise ValueError(f"--limit {limit}: must be ≥ 1")
    reports = {"corpus.jsonl": ReadReport(), "queries.jsonl": ReadReport()}
    corpus = _read_utf8(lambda p: read_beir_corpus(p, skip_invalid=skip_invalid, report=reports["corpus.jsonl"]),
                        pairs_dir / "corpus.jsonl", skip_invalid)
    queries = _read_utf8(lambda p: read_beir_queries(p, skip_invalid=skip_invalid, report=reports["queries.jsonl"]),
                         pairs_dir / "queries.jsonl", skip_invalid)
    for name, report in reports.items():
        if report.skipped:
            where, why = report.skipped[0]   # ``where`` may name the blanked copy: use our path
            why = why[len(where) + 2:] if why.startswith(where + ": ") else why
            log.warning("%s: skipped %d invalid record(s); the first, line %s: %s", pairs_dir / name,
                        len(report.skipped), where.rsplit(":", 1)[-1], why)
    qrels = _read_utf8(read_qrels, find_qrels(pairs_dir, split), skip_invalid)
    pairs, missing = [], 0
    for q in queries:
        for did in sorted(d for d, rel in qrels.get(q.id, {}).items() if rel > 0):
            if did not in corpus or not corpus[did].strip():
                missing += 1
                continue
            pairs.append(Pair(f"{q.id}::{did}", q.id, did, q.text, corpus[did]))
            if limit is not None and len(pairs) >= limit:
                return pairs
    if missing:
        log.warning("%s: %d qrels point at passages missing from corpus.jsonl (skipped)", pairs_dir, missing)
    if not pairs:
        raise DataError(f"{pairs_dir}: no (query, relevant passage) pairs")
    return pairs


# ----------------------------------------------------------------------------- the build


@dataclass
class BuildConfig:
    """Everything a build run needs (the CLI fills it).

    Args:
        out: kept rows file; siblings ``.dropped.jsonl``, ``.failures.jsonl``, ``.cache.sqlite``.
        response_format: ``auto`` (JSON schema, falling back to JSON mode, then prompt-only),
            ``json_schema``, ``json_object`` or ``none``.
        max_answer_attempts: tries per stage when the answer is malformed (each retry shows the
            model its bad answer and the error).
        retry_failures: also redo pairs that failed for good (refusal, bad request, malformed);
            transient failures are redone anyway.
        window: how many pairs may be finished ahead of the oldest unwritten one.
        seed: seeds the backoff jitter. None (the default) draws it from ``os.urandom``, so that
            separate processes hit by the same outage do not retry in lockstep; set it only to
            replay one schedule (tests).
    """

    out: Path
    client: ClientConfig = field(default_factory=ClientConfig)
    gen_model: str = DEFAULT_GEN_MODEL
    judge_model: str = DEFAULT_JUDGE_MODEL
    concurrency: int = 8
    response_format: str = "auto"
    max_answer_attempts: int = 3
    temperature: float | None = None
    max_tokens: dict[str, int] = field(default_factory=dict)
    prompts: PromptSet | None = None
    prices: Prices = field(default_factory=Prices)
    retry_failures: bool = False
    window: int | None = None
    progress: bool = True
    seed: int | None = None

    def __post_init__(self) -> None:
        self.out = Path(self.out)
        if self.concurrency < 1:
            raise ValueError(f"--concurrency {self.concurrency}: must be ≥ 1")
        if self.response_format not in ("auto", "json_schema", "json_object", "none"):
            raise ValueError(f"--response-format {self.response_format!r}: use auto, json_schema, json_object or none")
        if self.max_answer_attempts < 1:
            raise ValueError(f"max_answer_attempts={self.max_answer_attempts}: must be ≥ 1")
        unknown = set(self.max_tokens) - set(STAGE_BY_NAME)
        if unknown:
            raise ValueError(f"max_tokens for unknown stages {sorted(unknown)}; stages: {list(STAGE_BY_NAME)}")
        if self.prompts is None:
            self.prompts = PromptSet()

    def paths(self) -> dict[str, Path]:
        return output_paths(self.out)


def output_paths(out: str | Path) -> dict[str, Path]:
    out = Path(out)
    stem = out.name[: -len(out.suffix)] if out.suffix else out.name
    return {"kept": out, "dropped": out.with_name(f"{stem}.dropped.jsonl"),
            "failed": out.with_name(f"{stem}.failures.jsonl"), "cache": out.with_name(f"{stem}.cache.sqlite")}


@dataclass
class RunCounters:
    kept: int = 0
    dropped: int = 0
    failed: int = 0
    api_requests: int = 0      # responses paid for in this run
    cache_hits: int = 0
    cost_usd: float = 0.0      # paid in this run
    prompt_tokens: int = 0
    completion_tokens: int = 0


class Requester:
    """Builds stage requests, answers them from the cache or the API, parses and validates.

    Args:
        writer: commits paid responses off the event loop; None writes through ``cache`` (tests).
    """

    def __init__(self, config: BuildConfig, cache: ResponseCache, client=None, defer: bool = False,
                 writer: CacheWriter | None = None):
        self.config, self.cache, self.client, self.defer, self.writer = config, cache, client, defer, writer
        self.counters = RunCounters()
        self.transport = TransportStats()
        self.deferred: dict[str, tuple[str, str, dict]] = {}   # key → (stage, model, body)
        self.endpoint = config.client.resolved_base_url() or "https://api.openai.com/v1"
        self.mode: dict[str, str] = {}                          # model → response_format in use
        self.proven: dict[str, str] = {}                        # model → the mode an answer came back for
        self._probes: dict[str, asyncio.Event] = {}             # model → set when its probe settles
        self.rng = random.Random(config.seed)                   # None: seeded from os.urandom
        self._sem = asyncio.Semaphore(config.concurrency)

    def model_for(self, stage: Stage) -> str:
        return self.config.judge_model if stage.role == "judge" else self.config.gen_model

    def _mode(self, model: str) -> str:
        if self.config.response_format != "auto":
            return self.config.response_format
        if model not in self.mode:   # a fallback an earlier run learnt for this endpoint and model
            self.mode[model] = self.cache.response_format(self.endpoint, model) or "json_schema"
        return self.mode[model]

    def _unproven(self, model: str, mode: str) -> bool:
        """Whether a request in ``mode`` may still be rejected as a format (auto only)."""
        return self.config.response_format == "auto" and mode != "none" and self.proven.get(model) != mode

    async def _fall_back(self, model: str, mode: str, error: SchemaUnsupported) -> None:
        fallback = "json_object" if mode == "json_schema" else "none"
        if self.mode.get(model) != mode:
            return   # someone else learnt it already
        log.warning("%s rejected response_format=%s (%s); using %s (remembered in %s)", model, mode, error,
                    fallback, self.cache.path.name)
        self.mode[model] = fallback
        if self.writer is not None:
            await asyncio.wrap_future(self.writer.set_response_format(self.endpoint, model, fallback, str(error)))
        else:
            self.cache.set_response_format(self.endpoint, model, fallback, str(error))

    def build_body(self, stage: Stage, model: str, messages: list[dict], mode: str) -> dict:
        messages = [dict(m) for m in messages]
        if mode in ("json_object", "none"):
            # JSON mode needs the word JSON in the prompt; the schema stands in for strict decoding.
            messages[0]["content"] += (f"\nRespond with a JSON object matching the schema `{stage.name}`: "
                                       f"{json.dumps(stage.schema, separators=(',', ':'))}")
        body: dict = {"model": model, "messages": messages}
        if mode == "json_schema":
            body["response_format"] = {"type": "json_schema",
                                       "json_schema": {"name": stage.name, "strict": True, "schema": stage.schema}}
        elif mode == "json_object":
            body["response_format"] = {"type": "json_object"}
        budget = self.config.max_tokens.get(stage.name)
        if is_reasoning_model(model):
            body["max_completion_tokens"] = budget or REASONING_MAX_TOKENS
        else:
            body["max_tokens"] = budget or stage.max_tokens
            if self.config.temperature is not None:
                body["temperature"] = self.config.temperature
        return body

    def _settle_probe(self, model: str, gate: asyncio.Event, proven_mode: str | None = None) -> None:
        """Record what a format probe showed and let the requests waiting on it go (idempotent)."""
        if proven_mode is not None:
            self.proven[model] = proven_mode
        if self._probes.get(model) is gate:
            del self._probes[model]
            gate.set()

    async def _completion(self, stage: Stage, model: str, body: dict, on_answer=None) -> dict:
        """The completion for ``body`` from the cache, or paid for and committed to it.

        ``on_answer()`` runs as soon as an answer is in hand, before the commit that follows.
        """
        key = request_key(body)
        cached = self.cache.get(key)
        if cached is not None:
            self.counters.cache_hits += 1
            if on_answer is not None:
                on_answer()
            return cached
        if self.defer:
            self.deferred[key] = (stage.name, model, body)
            raise Deferred(key)
        async with self._sem:  # bounds in-flight HTTP requests
            completion = await chat_with_retries(self.client, body, self.config.client, self.transport, self.rng)
        if on_answer is not None:
            on_answer()
        pt, ct = usage_tokens(completion)
        cost = self.config.prices.cost(model, pt, ct)
        if self.writer is not None:
            # Durable before the answer is used: a finished pair never rests on an uncached answer.
            await asyncio.wrap_future(self.writer.put_paid(key, stage.name, model, completion, pt, ct, cost, "api"))
        else:
            self.cache.put_paid(key, stage.name, model, completion, pt, ct, cost, "api")
        c = self.counters
        c.api_requests += 1
        c.cost_usd += cost
        c.prompt_tokens += pt
        c.completion_tokens += ct
        return completion

    async def ask(self, stage: Stage, fields: dict[str, str]) -> dict:
        """One stage for one pair → the validated answer object.

        Raises:
            AnswerFailure: refusal, malformed after ``max_answer_attempts``, transport failure.
            Deferred: batch-write mode and not cached.
        """
        model = self.model_for(stage)
        messages = [{"role": "system", "content": self.config.prompts.system},
                    {"role": "user", "content": self.config.prompts.render(stage.name, fields)}]
        error = ""
        for attempt in range(1, self.config.max_answer_attempts + 1):
            while True:
                mode = self._mode(model)
                body = self.build_body(stage, model, messages, mode)
                probing = self._unproven(model, mode)
                if probing:
                    gate = self._probes.get(model)
                    if gate is not None:
                        # One request finds out whether the model takes this format; the others
                        # wait for it instead of each collecting the same 400.
                        await gate.wait()
                        continue
                    gate = self._probes[model] = asyncio.Event()
                try:
                    # The waiters go as soon as the format is known to work, not after the commit.
                    on_answer = (lambda m=model, g=gate, md=mode: self._settle_probe(m, g, md)) if probing else None
                    completion = await self._completion(stage, model, body, on_answer)
                    break
                except SchemaUnsupported as e:
                    if self.config.response_format != "auto" or mode == "none":
                        raise AnswerFailure("bad_request", stage.name, str(e), attempt) from e
                    await self._fall_back(model, mode, e)
                except TransportError as e:
                    raise AnswerFailure("transport" if e.transient else "bad_request", stage.name, str(e),
                                        attempt) from e
                finally:
                    if probing:   # settled, or failed in transport: then the next waiter probes
                        self._settle_probe(model, gate)
            choice = (completion.get("choices") or [{}])[0]
            message = choice.get("message") or {}
            if message.get("refusal"):
                raise AnswerFailure("refusal", stage.name, str(message["refusal"])[:500], attempt)
            content = message.get("content")
            try:
                if choice.get("finish_reason") == "length":
                    raise InvalidAnswer("the answer was cut off at the token limit; answer more briefly")
                if choice.get("finish_reason") == "content_filter":
                    raise AnswerFailure("refusal", stage.name, "content_filter", attempt)
                return parse_answer(content, stage.schema)
            except InvalidAnswer as e:
                error = str(e)
                # The retry shows the model its answer and the problem: a different request (own cache key).
                messages = messages[:2] + [
                    {"role": "assistant", "content": (content or "")[:2000]},
                    {"role": "user", "content": f"That answer is invalid: {error}. Reply with only the JSON object "
                                                f"(try {attempt + 1} of {self.config.max_answer_attempts})."},
                ]
        raise AnswerFailure("malformed", stage.name, error, self.config.max_answer_attempts)


DROP_CODES = {"positive_satisfied": "positive_not_satisfied", "negatives_plausible": "negatives_implausible",
              "negatives_incorrect": "negatives_not_incorrect"}


async def build_pair(req: Requester, pair: Pair) -> tuple[str, dict]:
    """Run the six stages for one pair → ``("kept"|"dropped"|"failed", record)``."""
    f = {"query_positive": pair.query, "document_positive": pair.passage}
    ident = {"pair_id": pair.pair_id, "query_id": pair.query_id, "doc_id": pair.doc_id}
    try:
        f["instruction_positive"] = (await req.ask(STAGE_BY_NAME["instruction_positive"], f))["instruction"]
        f["instruction_negative"] = (await req.ask(STAGE_BY_NAME["instruction_negative"], f))["instruction_negative"]
        f["query_negative"] = (await req.ask(STAGE_BY_NAME["query_negative"], f))["query_negative"]
        f["hard_negative_document_1"] = (await req.ask(STAGE_BY_NAME["hard_negative_document_1"], f))["passage"]
        f["hard_negative_document_2"] = (await req.ask(STAGE_BY_NAME["hard_negative_document_2"], f))["passage"]
        verdict = await req.ask(STAGE_BY_NAME["judge"], f)
    except AnswerFailure as e:
        return "failed", {**ident, "stage": e.stage, "kind": e.kind, "transient": e.transient, "detail": e.detail,
                          "attempts": e.attempts, "partial": {k: v for k, v in f.items() if k not in ("query_positive", "document_positive")}}
    failed_checks = [DROP_CODES[k] for k in DROP_CODES if not verdict[k]]
    keep = verdict["keep"] and not failed_checks
    code = "kept" if keep else (failed_checks[0] if failed_checks else "judge_drop")
    record = {**{k: f[k] for k in ROW_FIELDS}, **ident,
              "judge": {"model": req.config.judge_model, "keep": keep, "code": code,
                        "reason": verdict["reason"], **{k: verdict[k] for k in DROP_CODES}},
              "gen_model": req.config.gen_model}
    return ("kept" if keep else "dropped"), record


def is_transient_failure(record: dict) -> bool:
    """A failure record the next run redoes; files from before the ``transient`` field go by kind."""
    transient = record.get("transient")
    return transient if isinstance(transient, bool) else record.get("kind") in TRANSIENT_KINDS


def scan_done(paths: dict[str, Path], retry_failures: bool) -> tuple[set[str], dict[str, int], set[str]]:
    """Repair the three output files; return the pair ids finished, counts, and the failed ids to redo.

    Failed pairs are redone when their failure was transient, or always with ``retry_failures``.
    """
    done: set[str] = set()
    counts = {}
    redo: set[str] = set()
    for kind in ("kept", "dropped", "failed"):
        records = [r for r in AppendLog(paths[kind]).repair_and_read() if isinstance(r.get("pair_id"), str)]
        ids = [r["pair_id"] for r in records]
        if len(ids) != len(set(ids)):
            log.warning("%s: %d duplicate pair ids (left as they are; stats count each once)",
                        paths[kind], len(ids) - len(set(ids)))
        counts[kind] = len(set(ids))
        if kind == "failed":
            redo = {r["pair_id"] for r in records if retry_failures or is_transient_failure(r)} - done
            done.update(set(ids) - redo)
        else:
            done.update(ids)
    return done, counts, redo


@dataclass
class BuildResult:
    pairs_total: int
    skipped_done: int
    counters: RunCounters
    transport: TransportStats
    deferred: int = 0
    ledger: dict = field(default_factory=dict)
    seconds: float = 0.0


async def _run(config: BuildConfig, pairs: list[Pair], req: Requester, logs: dict[str, AppendLog],
               appender: BackgroundAppender, close_client: bool = False) -> None:
    """Pairs run concurrently; outcomes are written strictly in input order (reorder window)."""
    from tqdm.auto import tqdm

    window = asyncio.Semaphore(config.window or 4 * config.concurrency)
    ready: dict[int, tuple[str, dict] | None] = {}
    next_write = 0
    c = req.counters
    bar = tqdm(total=len(pairs), unit="row", desc="corpus", disable=not config.progress, dynamic_ncols=True)

    def flush() -> None:
        nonlocal next_write
        while next_write in ready:
            outcome = ready.pop(next_write)
            next_write += 1
            window.release()
            if outcome is not None:     # None: deferred to a batch file
                kind, record = outcome
                appender.append(logs[kind], record)   # in order, fsynced on the writer thread
                setattr(c, kind, getattr(c, kind) + 1)
            bar.update(1)
            bar.set_postfix(kept=c.kept, dropped=c.dropped, failed=c.failed, cost=f"${c.cost_usd:.4f}", refresh=False)

    fatal: list[BaseException] = []

    async def one(i: int, pair: Pair) -> None:
        try:
            outcome = await build_pair(req, pair)
        except Deferred:
            outcome = None
        except Exception as e:  # FatalAPIError (bad key, unknown model) or a bug: stop the run
            fatal.append(e)
            window.release()    # unblock the launcher, which then raises
            return
        ready[i] = outcome
        flush()

    tasks: list[asyncio.Task] = []
    try:
        for i, pair in enumerate(pairs):
            await window.acquire()
            if fatal:
                break
            tasks.append(asyncio.create_task(one(i, pair)))
        await asyncio.gather(*tasks)
        if fatal:
            raise fatal[0]
    finally:
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        bar.close()
        if close_client and req.client is not None:
            await req.client.close()   # inside the loop: httpx cannot close after asyncio.run returns


def run_build(config: BuildConfig, pairs: list[Pair], *, client=None, batch_write: Path | None = None,
              batch_max_requests: int = 50_000) -> BuildResult:
    """Build rows for ``pairs`` (resuming), or in batch-write mode collect the uncached requests.

    Args:
        client: an ``AsyncOpenAI``; made from ``config.client`` when None (not needed for batch write).
        batch_write: write the uncached requests of the next stage of every pending pair to this
            OpenAI Batch JSONL (split into ``.partNNN`` files above ``batch_max_requests`` lines);
            pairs whose six responses are all cached are written out as usual.
    """
    t0 = time.perf_counter()
    paths = config.paths()
    done, _, redo = scan_done(paths, config.retry_failures)
    pending = [p for p in pairs if p.pair_id not in done]
    ids = [p.pair_id for p in pairs]
    if len(ids) != len(set(ids)):
        raise ValueError("duplicate pair ids in the input; pair ids must be unique")
    cache = ResponseCache(paths["cache"])
    logs = {k: AppendLog(paths[k]) for k in ("kept", "dropped", "failed")}
    try:
        writer = CacheWriter(paths["cache"])
    except BaseException:
        cache.close()
        raise
    appender = BackgroundAppender()
    try:
        own_client = batch_write is None and client is None and bool(pending)
        if own_client:
            client = make_client(config.client)
        req = Requester(config, cache, client, defer=batch_write is not None, writer=writer)
        # A redone pair leaves the failure file first (atomically), so it ends up in exactly one file.
        redone = logs["failed"].remove(redo & set(ids))
        if redone:
            log.info("%s: redoing %d failed pair(s)", paths["failed"].name, redone)
        if pending:
            asyncio.run(_run(config, pending, req, logs, appender, close_client=own_client))
        appender.close()   # every record on disk (raises a write error)
        if batch_write is not None:
            from .batch import write_batch_file

            write_batch_file(batch_write, req.deferred, cache, max_requests=batch_max_requests)
        return BuildResult(len(pairs), len(pairs) - len(pending), req.counters, req.transport,
                           deferred=len(req.deferred), ledger=cache.usage_totals(),
                           seconds=time.perf_counter() - t0)
    finally:
        writer.close()
        try:
            appender.close()
        finally:
            for lg in logs.values():
                lg.close()
            cache.close()


# ----------------------------------------------------------------------------- dry run


def estimate(config: BuildConfig, pairs: list[Pair]) -> dict:
    """Requests, tokens and cost for the pending pairs, from character counts (≈4 chars/token).

    Prompts are rendered for real; generated fields are stood in for by texts of their expected
    length (an instruction ≈ 120 chars, Q- ≈ Q+, a passage ≈ P+). An upper bound: cached responses
    and malformed-answer retries are not counted.
    """
    done, _, _ = scan_done(config.paths(), config.retry_failures)
    pending = [p for p in pairs if p.pair_id not in done]
    per_model: dict[str, dict] = {}
    for pair in pending:
        f = {"query_positive": pair.query, "document_positive": pair.passage,
             "instruction_positive": "x" * 120, "instruction_negative": "x" * 120,
             "query_negative": "x" * len(pair.query), "hard_negative_document_1": "x" * len(pair.passage),
             "hard_negative_document_2": "x" * len(pair.passage)}
        for stage in STAGES:
            model = config.judge_model if stage.role == "judge" else config.gen_model
            prompt = config.prompts.system + config.prompts.render(stage.name, f)
            out_chars = {"instruction_positive": 140, "instruction_negative": 160, "query_negative": len(pair.query) + 40,
                         "hard_negative_document_1": len(pair.passage) + 40,
                         "hard_negative_document_2": len(pair.passage) + 40, "judge": 320}[stage.name]
            out_tokens = estimate_tokens("x" * out_chars)
            if is_reasoning_model(model):
                out_tokens += REASONING_TOKENS_ESTIMATE
            m = per_model.setdefault(model, {"requests": 0, "prompt_tokens": 0, "completion_tokens": 0})
            m["requests"] += 1
            m["prompt_tokens"] += estimate_tokens(prompt) + 12 * 2   # + chat-format overhead
            m["completion_tokens"] += out_tokens
    for model, m in per_model.items():
        m["cost_usd"] = config.prices.cost(model, m["prompt_tokens"], m["completion_tokens"])
        m["cost_usd_batch"] = config.prices.cost(model, m["prompt_tokens"], m["completion_tokens"], batch=True)
    return {
        "pairs_total": len(pairs), "pairs_done": len(pairs) - len(pending), "pairs_pending": len(pending),
        "requests": sum(m["requests"] for m in per_model.values()),
        "cost_usd": sum(m["cost_usd"] for m in per_model.values()),
        "cost_usd_batch": sum(m["cost_usd_batch"] for m in per_model.values()),
        "by_model": per_model,
    }
