"""Plain-PyTorch references for every fused op in ``infembed.kernels``.

They are the test oracle for the Triton kernels and the fallback on CPU. Each is written for
numerical stability (fp32 upcast, ``logsumexp``, fp64 scores) rather than speed, and each
materialises what the fused kernel avoids: the ``[B, N]`` score matrix, the ``[B, L_I, L_Q]``
attention matrix, the ``[Q, chunk]`` score block of exact search.

:func:`topk_reference` is the one exact top-k reference of the project: the oracle of the C++,
CUDA and Triton top-k paths (``infembed.search``, ``kernels/topk.py``), their fallback, and what
tests and ``bench/`` compare against.
"""

from __future__ import annotations

import math

import numpy as np
import torch

# Additive mask for padded positions. Finite (not -inf) so that a row with no valid key still has a
# defined softmax; such rows are then zeroed explicitly (see ``iq_attention_reference``).
MASK_VALUE = -1e8


def contrastive_lse_reference(
    x: torch.Tensor,
    p: torch.Tensor,
    scale: float,
    *,
    with_cols: bool = False,
    mask_diagonal_in_cols: bool = False,
) -> tuple[torch.Tensor, torch.Tensor | None]:
    """Row (and optionally column) log-sum-exp of the scaled score matrix ``S = scale · x pᵀ``.

    Args:
        x: ``[B, d]`` query-side embeddings (fp32, fp16 or bf16).
        p: ``[N, d]`` passage-side embeddings, same dtype and ``d``.
        scale: the logit scale, ``1/τ``.
        with_cols: also return the log-sum-exp of each column of ``S[:B_c]`` where
            ``B_c = min(B, N)`` rows take part (ℓ_IQ contrasts the (instruction, query) inputs
            of each passage, so only square-block columns are defined: columns ``j < B``).
        mask_diagonal_in_cols: exclude ``S[j, j]`` from column ``j``'s log-sum-exp (the *uni*
            variants, where the diagonal already appears in the row term).

    Returns:
        ``(row_lse [B] fp32, col_lse [min(B, N)] fp32 or None)`` (fp64 for fp64 inputs).

    Example:
        >>> x, p = torch.randn(4, 8), torch.randn(6, 8)
        >>> row, col = contrastive_lse_reference(x, p, 20.0, with_cols=True)
        >>> row.shape, col.shape
        (torch.Size([4]), torch.Size([4]))
    """
    acc = torch.promote_types(x.dtype, torch.float32)  # fp32, or fp64 for fp64 inputs (gradcheck)
    scores = scale * (x.to(acc) @ p.to(acc).T)  # [B, N]
    row_lse = torch.logsumexp(scores, dim=1)  # [B]
    if not with_cols:
        return row_lse, None
    n_cols = min(x.shape[0], p.shape[0])
    block = scores[:, :n_cols]  # [B, C]: columns j < B
    if mask_diagonal_in_cols:
        diag = torch.eye(block.shape[0], n_cols, dtype=torch.bool, device=block.device)
        block = block.masked_fill(diag, float("-inf"))
    col_lse = torch.logsumexp(block, dim=0)  # [C]
    return row_lse, col_lse


def iq_attention_reference(
    h_i: torch.Tensor,
    mask_i: torch.Tensor,
    h_q: torch.Tensor,
    mask_q: torch.Tensor,
) -> torch.Tensor:
    """Instruction→query attention followed by a masked mean over instruction tokens.

    ``Z = softmax(H_I H_Qᵀ / √d + M) H_Q`` and ``out = mean_{valid i} Z_i`` (InF-Embed's iq_attention mode):
    single head, no projections, no residual. Padded rows of ``H_I``/``H_Q`` are zeroed first.

    Defined edge cases: a row with no valid query token, or with no valid instruction token,
    returns a zero vector (never NaN).

    Args:
        h_i: ``[B, L_I, d]`` instruction token states.
        mask_i: ``[B, L_I]`` 1 for real instruction tokens, 0 for padding (bool or int).
        h_q: ``[B, L_Q, d]`` query token states.
        mask_q: ``[B, L_Q]`` 1 for real query tokens.

    Returns:
        ``[B, d]`` in the dtype of ``h_i`` (computed in fp32).

    Example:
        >>> h_i, h_q = torch.randn(2, 5, 8), torch.randn(2, 3, 8)
        >>> iq_attention_reference(h_i, torch.ones(2, 5), h_q, torch.ones(2, 3)).shape
        torch.Size([2, 8])
    """
    mi = mask_i.to(torch.float32)  # [B, L_I]
    mq = mask_q.to(torch.float32)  # [B, L_Q]
    hi = h_i.float() * mi[..., None]  # [B, L_I, d]
    hq = h_q.float() * mq[..., None]  # [B, L_Q, d]
    d = h_i.shape[-1]
    scores = hi @ hq.transpose(1, 2) / math.sqrt(d)  # [B, L_I, L_Q]
    scores = scores + (1.0 - mq)[:, None, :] * MASK_VALUE
    attn = torch.softmax(scores, dim=-1)  # [B, L_I, L_Q]
    z = attn @ hq  # [B, L_I, d]
    n_i = mi.sum(dim=1)  # [B]
    out = (z * mi[..., None]).sum(dim=1) / n_i.clamp(min=1.0)[:, None]  # [B, d]
    has_q = (mq.sum(dim=1) > 0).to(out.dtype)  # [B]
    out = out * has_q[:, None]
    return out.to(h_i.dtype)


