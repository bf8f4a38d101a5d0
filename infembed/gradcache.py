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
    """Tokenized chunks of one batch, and where each kind's rows go in the loss."""

    query_chunks: list[Chunk]
    passage_chunks: list[Chunk]
    variant_chunks: list[Chunk]
    num_variants: int  # K-1 instruction variants per pair (0 when the loss has no ℓ_I)


def _split(n: int, size: int) -> list[slice]:
    return [slice(s, min(s + size, n)) for s in range(0, n, size)]


def prepare_step(model: InfEmbed, batch: PairBatch, *, variant: str, mini_batch_size: int,
                 num_instruction_negatives: int = 0, generator: torch.Generator | int = 0) -> StepInputs:
    """Tokenize a batch into mini-batches of at most ``mini_batch_size`` texts per kind.

    For losses with ℓ_I, ``num_instruction_negatives`` (K-1) other-row instructions are sampled
    per pair (never a sibling, never the pair's own instruction text) and each (query, other
    instruction) input is tokenized too.
    """
    if mini_batch_size < 1:
        raise ValueError(f"mini_batch_size={mini_batch_size}: must be ≥ 1")
    spec = parse_variant(variant)
    q, ins, pas = batch.queries, batch.instructions, batch.passages
    query_chunks = [Chunk("queries", model.tokenize_queries(q[s], ins[s])) for s in _split(len(q), mini_batch_size)]
    passage_chunks = [Chunk("passages", model.tokenize_passages(pas[s])) for s in _split(len(pas), mini_batch_size)]
    variant_chunks: list[Chunk] = []
    k = 0
    if spec.needs_instruction_variants:
        if num_instruction_negatives < 1:
            raise ValueError(f"loss {spec.name!r} needs instruction negatives: set num_instruction_negatives ≥ 1")
        k = num_instruction_negatives
        idx = sample_instruction_negatives(batch.row_ids, ins, k, generator)  # [B, K-1]
        vq, vi = instruction_variant_texts(q, ins, idx)  # B·(K-1) texts each
        variant_chunks = [Chunk("queries", model.tokenize_queries(vq[s], vi[s])) for s in _split(len(vq), mini_batch_size)]
    return StepInputs(query_chunks, passage_chunks, variant_chunks, k)


def _forward(model: InfEmbed, chunk: Chunk) -> torch.Tensor:
    if chunk.kind == "queries":
        return model.forward_queries(chunk.features)
    return model.forward_passages(chunk.features)


def _autocast(model: InfEmbed, enabled: bool):
    device_type = model.device.type
    return torch.autocast(device_type=device_type, dtype=torch.bfloat16, enabled=enabled and device_type == "cuda")


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
    x = embed_without_graph(model, inputs.query_chunks, amp=amp)  # [B, d]
    p = embed_without_graph(model, inputs.passage_chunks, amp=amp)  # [N, d]
    v = None
    if inputs.num_variants:
        v = embed_without_graph(model, inputs.variant_chunks, amp=amp)  # [B·(K-1), d]
        v = v.view(x.shape[0], inputs.num_variants, -1)  # [B, K-1, d]
    loss, gx, gp, gv = loss_and_embedding_grads(x, p, v, variant=variant, temperature=temperature)
    replay_and_backward(model, inputs.query_chunks, gx, amp=amp, replay_rng=replay_rng)
    replay_and_backward(model, inputs.passage_chunks, gp, amp=amp, replay_rng=replay_rng)
    if gv is not None:
        replay_and_backward(model, inputs.variant_chunks, gv.reshape(-1, gv.shape[-1]), amp=amp, replay_rng=replay_rng)
    return loss


def uncached_step(model: InfEmbed, inputs: StepInputs, *, variant: str, temperature: float,
                  amp: bool = False) -> torch.Tensor:
    """The same step with one graph over every chunk (memory grows with the batch): the reference."""
    def embed(chunks):
        with _autocast(model, amp):
            return torch.cat([_forward(model, c).float() for c in chunks])

    x = embed(inputs.query_chunks)
    p = embed(inputs.passage_chunks)
    v = embed(inputs.variant_chunks).view(x.shape[0], inputs.num_variants, -1) if inputs.num_variants else None
    loss = contrastive_loss(x, p, variant=variant, temperature=temperature, instruction_variants=v)
    loss.backward()
    return loss.detach()
