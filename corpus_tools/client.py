"""The single OpenAI client factory and the retry loop around one chat-completions call.

Every corpus request goes through :func:`make_client` and :func:`chat_with_retries`. The SDK's
own retries are switched off (``max_retries=0``) so that backoff, ``Retry-After`` and the retry
count are explicit here and visible in logs and tests.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import os
import random
import time
from dataclasses import dataclass

log = logging.getLogger(__name__)

DEFAULT_GEN_MODEL = "gpt-4o-mini"
DEFAULT_JUDGE_MODEL = "o3-mini"


@dataclass
class ClientConfig:
    """Where and how to call the chat-completions API.

    Args:
        base_url: e.g. ``http://127.0.0.1:8000/v1`` for a local server; ``None`` reads
            ``OPENAI_BASE_URL`` and otherwise uses api.openai.com.
        api_key_env: name of the environment variable holding the key.
        timeout: seconds for one whole HTTP request (connect, send, every read of the answer) before
            it counts as a timeout and is retried; a server trickling bytes cannot stretch it.
        max_attempts: transport attempts per request (429, 5xx, timeouts, connection errors).
        backoff_base / backoff_max: exponential backoff ``base·2^k`` capped at ``max``, with full
            jitter; a server's ``Retry-After`` (or ``retry-after-ms``) wins when it is longer.
    """

    base_url: str | None = None
    api_key_env: str = "OPENAI_API_KEY"
    timeout: float = 120.0
    max_attempts: int = 6
    backoff_base: float = 1.0
    backoff_max: float = 60.0

    def __post_init__(self) -> None:
        if self.timeout <= 0:
            raise ValueError(f"timeout={self.timeout}: must be > 0 seconds")
        if self.max_attempts < 1:
            raise ValueError(f"max_attempts={self.max_attempts}: must be ≥ 1")
        if self.backoff_base < 0 or self.backoff_max < 0:
            raise ValueError("backoff_base and backoff_max must be ≥ 0")

    def resolved_base_url(self) -> str | None:
        return self.base_url or os.environ.get("OPENAI_BASE_URL") or None


def make_client(config: ClientConfig):
    """``openai.AsyncOpenAI`` with explicit base URL, key, timeout and ``max_retries=0``.

    A local server needs no key; any non-empty placeholder is sent then.

    Raises:
        ValueError: no key in ``config.api_key_env`` and the base URL is not a local server.
    """
    import openai

    base_url = config.resolved_base_url()
    key = os.environ.get(config.api_key_env)
    if not key:
        if base_url and _is_local(base_url):
            key = "local-no-key"
        else:
            raise ValueError(
                f"no API key: set ${config.api_key_env} (or pass --api-key-env NAME), "
                f"or point --base-url at a local OpenAI-compatible server"
            )
    return openai.AsyncOpenAI(base_url=base_url, api_key=key, timeout=config.timeout, max_retries=0)


def _is_local(url: str) -> bool:
    from urllib.parse import urlparse

    return (urlparse(url).hostname or "") in ("127.0.0.1", "localhost", "::1")


class TransportError(RuntimeError):
    """A request that still failed after all transport retries, or one not worth retrying.

    ``transient`` is True when retries ran out (outage, timeouts, 5xx, 429): a later run may well
    succeed. False for a request the server refused as such (a 4xx other than 408/409/429).
    """

    def __init__(self, message: str, status: int | None = None, attempts: int = 0, transient: bool = True):
        super().__init__(message)
        self.status, self.attempts, self.transient = status, attempts, transient


class FatalAPIError(RuntimeError):
    """An error every further request would hit too (bad key, unknown model): stop the run."""


class SchemaUnsupported(RuntimeError):
    """The server rejected ``response_format: json_schema``; the caller falls back to JSON mode."""


def retry_after_seconds(headers) -> float | None:
    """Seconds to wait from ``retry-after-ms`` or ``Retry-After`` (seconds or an HTTP date)."""
    if headers is None:
        return None
    ms = headers.get("retry-after-ms")
    if ms:
        try:
            return max(0.0, float(ms) / 1000.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def backoff_delay(attempt: int, config: ClientConfig, retry_after: float | None, rng: random.Random) -> float:
    """Full-jitter exponential backoff for retry number ``attempt`` (0-based), at least ``retry_after``."""
    ceiling = min(config.backoff_max, config.backoff_base * (2 ** attempt))
    delay = rng.uniform(0.0, ceiling)
    if retry_after is not None:
        delay = max(delay, retry_after)
    return delay


@dataclass
class TransportStats:
    requests: int = 0
    retries: int = 0
    rate_limited: int = 0
    server_errors: int = 0
    timeouts: int = 0


async def chat_with_retries(client, body: dict, config: ClientConfig, stats: TransportStats,
                            rng: random.Random | None = None) -> dict:
    """POST one chat-completions ``body``; retry 429/5xx/timeouts/connection errors with backoff.

    Returns:
        The completion as a plain dict (``choices``, ``usage``, ...).

    Raises:
        SchemaUnsupported: a 400 that mentions ``response_format``/``json_schema``.
        FatalAPIError: 401/403/404 — the key or the model is wrong; no request would succeed.
        TransportError: retries exhausted (``transient``), or another 4xx (not transient).
    """
    import openai

    rng = rng or random.Random()  # seeded from os.urandom: processes do not retry in lockstep
    last: str = ""
    status: int | None = None
    for attempt in range(config.max_attempts):
        stats.requests += 1
        retry_after: float | None = None
        try:
            # httpx's timeout bounds each read, so a server trickling bytes could hold a request
            # forever; this deadline bounds the whole request.
            resp = await asyncio.wait_for(client.chat.completions.create(**body), config.timeout)
            data = resp.model_dump() if hasattr(resp, "model_dump") else dict(resp)
            if not data.get("choices"):
                raise ValueError("response has no choices")  # handled below as a bad body
            return data
        except (openai.APITimeoutError, asyncio.TimeoutError):
            stats.timeouts += 1
            last, status = f"timeout after {config.timeout:g}s", None
        except openai.APIStatusError as e:
            status = e.status_code
            message = _error_message(e)
            if status == 400 and ("response_format" in message or "json_schema" in message):
                raise SchemaUnsupported(message) from e
            if status in (401, 403):
                raise FatalAPIError(f"HTTP {status}: {message} (check the API key / --api-key-env)") from e
            if status == 404:
                raise FatalAPIError(f"HTTP 404: {message} (check --base-url and the model name)") from e
            if status == 429:
                stats.rate_limited += 1
            elif status >= 500 or status in (408, 409):
                stats.server_errors += 1
            else:
                raise TransportError(f"HTTP {status}: {message}", status, attempt + 1, transient=False) from e
            retry_after = retry_after_seconds(e.response.headers if e.response is not None else None)
            last = f"HTTP {status}: {message}"
        except openai.APIConnectionError as e:
            last, status = f"connection error: {e}", None
        except (openai.APIResponseValidationError, ValueError, TypeError) as e:
            # A 200 whose body is not a chat completion (bad JSON, no choices): a server glitch.
            stats.server_errors += 1
            last, status = f"unreadable response body ({type(e).__name__})", None
        if attempt + 1 < config.max_attempts:
            stats.retries += 1
            delay = backoff_delay(attempt, config, retry_after, rng)
            log.debug("retry %d/%d in %.2fs after %s", attempt + 1, config.max_attempts - 1, delay, last)
            await asyncio.sleep(delay)
    raise TransportError(f"gave up after {config.max_attempts} attempts: {last}", status, config.max_attempts)


def _error_message(e) -> str:
    body = getattr(e, "body", None)
    if isinstance(body, dict):
        err = body.get("error", body)
        if isinstance(err, dict) and err.get("message"):
            return str(err["message"])
        if isinstance(err, str):
            return err
    return str(getattr(e, "message", e))
