"""``infembed corpus stats``: what a build produced and what it cost."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from infembed.data import ROW_FIELDS

from .cache import ResponseCache
from .pipeline import output_paths


def _read(path: Path) -> list[dict]:
    # Read-only: a torn last line is ignored here, repaired by the next build.
    if not path.exists():
        return []
    import json

    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(rec, dict):
            out.append(rec)
    return out


def corpus_stats(out: str | Path) -> dict:
    """Counts (a pair id counts once, kept > dropped > failed), drop and failure reasons,
    field lengths in words (mean/min/max over kept rows) and the ledger.

    Raises:
        ValueError: none of the build's files exist.
    """
    paths = output_paths(out)
    if not any(paths[k].exists() for k in ("kept", "dropped", "failed")):
        raise ValueError(f"{out}: no build output here (expected {paths['kept'].name}, "
                         f"{paths['dropped'].name} or {paths['failed'].name})")
    kept, dropped, failed = (_read(paths[k]) for k in ("kept", "dropped", "failed"))
    seen: set[str] = set()

    def unique(records: list[dict]) -> list[dict]:
        out = []
        for r in records:
            pid = r.get("pair_id")
            if pid in seen:
                continue
            seen.add(pid)
            out.append(r)
        return out

    kept, dropped, failed = unique(kept), unique(dropped), unique(failed)
    not_rows = [r for r in kept if not isinstance(r, dict) or not any(f in r for f in ROW_FIELDS)]
    if kept and len(not_rows) == len(kept):
        raise ValueError(f"{paths['kept']}: none of its {len(kept)} records has an InF-IR field "
                         f"({', '.join(ROW_FIELDS[:3])}, ...): it is not the output of `infembed corpus build`")
    lengths = {}
    for fld in ROW_FIELDS:
        words = [len(str(r.get(fld, "")).split()) for r in kept]
        if words:
            lengths[fld] = {"mean": sum(words) / len(words), "min": min(words), "max": max(words)}
    ledger = None
    if paths["cache"].exists():
        cache = ResponseCache(paths["cache"])
        try:
            ledger = cache.usage_totals()
        finally:
            cache.close()
    return {
        "kept": len(kept), "dropped": len(dropped), "failed": len(failed),
        "total": len(kept) + len(dropped) + len(failed),
        "dropped_by_reason": dict(Counter((r.get("judge") or {}).get("code", "?") for r in dropped).most_common()),
        "failed_by_kind": dict(Counter(f"{r.get('stage', '?')}:{r.get('kind', '?')}" for r in failed).most_common()),
        "lengths_words": lengths,
        "ledger": ledger,
    }


def format_stats(s: dict) -> str:
    lines = [f"rows: {s['total']}  kept {s['kept']}  dropped {s['dropped']}  failed {s['failed']}"]
    if s["total"]:
        lines[0] += f"  (kept {100 * s['kept'] / s['total']:.1f}%)"
    if s["dropped_by_reason"]:
        lines.append("dropped by reason: " + ", ".join(f"{k} {v}" for k, v in s["dropped_by_reason"].items()))
    if s["failed_by_kind"]:
        lines.append("failed by stage:kind: " + ", ".join(f"{k} {v}" for k, v in s["failed_by_kind"].items()))
    if s["lengths_words"]:
        lines.append("kept-row lengths (words, mean [min-max]):")
        for fld, v in s["lengths_words"].items():
            lines.append(f"  {fld:<26} {v['mean']:7.1f} [{v['min']}-{v['max']}]")
    led = s.get("ledger")
    if led:
        lines.append(f"cost: ${led['cost_usd']:.4f} over {led['requests']} paid responses "
                     f"({led['prompt_tokens']} prompt + {led['completion_tokens']} completion tokens)")
        for model, m in led["by_model"].items():
            lines.append(f"  {model:<26} {m['requests']:6d} req  {m['prompt_tokens']:9d} in  "
                         f"{m['completion_tokens']:9d} out  ${m['cost_usd']:.4f}")
    return "\n".join(lines)


__all__ = ["corpus_stats", "format_stats"]
