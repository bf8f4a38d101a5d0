"""Gradient caching: contrastive batches limited by embedding memory, not activation memory.

One training step over a batch of ``B`` pairs (Gao et al., "Scaling Deep Contrastive Learning
Batch Size under Memory Limited Setup", 2021), in three algorithm-named steps:

1. :func:`embed_without_graph` — encode every mini-batch under ``torch.no_grad``, recording the
   RNG state before each forward (:class:`RandContext`);
2. :func:`loss_and_embedding_grads` — the contrastive loss on the full (gathered) batch of
   embeddings, and its gradient with respect to each embedding;
3. :func:`replay_and_backward` — re-run each mini-batch *with* a graph under the recorded RNG state
   (same dropout masks) and backpropagate its cached embedding gradient: ``(emb · g).sum()``.

Peak activation memory is that of one mini-batch; the step's gradients equal those of an
uncached step that ran the same mini-batches with one graph (tested, with a negative control that
skips the RNG replay and must differ).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import torch

from .data import PairBatch
from .losses import contrastive_loss, instruction_variant_texts, parse_variant, sample_instruction_negatives
from .model import Features, InfEmbed, QueryFeatures


class RandContext:
    """Capture the CPU (and CUDA) RNG state now; ``with ctx:`` replays from it, leaving the
    global RNG untouched afterwards."""

    def __init__(self, device: torch.device) -> None:
        self.cpu_state = torch.get_rng_state()
        self.devices = [device.index or 0] if device.type == "cuda" else []
        self.cuda_states = [torch.cuda.get_rng_state(d) for d in self.devices]

    def __enter__(self) -> None:
        self._fork = torch.random.fork_rng(devices=self.devices, enabled=True)
        self._fork.__enter__()
        torch.set_rng_state(self.cpu_state)
        for d, state in zip(self.devices, self.cuda_states):
            torch.cuda.set_rng_state(state, d)

    def __exit__(self, *exc) -> None:
        self._fork.__exit__(*exc)
        self._fork = None


@dataclass
class Chunk:
    """One mini-batch of one kind of text: ``kind`` is ``"queries"`` or ``"passages"``."""

    kind: str
    features: QueryFeatures | Features
    rng: RandContext | None = None


@dataclass
class StepInputs:
    """Tokenized chunks of one batch. Chunks hold texts in *chunk order* (longest first, so each
    mini-batch pads little); ``*_order[j]`` is the batch position of the ``j``-th text in chunk
    order, used to put embeddings back in batch order and to send each its gradient."""

    query_chunks: list[Chunk]
    passage_chunks: list[Chunk]
    variant_chunks: list[Chunk]
    num_variants: int  # K-1 instruction variants per pair (0 when the loss has no ℓ_I)
    query_order: torch.Tensor | None = None  # [B] int64
    passage_order: torch.Tensor | None = None  # [N] int64
    variant_order: torch.Tensor | None = None  # [B·(K-1)] int64


def _split(n: int, size: int) -> list[slice]:
    return [slice(s, min(s + size, n)) for s in range(0, n, size)]


def _length_order(lengths: list[int], sort: bool) -> list[int]:
    """Chunk order: by descending length (stable), or batch order when not sorting."""
    return sorted(range(len(lengths)), key=lambda i: -lengths[i]) if sort else list(range(len(lengths)))


def _chunks(model: InfEmbed, kind: str, order: list[int], size: int, queries=None, instructions=None,
            passages=None) -> list[Chunk]:
    out = []
    for s in _split(len(order), size):
        idx = order[s]
        if kind == "queries":
            feats = model.tokenize_queries([queries[i] for i in idx], [instructions[i] for i in idx])
        else:
            feats = model.tokenize_passages([passages[i] for i in idx])
        out.append(Chunk(kind, feats))
    return out


def _to_batch_order(emb: torch.Tensor, order: torch.Tensor | None) -> torch.Tensor:
    """``emb`` in chunk order ``[n, d]`` → batch order (``out[order[j]] = emb[j]``), differentiably."""
    if order is None:
        return emb
    out = torch.empty_like(emb)
    out[order.to(emb.device)] = emb
    return out


def prepare_step(model: InfEmbed, batch: PairBatch, *, variant: str, mini_batch_size: int,
                 num_instruction_negatives: int = 0, generator: torch.Generator | int = 0,
                 sort_by_length: bool = True) -> StepInputs:
    """Tokenize a batch into mini-batches of at most ``mini_batch_size`` texts per kind.

    With ``sort_by_length`` each kind's texts are chunked longest first (character length as the
    proxy), so short texts are not padded to the longest of the batch; embeddings and gradients
    are mapped back to batch order, so the loss is unchanged.

    For losses with ℓ_I, ``num_instruction_negatives`` (K-1) other-row instructions are sampled
    per pair (never a sibling, never the pair's own instruction text) and each (query, other
    instruction) input is tokenized too.
    """
    if mini_batch_size < 1:
        raise ValueError(f"mini_batch_size={mini_batch_size}: must be ≥ 1")
    spec = parse_variant(variant)
    q, ins, pas = batch.queries, batch.instructions, batch.passages

    def order_of(queries, instructions):
        return _length_order([len(a) + len(b) for a, b in zip(queries, instructions)], sort_by_length)

    q_order = order_of(q, ins)
    p_order = _length_order([len(t) for t in pas], sort_by_length)
    query_chunks = _chunks(model, "queries", q_order, mini_batch_size, queries=q, instructions=ins)
    passage_chunks = _chunks(model, "passages", p_order, mini_batch_size, passages=pas)
    variant_chunks: list[Chunk] = []
    v_order: list[int] = []
    k = 0
    if spec.needs_instruction_variants:
        if num_instruction_negatives < 1:
            raise ValueError(f"loss {spec.name!r} needs instruction negatives: set num_instruction_negatives ≥ 1")
        k = num_instruction_negatives
        idx = sample_instruction_negatives(batch.row_ids, ins, k, generator)  # [B, K-1]
        vq, vi = instruction_variant_texts(q, ins, idx)  # B·(K-1) texts each
        v_order = order_of(vq, vi)
        variant_chunks = _chunks(model, "queries", v_order, mini_batch_size, queries=vq, instructions=vi)

    def as_tensor(order: list[int]) -> torch.Tensor | None:
        return torch.tensor(order, dtype=torch.long) if sort_by_length and order else None

    return StepInputs(query_chunks, passage_chunks, variant_chunks, k,
                      as_tensor(q_order), as_tensor(p_order), as_tensor(v_order))


def _forward(model: InfEmbed, chunk: Chunk) -> torch.Tensor:
    if chunk.kind == "queries":
        return model.forward_queries(chunk.features)
    return model.forward_passages(chunk.features)


def _autocast(model: InfEmbed, enabled: bool):
    device_type = model.device.type
    return torch.autocast(device_type=device_type, dtype=torch.bfloat16, enabled=enabled)


def embed_without_graph(model: InfEmbed, chunks: Sequence[Chunk], *, amp: bool = False) -> torch.Tensor:
    """Step 1: ``[n, d]`` fp32 embeddings of all chunks without a graph; records each chunk's RNG."""
    out = []
    with torch.no_grad():
        for chunk in chunks:
            chunk.rng = RandContext(model.device)
            with _autocast(model, amp):
                out.append(_forward(model, chunk).float())
    return torch.cat(out) if out else torch.empty(0)