TOPK_METRICS = ("ip", "cos")


def topk_reference(queries, corpus, k: int, metric: str = "ip", chunk_size: int = 16384):
    """Exact top-k by plain chunked scoring in float64: the oracle of every top-k path and their fallback.

    Scores are computed in fp64 (``q @ cᵀ`` of fp64 copies), ranked best first, and ties are broken
    by the **lower id** (a stable sort over running results followed by the chunk in id order), so
    the ids do not depend on the chunking or on fp32 rounding.

    Args:
        queries: ``[Q, d]`` NumPy array or torch tensor (any float dtype).
        corpus: ``[N, d]`` same kind; read ``chunk_size`` rows at a time (no ``[Q, N]`` matrix).
        k: results per query (``min(k, N)`` returned).
        metric: ``'ip'`` or ``'cos'`` (a zero vector has cosine 0).

    Returns:
        ``(scores [Q, k'] float32, ids [Q, k'] int64)`` as NumPy arrays for NumPy input, torch tensors
        (on the input's device) for torch input; best first, ties broken by the lower id.

    Example:
        >>> topk_reference(np.eye(2, dtype=np.float32), np.eye(2, dtype=np.float32), 1)[1].tolist()
        [[0], [1]]
    """
    as_numpy = isinstance(queries, np.ndarray)
    q = torch.as_tensor(np.asarray(queries) if as_numpy else queries).to(torch.float64)  # [Q, d] fp64
    device = q.device
    if metric not in TOPK_METRICS:
        raise ValueError(f"metric must be 'ip' or 'cos', got {metric!r}")
    if k <= 0:
        raise ValueError(f"k must be >= 1, got {k}")
    n_total = corpus.shape[0]
    if n_total == 0:
        raise ValueError("the corpus is empty (0 rows); there is nothing to search")
    if metric == "cos":
        qn = q.norm(dim=1, keepdim=True)
        q = torch.where(qn > 0, q / qn.clamp_min(1e-300), torch.zeros_like(q))
    kk = min(k, n_total)
    best_s = torch.empty(q.shape[0], 0, dtype=torch.float64, device=device)
    best_i = torch.empty(q.shape[0], 0, dtype=torch.int64, device=device)
    for start in range(0, n_total, chunk_size):
        chunk = corpus[start:start + chunk_size]
        c = torch.as_tensor(np.asarray(chunk, dtype=np.float64) if as_numpy else chunk).to(device, torch.float64)
        if metric == "cos":
            cn = c.norm(dim=1, keepdim=True)
            c = torch.where(cn > 0, c / cn.clamp_min(1e-300), torch.zeros_like(c))
        s = q @ c.T  # [Q, n_chunk] fp64
        ids = torch.arange(start, start + c.shape[0], device=device).expand_as(s)
        # running results (lower ids) first, then the chunk in id order: a stable sort keeps ties by id
        all_s, all_i = torch.cat([best_s, s], 1), torch.cat([best_i, ids], 1)  # [Q, k' + n_chunk]
        order = torch.sort(all_s, dim=1, descending=True, stable=True).indices[:, :kk]  # [Q, k']
        best_s, best_i = all_s.gather(1, order), all_i.gather(1, order)
    scores = best_s.to(torch.float32)
    if as_numpy:
        return scores.cpu().numpy(), best_i.cpu().numpy()
    return scores, best_i
