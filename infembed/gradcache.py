"""Gradient caching: contrastive batches limited by embedding memory, not activation memory.

One training step over a batch of ``B`` pairs (Gao et al., "Scaling Deep Contrastive Learning
Batch Size under Memory Limited Setup", 2021), in three algorithm-named steps:

1. :func:`embed_without_graph` — encode every mini-batch under ``torch.no_grad``, recording the
   RNG state before each forward (:class:`RandContext`);
2. :func:`loss_and_embedding_grads` — the contrastive loss on the full (gathered) batch of
   embeddings, and its gradient with respect to each embedding;
3. :func:`replay_and_backward` — re-run each mini-batch *with* a graph under the recorded RNG state
   (same dropout masks) and backpropagate its cached embedding gradient: ``(emb · g).sum()``.

Each distinct query-side text is encoded once per step. ℓ_I's instruction variants ``(Q_b, I_j)`` put
the sibling's instruction first (see :func:`~infembed.losses.sample_instruction_negatives`), and for
two of a row's three pairs that input *is* another pair's query: ``(Q+, I-)`` is pair 2's query and
``(Q+, I+)`` pair 1's. Such variants reuse the query's embedding (their gradients add up on it), so a
batch of ``R`` rows with ``K-1 = 1`` encodes ``3R + R`` query-side texts instead of ``6R``. Without
dropout this is exactly the step that encodes every variant separately (``prepare_step(...,
dedup=False)``, tested); with dropout the shared input also shares its dropout mask.

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
    variant_chunks: list[Chunk]  # the U distinct variant inputs that are not already queries
    num_variants: int  # K-1 instruction variants per pair (0 when the loss has no ℓ_I)
    query_order: torch.Tensor | None = None  # [B] int64
    passage_order: torch.Tensor | None = None  # [N] int64
    variant_order: torch.Tensor | None = None  # [U] int64
    # [B·(K-1)] int64: row-major variant (b, k) → row of cat([queries [B], encoded variants [U]]) in batch order
    variant_source: torch.Tensor | None = None


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


def variant_sources(queries: Sequence[str], instructions: Sequence[str], variant_queries: Sequence[str],
                    variant_instructions: Sequence[str]) -> tuple[list[int], list[int]]:
    """Where each ℓ_I variant input's embedding comes from, encoding every distinct input once.

    Args:
        queries, instructions: ``[B]`` the batch's query-side inputs.
        variant_queries, variant_instructions: ``[V]`` the variant inputs (``V = B·(K-1)``).

    Returns:
        ``(source [V], encode [U])``: ``source[j] < B`` reuses query ``source[j]``; ``source[j] = B + u``
        uses the ``u``-th encoded variant, which is variant ``encode[u]``.

    Example:
        >>> variant_sources(["q", "q"], ["a", "b"], ["q", "q", "q"], ["b", "c", "c"])
        ([1, 2, 2], [1])
    """
    b = len(queries)
    seen = {}
    for i, key in enumerate(zip(queries, instructions)):
        seen.setdefault(key, i)
    source, encode = [], []
    for j, key in enumerate(zip(variant_queries, variant_instructions)):
        if key not in seen:
            seen[key] = b + len(encode)
            encode.append(j)
        source.append(seen[key])
    return source, encode


def prepare_step(model: InfEmbed, batch: PairBatch, *, variant: str, mini_batch_size: int,
                 num_instruction_negatives: int = 0, generator: torch.Generator | int = 0,
                 sort_by_length: bool = True, dedup: bool = True) -> StepInputs:
    """Tokenize a batch into mini-batches of at most ``mini_batch_size`` texts per kind.

    With ``sort_by_length`` each kind's texts are chunked longest first (character length as the
    proxy), so short texts are not padded to the longest of the batch; embeddings and gradients
    are mapped back to batch order, so the loss is unchanged.

    For losses with ℓ_I, ``num_instruction_negatives`` (K-1) other instructions are sampled per pair
    (the row's own differing instruction first, never the pair's own instruction text) and each
    (query, other instruction) input is tokenized too, once per distinct input that is not already a
    query of the batch (``dedup=False`` tokenizes every one: the plain reference).
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
        if dedup:
            source, encode = variant_sources(q, ins, vq, vi)
        else:
            source, encode = [len(q) + j for j in range(len(vq))], list(range(len(vq)))
        vq, vi = [vq[j] for j in encode], [vi[j] for j in encode]  # U texts each
        v_order = order_of(vq, vi)
        variant_chunks = _chunks(model, "queries", v_order, mini_batch_size, queries=vq, instructions=vi)

    def as_tensor(order: list[int]) -> torch.Tensor | None:
        return torch.tensor(order, dtype=torch.long) if sort_by_length and order else None

    return StepInputs(query_chunks, passage_chunks, variant_chunks, k,
                      as_tensor(q_order), as_tensor(p_order), as_tensor(v_order),
                      torch.tensor(source, dtype=torch.long) if k else None)


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