def loss_and_embedding_grads(x: torch.Tensor, p: torch.Tensor, v: torch.Tensor | None, *, variant: str,
                             temperature: float, loss_scale: float = 1.0,
                             ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor | None]:
    """Step 2: the loss on the full batch and ``(dL/dx [B, d], dL/dp [N, d], dL/dv [B, K-1, d])``."""
    x = x.detach().requires_grad_()
    p = p.detach().requires_grad_()
    leaves = [x, p]
    if v is not None:
        v = v.detach().requires_grad_()
        leaves.append(v)
    loss = contrastive_loss(x, p, variant=variant, temperature=temperature, instruction_variants=v)
    grads = torch.autograd.grad(loss * loss_scale, leaves)
    return loss.detach(), grads[0], grads[1], grads[2] if v is not None else None


def replay_and_backward(model: InfEmbed, chunks: Sequence[Chunk], grads: torch.Tensor, *, amp: bool = False,
                        replay_rng: bool = True, before_last: Callable[[], None] | None = None) -> None:
    """Step 3: re-forward each chunk with a graph (RNG replayed) and backpropagate its cached gradient.

    ``replay_rng=False`` exists only as the negative control of the tests.
    """
    start = 0
    for i, chunk in enumerate(chunks):
        if before_last is not None and i == len(chunks) - 1:
            before_last()
        rng = chunk.rng if replay_rng and chunk.rng is not None else _NullContext()
        with rng, _autocast(model, amp):
            emb = _forward(model, chunk).float()  # [m, d]
        g = grads[start:start + emb.shape[0]]
        start += emb.shape[0]
        # Surrogate whose gradient w.r.t. the parameters is Σ (dL/demb) · (demb/dθ).
        (emb * g).sum().backward()
    assert start == grads.shape[0], "chunks and cached gradients disagree in size"


