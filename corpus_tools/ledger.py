"""Token and cost accounting from the ``usage`` of each response, with configurable prices.

Prices are USD per **million** tokens, ``{"model": {"input": x, "output": y}}``. Defaults are the
published list prices at the time of writing (check them: they change); pass a JSON file or
``--price MODEL=IN,OUT`` to override. A model with no price is billed 0 with one warning.
Batch API responses are billed at ``batch_discount`` × the price (OpenAI: 50 %).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

DEFAULT_PRICES = {
    "gpt-4o-mini": {"input": 0.15, "output": 0.60},
    "gpt-4o": {"input": 2.50, "output": 10.00},
    "o3-mini": {"input": 1.10, "output": 4.40},
    "o4-mini": {"input": 1.10, "output": 4.40},
}
CHARS_PER_TOKEN = 4.0  # rough English average, used only for --dry-run estimates


def estimate_tokens(text: str) -> int:
    return max(1, int(round(len(text) / CHARS_PER_TOKEN)))


@dataclass
class Prices:
    table: dict[str, dict[str, float]] = field(default_factory=lambda: json.loads(json.dumps(DEFAULT_PRICES)))
    batch_discount: float = 0.5
    _warned: set = field(default_factory=set, repr=False)

    @classmethod
    def load(cls, path: str | Path | None = None, overrides: list[str] | None = None) -> Prices:
        """Defaults, then a JSON file (``{"model": {"input": $, "output": $}}`` per 1M tokens, optional
        top-level ``"batch_discount"``), then ``MODEL=IN,OUT`` strings."""
        prices = cls()
        if path is not None:
            try:
                data = json.loads(Path(path).read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as e:
                raise ValueError(f"--prices {path}: cannot read a JSON price table ({e})") from e
            if not isinstance(data, dict):
                raise ValueError(f"--prices {path}: expected a JSON object of models")
            if "batch_discount" in data:
                prices.batch_discount = float(data.pop("batch_discount"))
            for model, p in data.items():
                if not isinstance(p, dict) or not {"input", "output"} <= set(p):
                    raise ValueError(f"--prices {path}: model {model!r} needs {{'input': $, 'output': $}} per 1M tokens")
                prices.table[model] = {"input": float(p["input"]), "output": float(p["output"])}
        for item in overrides or []:
            model, eq, rest = item.partition("=")
            parts = rest.split(",")
            try:
                if not eq or len(parts) != 2:
                    raise ValueError
                prices.table[model] = {"input": float(parts[0]), "output": float(parts[1])}
            except ValueError:
                raise ValueError(f"--price {item!r}: expected MODEL=INPUT,OUTPUT in USD per 1M tokens, "
                                 f"e.g. gpt-4o-mini=0.15,0.60") from None
        return prices

    def cost(self, model: str, prompt_tokens: int, completion_tokens: int, batch: bool = False) -> float:
        """USD for one response."""
        p = self.table.get(model)
        if p is None:
            # Dated snapshots ("gpt-4o-mini-2024-07-18") bill like their family.
            p = next((v for k, v in self.table.items() if model.startswith(k + "-")), None)
        if p is None:
            if model not in self._warned:
                self._warned.add(model)
                log.warning("no price for model %r: billed as 0 (pass --prices FILE or --price %s=IN,OUT)",
                            model, model)
            return 0.0
        usd = (prompt_tokens * p["input"] + completion_tokens * p["output"]) / 1e6
        return usd * (self.batch_discount if batch else 1.0)


def usage_tokens(completion: dict) -> tuple[int, int]:
    """``(prompt_tokens, completion_tokens)`` from a completion's ``usage`` (0 when absent)."""
    usage = completion.get("usage") or {}
    return int(usage.get("prompt_tokens") or 0), int(usage.get("completion_tokens") or 0)
