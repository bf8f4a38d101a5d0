"""Host side of the exact top-k: the fp64 bar, the error radius, fp64 rescoring (plain PyTorch).

No Triton here, so the CUDA top-k path (``infembed.search``), which rescores the candidates of the
CUDA extension, imports it on any machine; ``topk.py`` (the Triton filter kernel and its launcher)
uses the same functions. The error-radius derivation is in the docstring of ``topk.py``.

- :func:`error_radius_terms`: ``|s − q·c_n| ≤ eq·‖c_n‖ + ea`` for the kernel's fp32 scores.
- :func:`rescore_candidates`: bound-pruning of a candidate list, fp64 rescoring, (score desc,
  id asc) order — ids identical to an fp64 reference.
- ``_prefix_bar``, ``_fp64_rows``, ``_round_up_f32``, ``_round_down_f32``: the pieces the Triton
  search (``topk.exact_topk_triton``) builds its bar and fp32 bounds from.
"""

from __future__ import annotations

import math

import torch

__all__ = ["error_radius_terms", "rescore_candidates"]

_RESCORE_ELEMS = 1 << 24  # fp64 elements per rescoring chunk ([q_chunk, M, d])
_ACC_UNIT = 2.0 ** -22  # fp32 accumulation unit used in γ_d (IEEE would be 2⁻²⁴; see topk.py)


def error_radius_terms(q64: torch.Tensor, d: int, corpus_dtype: torch.dtype) -> tuple[torch.Tensor, torch.Tensor]:
    """Radius coefficients ``(eq [Q], ea [Q])`` fp64 for queries ``q64 [Q, d]`` as the kernel sees
    them (already scaled): ``|s − q·c_n| ≤ eq·‖c_n‖ + ea`` (derivation in the module docstring)."""
    u = 2.0 ** -11 if corpus_dtype == torch.float16 else 2.0 ** -10
    u_q = u + 2.0 ** -23  # the query may be rounded twice (fp64 → fp32 → fp16/tf32)
    gamma = d * _ACC_UNIT / (1 - d * _ACC_UNIT)
    e_rel = (u_q + u + u_q * u) * (1 + gamma) + gamma  # = the (2u + u²)(1 + γ_d) + γ_d of the docstring, u_q ≥ u
    inflate = 1 + 4 * (d + 2) * 2.0 ** -24 / (1 - (d + 2) * 2.0 ** -24) + 2.0 ** -20
    qn = q64.norm(dim=1)  # [Q]
    if corpus_dtype == torch.float16:
        eq = e_rel * qn + 2.0 ** -25 * math.sqrt(d) * (1 + gamma)
        ea = torch.zeros_like(qn)
    else:
        eq = e_rel * qn + 2.0 ** -125 * math.sqrt(d) * (1 + gamma)
        ea = math.sqrt(d) * qn * 2.0 ** -125 + d * 2.0 ** -148 + e_rel * qn * 2.0 ** -62
    return eq * inflate, ea * inflate


def _round_up_f32(x: torch.Tensor) -> torch.Tensor:
    """fp64 → the smallest fp32 ≥ x."""
    y = x.to(torch.float32)
    return torch.where(y.double() < x, torch.nextafter(y, torch.full_like(y, math.inf)), y)


def _round_down_f32(x: torch.Tensor) -> torch.Tensor:
    """fp64 → the largest fp32 ≤ x."""
    y = x.to(torch.float32)
    return torch.where(y.double() > x, torch.nextafter(y, torch.full_like(y, -math.inf)), y)


def _fp64_rows(c: torch.Tensor, cos: bool) -> torch.Tensor:
    c = c.to(torch.float64)
    if cos:
        n = c.norm(dim=-1, keepdim=True)
        c = torch.where(n > 0, c / n.clamp_min(1e-300), torch.zeros_like(c))
    return c


def _prefix_bar(q64: torch.Tensor, c: torch.Tensor, kk: int, rows: int, cos: bool) -> torch.Tensor:
    """k-th best exact (fp64) score of each query over corpus rows ``[0, rows)`` → ``[Q]`` fp64."""
    best = None
    for s0 in range(0, rows, 8192):
        s = q64 @ _fp64_rows(c[s0:min(rows, s0 + 8192)], cos).T  # [Q, chunk] fp64
        if best is not None:
            s = torch.cat([best, s], 1)
        best = s.topk(min(kk, s.shape[1]), dim=1).values
    return best[:, kk - 1]


def rescore_candidates(q64, c, cand_s, cand_r, cand_i, count, kk: int, cos: bool, stats: dict | None = None):
    """Prune candidates by bounds, rescore survivors in fp64, order by (score desc, id asc) → k'.

    ``cand_s ± cand_r`` must bracket each candidate's exact score; ``count [Q]`` valid entries per row
    (the rest ignored); the candidates must contain every row of the exact top-``kk``."""
    nq, cap = cand_s.shape
    valid = torch.arange(cap, device=cand_s.device)[None, :] < count.clamp(max=cap)[:, None].long()
    s64, r64 = cand_s.double(), cand_r.double()
    slack = s64.abs() * 2.0 ** -40  # fp64 rounding of s ± r
    upper = torch.where(valid, s64 + r64 + slack, -math.inf)
    lower = torch.where(valid, s64 - r64 - slack, -math.inf)
    l_k = lower.topk(kk, dim=1).values[:, kk - 1:kk]  # [Q, 1]: ≤ S_k (k rows have exact ≥ it)
    keep = valid & (upper >= l_k)
    m = int(keep.sum(1).max())
    if stats is not None:
        stats["rescored_max"] = max(stats.get("rescored_max", 0), m)
    order = torch.where(keep, upper, -math.inf).topk(m, dim=1).indices  # [Q, M] survivors first
    ids = cand_i.gather(1, order).long()
    alive = keep.gather(1, order)
    ids = torch.where(alive, ids, 0)
    scores = torch.empty(nq, m, device=q64.device, dtype=torch.float64)
    step = max(1, _RESCORE_ELEMS // max(1, m * q64.shape[1]))
    for a in range(0, nq, step):
        rows = _fp64_rows(c[ids[a:a + step]], cos)  # [qc, M, d] fp64
        scores[a:a + step] = torch.bmm(rows, q64[a:a + step, :, None])[..., 0]
    scores = torch.where(alive, scores, -math.inf)
    ids = torch.where(alive, ids, torch.iinfo(torch.int64).max)
    by_id = ids.sort(dim=1).indices  # id ascending, then a stable sort by score: ties → lower id
    scores, ids = scores.gather(1, by_id), ids.gather(1, by_id)
    by_score = scores.sort(dim=1, descending=True, stable=True).indices[:, :kk]
    return scores.gather(1, by_score).to(torch.float32), ids.gather(1, by_score)