class _NullContext:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return None


def cached_step(model: InfEmbed, inputs: StepInputs, *, variant: str, temperature: float, amp: bool = False,
                replay_rng: bool = True) -> torch.Tensor:
    """A full gradient-cached step: gradients accumulate in ``.grad``; returns the loss (detached)."""
    x = _to_batch_order(embed_without_graph(model, inputs.query_chunks, amp=amp), inputs.query_order)  # [B, d]
    p = _to_batch_order(embed_without_graph(model, inputs.passage_chunks, amp=amp), inputs.passage_order)  # [N, d]
    v = None
    if inputs.num_variants:
        v = _to_batch_order(embed_without_graph(model, inputs.variant_chunks, amp=amp), inputs.variant_order)
        v = v.view(x.shape[0], inputs.num_variants, -1)  # [B·(K-1), d] → [B, K-1, d]
    loss, gx, gp, gv = loss_and_embedding_grads(x, p, v, variant=variant, temperature=temperature)

    def chunk_order(g: torch.Tensor, order: torch.Tensor | None) -> torch.Tensor:
        return g if order is None else g[order.to(g.device)]  # batch order → chunk order

    replay_and_backward(model, inputs.query_chunks, chunk_order(gx, inputs.query_order), amp=amp, replay_rng=replay_rng)
    replay_and_backward(model, inputs.passage_chunks, chunk_order(gp, inputs.passage_order), amp=amp,
                        replay_rng=replay_rng)
    if gv is not None:
        gv = chunk_order(gv.reshape(-1, gv.shape[-1]), inputs.variant_order)  # [B·(K-1), d]
        replay_and_backward(model, inputs.variant_chunks, gv, amp=amp, replay_rng=replay_rng)
    return loss


def uncached_step(model: InfEmbed, inputs: StepInputs, *, variant: str, temperature: float,
                  amp: bool = False) -> torch.Tensor:
    """The same step with one graph over every chunk (memory grows with the batch): the reference."""
    def embed(chunks, order):
        with _autocast(model, amp):
            return _to_batch_order(torch.cat([_forward(model, c).float() for c in chunks]), order)

    x = embed(inputs.query_chunks, inputs.query_order)  # [B, d]
    p = embed(inputs.passage_chunks, inputs.passage_order)  # [N, d]
    v = None
    if inputs.num_variants:
        v = embed(inputs.variant_chunks, inputs.variant_order).view(x.shape[0], inputs.num_variants, -1)
    loss = contrastive_loss(x, p, variant=variant, temperature=temperature, instruction_variants=v)
    loss.backward()
    return loss.detach()