def gather_variants(x: torch.Tensor, v_encoded: torch.Tensor, source: torch.Tensor, num_variants: int) -> torch.Tensor:
    """``[B, K-1, d]`` variant embeddings from queries ``x [B, d]`` and encoded variants ``[U, d]``
    (``source [B·(K-1)]`` as in :func:`variant_sources`); differentiable, so shared inputs sum gradients."""
    table = torch.cat([x, v_encoded])  # [B + U, d]
    return table[source.to(x.device)].view(x.shape[0], num_variants, -1)


def loss_and_embedding_grads(x: torch.Tensor, p: torch.Tensor, v: torch.Tensor | None, *, variant: str,
                             temperature: float, loss_scale: float = 1.0, variant_source: torch.Tensor | None = None,
                             num_variants: int = 0,
                             ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor | None]:
    """Step 2: the loss on the full batch and ``(dL/dx [B, d], dL/dp [N, d], dL/dv [U, d])``, where ``v``
    holds the ``U`` encoded variant inputs that :func:`gather_variants` spreads over ``[B, K-1, d]``."""
    x = x.detach().requires_grad_()
    p = p.detach().requires_grad_()
    leaves = [x, p]
    variants = None
    if v is not None:
        v = v.detach().requires_grad_()
        leaves.append(v)
        variants = gather_variants(x, v, variant_source, num_variants)
    loss = contrastive_loss(x, p, variant=variant, temperature=temperature, instruction_variants=variants)
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
        v = _to_batch_order(embed_without_graph(model, inputs.variant_chunks, amp=amp), inputs.variant_order)  # [U, d]
        if not inputs.variant_chunks:  # every variant is one of the queries
            v = x.new_zeros((0, x.shape[1]))
    loss, gx, gp, gv = loss_and_embedding_grads(x, p, v, variant=variant, temperature=temperature,
                                                variant_source=inputs.variant_source,
                                                num_variants=inputs.num_variants)

    def chunk_order(g: torch.Tensor, order: torch.Tensor | None) -> torch.Tensor:
        return g if order is None else g[order.to(g.device)]  # batch order → chunk order

    replay_and_backward(model, inputs.query_chunks, chunk_order(gx, inputs.query_order), amp=amp, replay_rng=replay_rng)
    replay_and_backward(model, inputs.passage_chunks, chunk_order(gp, inputs.passage_order), amp=amp,
                        replay_rng=replay_rng)
    if gv is not None and inputs.variant_chunks:
        replay_and_backward(model, inputs.variant_chunks, chunk_order(gv, inputs.variant_order), amp=amp,
                            replay_rng=replay_rng)
    return loss


def uncached_step(model: InfEmbed, inputs: StepInputs, *, variant: str, temperature: float,
                  amp: bool = False) -> torch.Tensor:
    """The same step with one graph over every chunk (memory grows with the batch): the reference."""
    def embed(chunks, order):
        if not chunks:
            return torch.zeros((0, model.dim), device=model.device)
        with _autocast(model, amp):
            return _to_batch_order(torch.cat([_forward(model, c).float() for c in chunks]), order)

    x = embed(inputs.query_chunks, inputs.query_order)  # [B, d]
    p = embed(inputs.passage_chunks, inputs.passage_order)  # [N, d]
    v = None
    if inputs.num_variants:
        v_encoded = embed(inputs.variant_chunks, inputs.variant_order)  # [U, d]
        v = gather_variants(x, v_encoded, inputs.variant_source, inputs.num_variants)  # [B, K-1, d]
    loss = contrastive_loss(x, p, variant=variant, temperature=temperature, instruction_variants=v)
    loss.backward()
    return loss.detach()
