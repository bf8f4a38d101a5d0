"""The InF-Embed loss catalogue: ℓ_P, ℓ_IQ, ℓ_I and their *uni* / *multi* combinations.

the InF-Embed paper (arXiv 2505.21439). With ``x_i`` the (instruction, query) embedding of pair ``i``, ``p_i`` its positive
passage and ``v_i^(k)`` the same query under another instruction, scores are
``s(a, b) = a·b / τ`` and the blocks are

* ``QK[i, j] = s(x_i, p_j)``  — ℓ_P, *which passage?*, target ``j = i``;
* ``KQ[i, j] = s(p_i, x_j)``  — ℓ_IQ, *which (instruction, query)?*, target ``j = i``;
* ``n[i, k] = s(v_i^(k), p_i)`` with ``v_i^(0) = x_i`` — ℓ_I, *which instruction?*, target ``k = 0``.

Variant names (:data:`LOSS_VARIANTS`):

========================  =============================================================
``P`` / ``IQ`` / ``I``     one InfoNCE term.
``uni:A+B[+C]``            one softmax over the union of the blocks' candidates, target the
                           ``QK`` diagonal (the ``KQ`` diagonal when ``P`` is absent);
                           duplicates of the positive are masked: the ``KQ`` diagonal when
                           ``QK`` is present, and ``n[:, 0]`` always (it *is* the diagonal).
``multi:A+B[+C]``          sum of the independent InfoNCE terms, each with its own positive.
========================  =============================================================

Reference-code aliases (``(model_type, contrast_mode)`` tuples or ``"model_type/contrast_mode"``
strings) map onto these names (:data:`REFERENCE_ALIASES`): ``basic/qk`` → ``P``, ``basic/kq`` →
``IQ``, ``map/only_neg`` → ``I``, ``basic/no_trick`` → ``uni:P+IQ``, ``map/qk_with_neg`` →
``uni:P+I``, ``map/kq_with_neg`` → ``uni:I+IQ``, ``map/no_trick_with_neg`` → ``uni:P+I+IQ`` and the
``basic_add`` / ``map_add`` counterparts → ``multi:…``.

Implementation notes:

* **Scale.** Logits are ``a·b / τ`` exactly; the reference code uses ``1/(τ + 1e-4)`` (≈ 19.96 for
  τ = 0.05 instead of 20). Embeddings are expected L2-normalised already (the model does it);
  they are not renormalised here.
* **Fused blocks.** The ``[B, N]`` block is never built here: row log-sum-exps of ``QK`` and column
  log-sum-exps of its first ``B`` columns (= ``KQ`` rows) come from
  :func:`infembed.kernels.contrastive_lse` (fused Triton kernel on CUDA, PyTorch reference
  elsewhere), positives from ``(x·p_i)·scale``. The small ``[B, K-1]`` ℓ_I block stays in PyTorch
  and is merged by ``logaddexp``. Loss math is fp32 whatever the embedding dtype; float64 inputs
  (gradcheck) take an fp64 PyTorch path for the blocks because the kernel contract accumulates in
  fp32.
* **Distributed.** With ``gather=True`` and an initialised process group, ``x``, ``p`` and the
  instruction variants are all-gathered (local slice keeps its gradient,
  :func:`infembed.distributed.gather_with_grad`), the loss is computed over the global batch and
  multiplied by the world size, so DDP's gradient averaging yields the global-batch gradient.
* **Instruction negatives** come from :func:`sample_instruction_negatives`: never the pair's own
  instruction text, always its row's other instruction (for (I+, Q+) → P+, the poisoned I-), then
  uniformly drawn in-batch instructions (see its docstring).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from . import distributed
from .kernels import contrastive_lse

__all__ = [
    "LOSS_VARIANTS",
    "REFERENCE_ALIASES",
    "LossVariant",
    "parse_variant",
    "contrastive_loss",
    "ContrastiveLoss",
    "sample_instruction_negatives",
    "instruction_variant_texts",
]

LOSS_VARIANTS: tuple[str, ...] = (
    "P",
    "IQ",
    "I",
    "uni:P+IQ",
    "uni:P+I",
    "uni:I+IQ",
    "uni:P+I+IQ",
    "multi:P+IQ",
    "multi:P+I",
    "multi:I+IQ",
    "multi:P+I+IQ",
)

# (model_type, contrast_mode) of the released code → our name (corrected map).
REFERENCE_ALIASES: dict[tuple[str, str], str] = {
    ("basic", "qk"): "P",
    ("basic", "kq"): "IQ",
    ("map", "only_neg"): "I",
    ("basic", "no_trick"): "uni:P+IQ",
    ("map", "qk_with_neg"): "uni:P+I",
    ("map", "kq_with_neg"): "uni:I+IQ",
    ("map", "no_trick_with_neg"): "uni:P+I+IQ",
    ("basic_add", "no_trick"): "multi:P+IQ",
    ("map_add", "qk_with_neg"): "multi:P+I",
    ("map_add", "kq_with_neg"): "multi:I+IQ",
    ("map_add", "no_trick_with_neg"): "multi:P+I+IQ",
}

_TERM_ORDER = ("P", "I", "IQ")  # canonical order inside a name, as in LOSS_VARIANTS


@dataclass(frozen=True)
class LossVariant:
    """A parsed variant: ``mode`` is ``"uni"`` or ``"multi"`` (``"uni"`` for single terms, where
    both coincide), ``terms`` a subset of ``{"P", "I", "IQ"}`` in canonical order."""

    name: str
    mode: str
    terms: tuple[str, ...]

    @property
    def needs_instruction_variants(self) -> bool:
        return "I" in self.terms


def parse_variant(variant: str | tuple[str, str] | LossVariant) -> LossVariant:
    """Parse a loss name (``"uni:P+I"``, any term order) or a reference alias (``("map", "qk_with_neg")``
    or ``"map/qk_with_neg"``) into a :class:`LossVariant`.

    Example:
        >>> parse_variant(("basic", "no_trick"))
        LossVariant(name='uni:P+IQ', mode='uni', terms=('P', 'IQ'))
    """
    if isinstance(variant, LossVariant):
        return variant
    if isinstance(variant, tuple):
        if variant not in REFERENCE_ALIASES:
            raise ValueError(
                f"unknown reference-code loss {variant!r}; known: {sorted(REFERENCE_ALIASES)}"
            )
        return parse_variant(REFERENCE_ALIASES[variant])
    if not isinstance(variant, str):
        raise TypeError(f"variant must be a str or a (model_type, contrast_mode) tuple, got {type(variant)!r}")
    raw = variant.strip()
    if "/" in raw:
        return parse_variant(tuple(raw.split("/", 1)))  # type: ignore[arg-type]
    mode, _, body = raw.rpartition(":")
    terms = [t.strip() for t in body.split("+")]
    valid = (
        mode in ("", "uni", "multi")
        and terms
        and all(t in _TERM_ORDER for t in terms)
        and len(set(terms)) == len(terms)
        and (mode != "" or len(terms) == 1)
    )
    if not valid:
        raise ValueError(
            f"unknown loss variant {variant!r}; valid: {', '.join(LOSS_VARIANTS)} "
            f"(or a reference alias such as 'basic/qk': {', '.join('/'.join(k) for k in REFERENCE_ALIASES)})"
        )
    ordered = tuple(t for t in _TERM_ORDER if t in terms)
    if len(ordered) == 1:
        return LossVariant(name=ordered[0], mode="uni", terms=ordered)
    return LossVariant(name=f"{mode}:{'+'.join(ordered)}", mode=mode, terms=ordered)


def _lse_blocks(
    x: torch.Tensor, p: torch.Tensor, scale: float, *, with_cols: bool, mask_diagonal_in_cols: bool
) -> tuple[torch.Tensor, torch.Tensor | None]:
    """``contrastive_lse`` contract; fp64 inputs stay in fp64 (the kernel accumulates in fp32)."""
    if x.dtype != torch.float64:
        return contrastive_lse(x, p, scale, with_cols=with_cols, mask_diagonal_in_cols=mask_diagonal_in_cols)
    scores = scale * (x @ p.T)  # [B, N] fp64
    row = torch.logsumexp(scores, dim=1)  # [B]
    if not with_cols:
        return row, None
    block = scores[:, : min(x.shape[0], p.shape[0])]  # [B, B]
    if mask_diagonal_in_cols:
        eye = torch.eye(block.shape[0], block.shape[1], dtype=torch.bool, device=block.device)
        block = block.masked_fill(eye, float("-inf"))
    return row, torch.logsumexp(block, dim=0)


def _validate(
    x: torch.Tensor,
    p: torch.Tensor,
    spec: LossVariant,
    temperature: float,
    instruction_variants: torch.Tensor | None,
) -> None:
    for name, t in (("x", x), ("p", p)):
        if not isinstance(t, torch.Tensor):
            raise TypeError(f"{name} must be a torch.Tensor, got {type(t)!r}")
        if t.ndim != 2:
            raise ValueError(f"{name} must be 2-D [rows, dim], got shape {tuple(t.shape)}")
        if not t.is_floating_point():
            raise TypeError(f"{name} must be floating point, got {t.dtype}")
    b, d = x.shape
    if p.shape[1] != d:
        raise ValueError(f"x and p must share the embedding dim, got x {tuple(x.shape)} and p {tuple(p.shape)}")
    if b == 0:
        raise ValueError("x is empty (0 rows); the loss needs at least one (instruction, query) pair")
    if p.shape[0] < b:
        raise ValueError(
            f"p has {p.shape[0]} rows but x has {b}: p[i] must be the positive of x[i] for every i < B, "
            "so p needs at least as many rows as x (extra rows are extra negatives)"
        )
    if p.dtype != x.dtype or p.device != x.device:
        raise ValueError(f"x and p must share dtype and device, got {x.dtype}/{x.device} and {p.dtype}/{p.device}")
    if not isinstance(temperature, (int, float)) or isinstance(temperature, bool) or not temperature > 0:
        raise ValueError(f"temperature must be a positive number, got {temperature!r}")
    if spec.needs_instruction_variants:
        if instruction_variants is None:
            raise ValueError(
                f"variant {spec.name!r} contains ℓ_I and needs instruction_variants [B, K-1, d] "
                "(the same queries encoded with other pairs' instructions; see sample_instruction_negatives)"
            )
        v = instruction_variants
        if v.ndim != 3 or v.shape[0] != b or v.shape[2] != d or v.shape[1] < 1:
            raise ValueError(
                f"instruction_variants must have shape [B={b}, K-1>=1, d={d}], got {tuple(v.shape)}"
            )
        if v.dtype != x.dtype or v.device != x.device:
            raise ValueError(
                f"instruction_variants must match x's dtype/device ({x.dtype}/{x.device}), got {v.dtype}/{v.device}"
            )


def contrastive_loss(
    x: torch.Tensor,
    p: torch.Tensor,
    *,
    variant: str | tuple[str, str] | LossVariant = "P",
    temperature: float = 0.05,
    instruction_variants: torch.Tensor | None = None,
    gather: bool = True,
) -> torch.Tensor:
    """InF-Embed contrastive loss, averaged over the ``B`` pairs.

    Args:
        x: ``[B, d]`` (instruction, query) embeddings, L2-normalised, fp32/fp16/bf16/fp64.
        p: ``[N, d]`` passage embeddings, ``N ≥ B``; ``p[i]`` is the positive of ``x[i]`` for
            ``i < B``, rows ``≥ B`` are extra negatives for ℓ_P (they are not ℓ_IQ rows).
        variant: one of :data:`LOSS_VARIANTS`, or a reference alias (:func:`parse_variant`).
        temperature: τ > 0; logits are ``a·b / τ``.
        instruction_variants: ``[B, K-1, d]``, row ``i`` = query ``i`` encoded with ``K-1`` other
            instructions (:func:`sample_instruction_negatives`); required iff the variant has ℓ_I.
            Column 0 of ``n`` reuses ``x_i`` — do not include the pair's own instruction.
        gather: all-gather ``x``, ``p`` and ``instruction_variants`` over ranks when
            ``torch.distributed`` is initialised (every rank must have the same ``B``, ``N`` and
            ``K``), compute the global loss and multiply it by the world size (see
            :mod:`infembed.distributed`). The returned value is then ``W ×`` the global mean.
            Globally, passages are ordered all ranks' positives first, then all extra rows
            ``p[B:]``. Without a process group this is a no-op (no warning).

    Returns:
        Scalar fp32 tensor (fp64 for fp64 inputs), differentiable in all three inputs.

    Example:
        >>> x = torch.nn.functional.normalize(torch.randn(6, 8), dim=-1)
        >>> p = torch.nn.functional.normalize(torch.randn(6, 8), dim=-1)
        >>> v = torch.nn.functional.normalize(torch.randn(6, 2, 8), dim=-1)
        >>> contrastive_loss(x, p, variant="uni:P+I+IQ", instruction_variants=v).shape
        torch.Size([])
    """
    spec = parse_variant(variant)
    _validate(x, p, spec, temperature, instruction_variants)
    v = instruction_variants if spec.needs_instruction_variants else None

    scale_world = 1
    if gather and distributed.is_distributed() and distributed.world_size() > 1:
        b_loc = x.shape[0]
        x = distributed.gather_with_grad(x)  # [W·B, d]
        # Positives must stay aligned with x after the gather: gather p[:B] and the extra negatives
        # p[B:] separately, positives first (every rank must have the same B and the same N).
        p_pos_all = distributed.gather_with_grad(p[:b_loc])  # [W·B, d]
        if p.shape[0] > b_loc:
            p = torch.cat([p_pos_all, distributed.gather_with_grad(p[b_loc:])], dim=0)  # [W·N, d]
        else:
            p = p_pos_all
        if v is not None:
            v = distributed.gather_with_grad(v)  # [W·B, K-1, d]
        scale_world = distributed.world_size()

    scale = 1.0 / float(temperature)
    b = x.shape[0]
    acc = torch.float64 if x.dtype == torch.float64 else torch.float32
    p_pos = p[:b]  # [B, d] positives
    pos = (x.to(acc) * p_pos.to(acc)).sum(-1) * scale  # [B] s(x_i, p_i)
    terms = set(spec.terms)

    row_lse = col_lse = None  # [B] each: QK rows / KQ rows
    if "P" in terms:
        row_lse, col_lse = _lse_blocks(
            x, p, scale,
            with_cols="IQ" in terms,
            # uni: the KQ diagonal repeats the QK positive already in the row.
            mask_diagonal_in_cols=spec.mode == "uni",
        )
    elif "IQ" in terms:
        # KQ rows without QK: row lse of p[:B] xᵀ (same kernel, no wasted row pass over N).
        col_lse, _ = _lse_blocks(p_pos, x, scale, with_cols=False, mask_diagonal_in_cols=False)

    neg_lse = None  # [B] lse over n[i, 1:]
    if v is not None:
        n_neg = torch.einsum("bkd,bd->bk", v.to(acc), p_pos.to(acc)) * scale  # [B, K-1]
        neg_lse = torch.logsumexp(n_neg, dim=1)  # [B]

    if spec.mode == "uni":
        # One softmax: lse over the union of candidate blocks, positive logit counted once.
        parts = [t.to(acc) for t in (row_lse, col_lse, neg_lse) if t is not None]
        if len(parts) == 1 and neg_lse is not None:  # ℓ_I alone: the positive n[:, 0] joins
            parts.insert(0, pos)
        lse = parts[0]
        for t in parts[1:]:
            lse = torch.logaddexp(lse, t)
        per_row = lse - pos  # [B]
    else:
        per_row = torch.zeros_like(pos)
        if row_lse is not None:
            per_row = per_row + (row_lse.to(acc) - pos)
        if col_lse is not None:
            per_row = per_row + (col_lse.to(acc) - pos)
        if neg_lse is not None:
            per_row = per_row + (torch.logaddexp(pos, neg_lse) - pos)
    return per_row.mean() * scale_world


class ContrastiveLoss(nn.Module):
    """Module wrapper of :func:`contrastive_loss` with the variant, τ and gathering fixed.

    Example:
        >>> loss_fn = ContrastiveLoss("multi:P+IQ", temperature=0.05)
        >>> x = torch.nn.functional.normalize(torch.randn(4, 8), dim=-1)
        >>> loss_fn(x, x.clone()).ndim
        0
    """

    def __init__(self, variant: str | tuple[str, str] = "P", temperature: float = 0.05, gather: bool = True):
        super().__init__()
        self.spec = parse_variant(variant)
        if not isinstance(temperature, (int, float)) or not temperature > 0:
            raise ValueError(f"temperature must be a positive number, got {temperature!r}")
        self.temperature = float(temperature)
        self.gather = gather

    @property
    def needs_instruction_variants(self) -> bool:
        return self.spec.needs_instruction_variants

    def forward(
        self, x: torch.Tensor, p: torch.Tensor, instruction_variants: torch.Tensor | None = None
    ) -> torch.Tensor:
        return contrastive_loss(
            x, p, variant=self.spec, temperature=self.temperature,
            instruction_variants=instruction_variants, gather=self.gather,
        )

    def extra_repr(self) -> str:
        return f"variant={self.spec.name!r}, temperature={self.temperature}, gather={self.gather}"


# --------------------------------------------------------------------------------------------------
# Instruction negatives for ℓ_I
# --------------------------------------------------------------------------------------------------


def _uniform_keys(shape: tuple[int, int], generator) -> torch.Tensor:
    """``[rows, cols]`` iid U(0,1) float64 keys from a torch/numpy generator or an int seed."""
    if isinstance(generator, torch.Generator):
        return torch.rand(shape, generator=generator, dtype=torch.float64)
    if isinstance(generator, np.random.Generator):
        return torch.from_numpy(generator.random(shape))
    if isinstance(generator, (int, np.integer)) and not isinstance(generator, bool):
        return torch.from_numpy(np.random.default_rng(int(generator)).random(shape))
    raise TypeError(
        f"generator must be a torch.Generator, a numpy.random.Generator or an int seed, got {type(generator)!r}"
    )


def sample_instruction_negatives(
    row_ids: Sequence[int] | Sequence[str],
    instructions: Sequence[str],
    num_negatives: int,
    generator: torch.Generator | np.random.Generator | int,
) -> torch.Tensor:
    """For each pair ``b``, pick ``num_negatives`` (= K-1) other pairs whose instructions become
    ℓ_I negatives for ``b``'s query.

    A pair ``j`` is a candidate for ``b`` when ``instructions[j] != instructions[b]``: only the same
    instruction text is excluded, since ``(Q_b, I_b)`` would recreate the positive input (for the
    pair (I+, Q+) → P+ that removes the sibling (I+, Q-)'s copy of I+, a false negative).
    Candidates are deduplicated by text (two pairs with one instruction would give the same logit
    twice), each returned as the index of one pair carrying it.

    **Sibling instructions come first.** The texts of ``b``'s own InF-IR row that differ from
    ``I_b`` are always among the negatives: for (I+, Q+) → P+ that is the poisoned instruction I-,
    the hard negative ℓ_I exists for ("P+ answers Q+ under I+, not under I-"). The reference draws
    uniformly from a 12-pair GPU batch, where I- lands among the K-1 = 5 negatives about half the
    time; with larger batches a uniform draw would almost never pick it. The remaining slots are
    drawn uniformly without replacement over the other distinct admissible texts.

    Args:
        row_ids: ``[B]`` InF-IR row id of each pair (the three pairs of a row share it).
        instructions: ``[B]`` instruction text of each pair.
        num_negatives: ``K-1 ≥ 1`` negatives per pair.
        generator: ``torch.Generator``, ``numpy.random.Generator`` or an int seed.

    Returns:
        ``LongTensor [B, K-1]`` of pair indices ``j`` into the batch.

    Raises:
        ValueError: when some pair has fewer than ``num_negatives`` admissible distinct instructions.

    Example:
        >>> idx = sample_instruction_negatives([0, 0, 0, 1, 1, 1], ["a", "b", "a", "c", "d", "c"], 2, 0)
        >>> idx.shape
        torch.Size([6, 2])
    """
    b = len(row_ids)
    if len(instructions) != b:
        raise ValueError(f"row_ids has {b} entries but instructions has {len(instructions)}")
    if isinstance(num_negatives, bool) or not isinstance(num_negatives, (int, np.integer)) or num_negatives < 1:
        raise ValueError(f"num_negatives must be an int ≥ 1 (K-1), got {num_negatives!r}")
    for i, s in enumerate(instructions):
        if not isinstance(s, str):
            raise TypeError(f"instructions[{i}] must be a str, got {type(s)!r}")
    k = int(num_negatives)

    row_code = {r: c for c, r in enumerate(dict.fromkeys(row_ids))}
    text_code = {s: c for c, s in enumerate(dict.fromkeys(instructions))}
    rid = torch.tensor([row_code[r] for r in row_ids], dtype=torch.long)  # [B]
    tid = torch.tensor([text_code[s] for s in instructions], dtype=torch.long)  # [B]
    n_text = len(text_code)

    # admissible[b, j]: pair j may lend its instruction to pair b (any pair with another text).
    admissible = tid[None, :] != tid[:, None]  # [B, B]
    sibling = rid[None, :] == rid[:, None]  # [B, B]
    # For each (b, text): the lowest admissible pair index carrying that text, or B if none.
    cand = torch.where(admissible, torch.arange(b)[None, :], torch.full((b, b), b))  # [B, B]
    rep = torch.full((b, n_text), b, dtype=torch.long).scatter_reduce(
        1, tid[None, :].expand(b, b), cand, reduce="amin"
    )  # [B, T]
    available = rep < b  # [B, T]
    counts = available.sum(dim=1)  # [B]
    if b and int(counts.min()) < k:
        worst = int(counts.argmin())
        raise ValueError(
            f"pair {worst} has only {int(counts[worst])} admissible instruction negatives (distinct "
            f"instruction texts other than its own) but num_negatives={k} were requested; use a smaller K "
            f"(num_negatives ≤ {int(counts.min())}) or a bigger batch"
        )
    # Texts a sibling carries: key 2 beats every U(0,1) key, so top-k takes them first.
    from_sibling = torch.zeros((b, n_text), dtype=torch.bool).scatter_reduce(
        1, tid[None, :].expand(b, b), admissible & sibling, reduce="amax"
    )  # [B, T]
    # Then uniform without replacement over distinct texts: top-k of iid keys among the available ones.
    keys = _uniform_keys((b, n_text), generator).masked_fill(from_sibling, 2.0)  # [B, T]
    keys = keys.masked_fill(~available, -1.0)
    chosen_text = keys.topk(k, dim=1).indices  # [B, K-1]
    return rep.gather(1, chosen_text)  # [B, K-1]


def instruction_variant_texts(
    queries: Sequence[str], instructions: Sequence[str], idx: torch.Tensor | np.ndarray
) -> tuple[list[str], list[str]]:
    """Flatten ``(Q_b, I_{idx[b, k]})`` pairs for encoding the ℓ_I variants.

    Args:
        queries: ``[B]`` query texts.
        instructions: ``[B]`` instruction texts.
        idx: ``[B, K-1]`` pair indices from :func:`sample_instruction_negatives`.

    Returns:
        ``(queries_flat, instructions_flat)``, each of length ``B·(K-1)`` in row-major order, so the
        encoded ``[B·(K-1), d]`` tensor reshapes to ``[B, K-1, d]`` for ``instruction_variants``.

    Example:
        >>> instruction_variant_texts(["q0", "q1"], ["i0", "i1"], torch.tensor([[1], [0]]))
        (['q0', 'q1'], ['i1', 'i0'])
    """
    idx_t = torch.as_tensor(idx)
    b = len(queries)
    if len(instructions) != b:
        raise ValueError(f"queries has {b} entries but instructions has {len(instructions)}")
    if idx_t.ndim != 2 or idx_t.shape[0] != b:
        raise ValueError(f"idx must have shape [B={b}, K-1], got {tuple(idx_t.shape)}")
    if idx_t.numel() and (int(idx_t.min()) < 0 or int(idx_t.max()) >= b):
        raise ValueError(f"idx values must lie in [0, {b}), got range [{int(idx_t.min())}, {int(idx_t.max())}]")
    rows = idx_t.tolist()
    q_flat = [queries[i] for i, row in enumerate(rows) for _ in row]
    i_flat = [instructions[j] for row in rows for j in row]
    return q_flat, i_flat
