"""Packed ("unpadded") inference forward for BERT encoders.

A batch of ``b`` texts is one row of ``T = Σ len_i`` tokens (:class:`PackedBatch`): every dense op
of the encoder (embeddings, the fused QKV projection, the attention output projection, the
feed-forward, every LayerNorm) runs on ``[T, H]`` instead of ``[b, L_max, H]``, so no FLOP is spent
on padding. Only attention needs the sequences apart:

* CUDA, fp16/bf16 (autocast): ``torch.nn.attention.varlen.varlen_attn`` over ``cu_seqlens``
  (FlashAttention varlen), straight on the ``[T, heads, head_dim]`` views of the QKV projection;
* CPU (fp32, or bf16 autocast): varlen without padding or masks — one unmasked
  ``scaled_dot_product_attention`` per run of consecutive equal-length sequences, on strided
  ``[count, heads, length, head_dim]`` views of the QKV rows (:attr:`PackedBatch.seq_runs`; a
  length-sorted batch has one run per distinct length), outputs concatenated back into ``[T, H]``.
  The CPU forward also keeps its activations in a per-thread workspace reused across batches
  (:class:`_Workspace`) and runs bf16 GEMMs on weights cast once;
* CUDA without ``varlen_attn`` (an older torch, fp32): the sequences, longest first, are cut into
  groups of similar length (:func:`attention_groups`); the QKV rows are copied into a zeroed buffer
  where each group is padded only to its own longest sequence (allocated once per batch, reused by
  every layer), one ``scaled_dot_product_attention`` per group runs on strided
  ``[count, heads, L_group, head_dim]`` views with a key-padding mask, and the output is gathered
  back to ``[T, H]``. Attention work is ∝ Σ len², so one padding length per batch would waste
  most of it on a long-tailed batch.

Pooling (``mean``/``cls``/``last``) is done per sequence in fp32 from the packed states.

The reference is the padded Hugging Face forward (:meth:`InfEmbed.forward_passages`); it stays the
path for training (gradients, dropout), for other backbones (e.g. decoders), for left padding, and
whenever ``INFEMBED_FORCE_REFERENCE=1``. The fused QKV weight is built once per backbone and
rebuilt only when a parameter of the backbone changes (moved, reloaded or updated in place).

Example:
    >>> model = InfEmbed.from_pretrained("minilm").eval()                 # doctest: +SKIP
    >>> feats = model.tokenize_passages(["a tent", "a four-season tent for winter"])
    >>> with torch.inference_mode():
    ...     emb = packed_pool(model.backbone, feats.input_ids, feats.attention_mask, "mean")  # [2, 384]
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import threading
import weakref
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from .kernels.utils import force_reference

log = logging.getLogger(__name__)

POOLINGS = ("mean", "cls", "last")


# ----------------------------------------------------------------------------- the packed batch


@dataclass
class PackedBatch:
    """``b`` token sequences laid end to end.

    Attributes:
        input_ids: ``[T]`` int64, the tokens of sequence 0, then sequence 1, ...
        position_ids: ``[T]`` int64, position of each token within its sequence (0-based).
        pad_index: ``[T]`` int64, the token's row in the padded ``[b·max_len]`` layout
            (``seq · max_len + position``).
        cu_seqlens: ``[b + 1]`` int32, cumulative lengths (``cu_seqlens[i]`` = first token of seq ``i``).
        lengths: ``[b]`` int64, tokens per sequence (each ≥ 1).
        max_len: the longest sequence.
        attn_index: ``[T]`` int64, the token's row in the length-grouped attention layout (see
            :func:`attention_groups`): the sequences sorted longest first, cut into groups of similar
            length, each group padded only to its own longest sequence.
        slot_lengths: ``[b]`` int64, the lengths in that sorted order.
        attn_groups: one ``(row_offset, slot_start, count, group_len, needs_mask)`` per group.
        attn_identity: the grouped layout is the packed one itself (all lengths equal, no reorder).
        seq_runs: one ``(row_offset, count, length)`` per run of consecutive sequences of equal length:
            rows ``[row_offset, row_offset + count·length)`` are ``count`` whole sequences, viewable as
            ``[count, length, ·]`` without any copy or padding (the CPU attention, see
            :meth:`PackedBert._attention_cpu`; a length-sorted batch has one run per distinct length).
    """

    input_ids: torch.Tensor
    position_ids: torch.Tensor
    pad_index: torch.Tensor
    cu_seqlens: torch.Tensor
    lengths: torch.Tensor
    max_len: int
    attn_index: torch.Tensor
    slot_lengths: torch.Tensor
    attn_groups: tuple[tuple[int, int, int, int, bool], ...]
    attn_identity: bool
    seq_runs: tuple[tuple[int, int, int], ...] = ()

    @property
    def num_seqs(self) -> int:
        return self.lengths.shape[0]

    @property
    def num_tokens(self) -> int:
        return self.input_ids.shape[0]

    def __len__(self) -> int:
        return self.num_seqs

    def _map(self, fn) -> PackedBatch:
        return dataclasses.replace(self, **{f: fn(getattr(self, f)) for f in _TENSOR_FIELDS})

    def to(self, device: torch.device | str) -> PackedBatch:
        return self._map(lambda t: t.to(device, non_blocking=True))

    def pin_memory(self) -> PackedBatch:
        return self._map(lambda t: t.pin_memory())


_TENSOR_FIELDS = ("input_ids", "position_ids", "pad_index", "cu_seqlens", "lengths", "attn_index", "slot_lengths")

# Attention groups: a batch's sequences (longest first) start a new group when one is shorter than
# GROUP_RATIO × the group's longest, unless that longest is ≤ GROUP_MIN_LEN tokens (short sequences'
# attention is cheap; another SDPA call would cost more than the padding it saves). Attention work
# is ∝ Σ count·len², so one padded batch of a long-tailed mix wastes most of it on the short rows.
GROUP_RATIO = 0.75
GROUP_MIN_LEN = 32


def attention_groups(sorted_lengths: Sequence[int]) -> list[tuple[int, int]]:
    """``(slot_start, slot_end)`` groups over lengths sorted longest first (see GROUP_RATIO).

    Example:
        >>> attention_groups([256, 250, 120, 90, 30, 2])
        [(0, 2), (2, 4), (4, 6)]
    """
    groups, start = [], 0
    for i in range(1, len(sorted_lengths) + 1):
        head = sorted_lengths[start]
        if i == len(sorted_lengths) or (head > GROUP_MIN_LEN and sorted_lengths[i] < GROUP_RATIO * head):
            groups.append((start, i))
            start = i
    return groups


def pack_token_lists(rows: Sequence[Sequence[int]]) -> PackedBatch:
    """Pack token-id lists (e.g. a tokenizer's ``input_ids``) without padding them (CPU tensors).

    Example:
        >>> pack_token_lists([[101, 7, 102], [101, 102]]).cu_seqlens.tolist()
        [0, 3, 5]
    """
    if len(rows) == 0:
        raise ValueError("pack_token_lists: got no sequences; pass at least one")
    lengths = np.fromiter((len(r) for r in rows), np.int64, len(rows))  # [b]
    if lengths.min() < 1:
        raise ValueError(f"pack_token_lists: sequence {int(lengths.argmin())} is empty; every sequence needs ≥ 1 token")
    total = int(lengths.sum())
    ids = np.fromiter(itertools.chain.from_iterable(rows), np.int64, total)  # [T]
    return _pack(ids, lengths)


def pack_padded(input_ids: torch.Tensor, attention_mask: torch.Tensor) -> PackedBatch:
    """Pack right- or left-padded features ``[b, L]``: the tokens where ``attention_mask`` is 1.

    Positions count the real tokens of each row from 0 (for right padding this is what the padded
    forward uses; left padding is not supported by the packed encoder, see :func:`packed_pool`).
    """
    if input_ids.dim() != 2 or input_ids.shape != attention_mask.shape:
        raise ValueError(f"input_ids {tuple(input_ids.shape)} and attention_mask {tuple(attention_mask.shape)} "
                         "must both be [b, L]")
    keep = attention_mask.bool()  # [b, L]
    lengths = keep.sum(1)  # [b]
    if int(lengths.min()) < 1:
        raise ValueError("pack_padded: a row of attention_mask is all zeros; every sequence needs ≥ 1 token")
    ids = input_ids[keep]  # [T], row-major: sequence 0 first
    return _pack(ids.cpu().numpy(), lengths.cpu().numpy()).to(input_ids.device)


def _pack(ids: np.ndarray, lengths: np.ndarray) -> PackedBatch:
    b, total, max_len = len(lengths), int(lengths.sum()), int(lengths.max())
    cu = np.zeros(b + 1, np.int64)
    np.cumsum(lengths, out=cu[1:])
    seq = np.repeat(np.arange(b, dtype=np.int64), lengths)  # [T] sequence of each token
    pos = np.arange(total, dtype=np.int64) - np.repeat(cu[:-1], lengths)  # [T]
    # Grouped attention layout: slot j holds sequence order[j]; group g pads to its first slot's length.
    order = np.argsort(-lengths, kind="stable")  # [b] longest first
    slot_len = lengths[order]
    groups, row_of_slot, offset = [], np.empty(b, np.int64), 0
    for start, end in attention_groups(slot_len.tolist()):
        glen = int(slot_len[start])
        row_of_slot[start:end] = offset + np.arange(end - start, dtype=np.int64) * glen
        groups.append((offset, start, end - start, glen, bool(slot_len[end - 1] != glen)))
        offset += (end - start) * glen
    row_of_seq = np.empty(b, np.int64)
    row_of_seq[order] = row_of_slot
    attn_index = np.repeat(row_of_seq, lengths) + pos  # [T]
    starts = np.flatnonzero(np.diff(lengths, prepend=-1))  # [runs] first sequence of each equal-length run
    counts = np.diff(starts, append=b)  # [runs]
    runs = tuple((int(cu[s]), int(c), int(lengths[s])) for s, c in zip(starts, counts))
    return PackedBatch(
        input_ids=torch.from_numpy(np.ascontiguousarray(ids, dtype=np.int64)),
        position_ids=torch.from_numpy(pos),
        pad_index=torch.from_numpy(seq * max_len + pos),
        cu_seqlens=torch.from_numpy(cu.astype(np.int32)),
        lengths=torch.from_numpy(lengths.astype(np.int64)),
        max_len=max_len,
        attn_index=torch.from_numpy(attn_index),
        slot_lengths=torch.from_numpy(slot_len.astype(np.int64)),
        attn_groups=tuple(groups),
        attn_identity=bool(offset == total and (attn_index == np.arange(total)).all()),
        seq_runs=runs,
    )


# ----------------------------------------------------------------------------- the encoder


@dataclass
class _Layer:
    qkv_w: torch.Tensor  # [3H, H] (query; key; value), built once
    qkv_b: torch.Tensor  # [3H]
    attn_out_w: torch.Tensor  # [H, H]
    attn_out_b: torch.Tensor
    ln1: tuple[torch.Tensor, torch.Tensor, float]
    inter_w: torch.Tensor  # [I, H]
    inter_b: torch.Tensor
    out_w: torch.Tensor  # [H, I]
    out_b: torch.Tensor
    ln2: tuple[torch.Tensor, torch.Tensor, float]


def unsupported_reason(backbone: nn.Module) -> str | None:
    """Why ``backbone`` has no packed forward (``None`` when it has one)."""
    try:
        from transformers import BertModel
        from transformers.activations import ACT2FN
    except ImportError:  # pragma: no cover - transformers is a dependency
        return "transformers is not importable"
    if not isinstance(backbone, BertModel):
        return f"{type(backbone).__name__} is not a BertModel"
    cfg = backbone.config
    if cfg.is_decoder or getattr(cfg, "add_cross_attention", False):
        return "decoder / cross-attention BERT"
    if getattr(cfg, "position_embedding_type", "absolute") not in (None, "absolute"):
        return f"position_embedding_type={cfg.position_embedding_type!r}"
    if not isinstance(cfg.hidden_act, str) or cfg.hidden_act not in ACT2FN:
        return f"hidden_act={cfg.hidden_act!r}"
    if cfg.hidden_size % cfg.num_attention_heads:
        return "hidden_size is not a multiple of num_attention_heads"
    weight = backbone.embeddings.word_embeddings.weight
    if weight.device.type == "cpu" and weight.dtype != torch.float32:  # the CPU forward reads fp32 weights
        return f"{weight.dtype} weights on the CPU (from_pretrained(dtype=...))"
    return None


class PackedBert:
    """The inference forward of a ``transformers.BertModel`` on a :class:`PackedBatch`.

    Holds references to the backbone's weights (no copies) plus one fused ``[3H, H]`` QKV weight per
    layer. Build it with :func:`packed_encoder_for` (cached per backbone).
    """

    def __init__(self, bert: nn.Module) -> None:
        from transformers.activations import ACT2FN

        cfg = bert.config
        self.hidden_size = cfg.hidden_size
        self.heads = cfg.num_attention_heads
        self.head_dim = cfg.hidden_size // cfg.num_attention_heads
        self.act = ACT2FN[cfg.hidden_act]
        self.max_positions = cfg.max_position_embeddings
        self.signature = _signature(bert)
        emb = bert.embeddings
        with torch.no_grad():
            self.word = emb.word_embeddings.weight.detach()
            self.position = emb.position_embeddings.weight.detach()
            self.token_type0 = emb.token_type_embeddings.weight.detach()[0]  # [H]: every token is type 0
            self.emb_ln = _ln(emb.LayerNorm)
            self.layers = []
            for layer in bert.encoder.layer:
                sa, so = layer.attention.self, layer.attention.output
                self.layers.append(_Layer(
                    qkv_w=torch.cat([sa.query.weight, sa.key.weight, sa.value.weight], 0).detach(),
                    qkv_b=torch.cat([sa.query.bias, sa.key.bias, sa.value.bias], 0).detach(),
                    attn_out_w=so.dense.weight.detach(), attn_out_b=so.dense.bias.detach(), ln1=_ln(so.LayerNorm),
                    inter_w=layer.intermediate.dense.weight.detach(), inter_b=layer.intermediate.dense.bias.detach(),
                    out_w=layer.output.dense.weight.detach(), out_b=layer.output.dense.bias.detach(),
                    ln2=_ln(layer.output.LayerNorm),
                ))
        self._varlen = _varlen_attn()  # None when torch has no varlen attention
        self._cast: dict[torch.dtype, list[_Layer]] = {}
        self.intermediate_size = cfg.intermediate_size
        self._act_ = _INPLACE_ACT.get(cfg.hidden_act)  # in place on the CPU path (None: self.act, allocating)
        self._fused_act = _ONEDNN_ACT.get(cfg.hidden_act)  # (attr, scalars, algorithm) of oneDNN's linear
        self._local = threading.local()  # the CPU path's workspace, per thread

    def release_workspace(self) -> None:
        """Free this thread's CPU workspace (the buffers reused across batches; see :class:`_Workspace`)."""
        self._local.__dict__.pop("ws", None)

    def _workspace(self) -> _Workspace:
        ws = getattr(self._local, "ws", None)
        if ws is None:
            ws = self._local.ws = _Workspace()
        return ws

    def _layers_for(self, device_type: str) -> list[_Layer]:
        """The layers with GEMM weights in the autocast dtype, cast once: autocast caches casts only
        of parameters that require grad, so these detached weights would be re-cast on every call."""
        if not torch.is_autocast_enabled(device_type):
            return self.layers
        return self._layers_in(torch.get_autocast_dtype(device_type))

    def _layers_in(self, dtype: torch.dtype) -> list[_Layer]:
        if dtype == self.layers[0].qkv_w.dtype:
            return self.layers
        if dtype not in self._cast:
            gemm = ("qkv_w", "qkv_b", "attn_out_w", "attn_out_b", "inter_w", "inter_b", "out_w", "out_b")
            self._cast[dtype] = [dataclasses.replace(ly, **{f: getattr(ly, f).to(dtype) for f in gemm})
                                 for ly in self.layers]
        return self._cast[dtype]

    def hidden(self, batch: PackedBatch) -> torch.Tensor:
        """Last hidden states ``[T, H]`` (the dtype autocast gives; fp32 on CPU)."""
        return self._hidden(batch)

    def _hidden(self, batch: PackedBatch) -> torch.Tensor:
        if batch.max_len > self.max_positions:
            raise ValueError(f"a sequence has {batch.max_len} tokens; this BERT has {self.max_positions} positions")
        if batch.input_ids.device.type == "cpu" and self.word.dtype == torch.float32:
            return self._hidden_cpu(batch)
        return self._hidden_generic(batch)

    def _hidden_generic(self, batch: PackedBatch) -> torch.Tensor:
        """The forward of any other device (CUDA: varlen attention, or the grouped padded SDPA)."""
        H = self.hidden_size
        x = F.embedding(batch.input_ids, self.word) + self.token_type0  # [T, H]
        x = x + F.embedding(batch.position_ids, self.position)
        x = F.layer_norm(x, (H,), *self.emb_ln[:2], self.emb_ln[2])
        scratch: dict = {}
        for ly in self._layers_for(x.device.type):
            qkv = F.linear(x, ly.qkv_w, ly.qkv_b)  # [T, 3H]
            ctx = self._attention(qkv, batch, scratch)  # [T, H]
            x = F.layer_norm(F.linear(ctx, ly.attn_out_w, ly.attn_out_b) + x, (H,), *ly.ln1[:2], ly.ln1[2])
            inter = self.act(F.linear(x, ly.inter_w, ly.inter_b))  # [T, I]
            x = F.layer_norm(F.linear(inter, ly.out_w, ly.out_b) + x, (H,), *ly.ln2[:2], ly.ln2[2])
        return x

    def _hidden_cpu(self, batch: PackedBatch) -> torch.Tensor:
        """The CPU forward (fp32 weights): last hidden states ``[T, H]`` fp32.

        * The large ``[T, ·]`` activations (QKV, the feed-forward's ``[T, I]``, the pre-LayerNorm
          residual, the attention output) live in this thread's :class:`_Workspace`, written by
          ``out=`` / in-place ops: no allocation, hence no page faults, after the first batch.
          (LayerNorm allocates its output: ``native_layer_norm.out`` computes into a temporary and
          copies, measured 2% slower.)
        * Attention is varlen without padding (:meth:`_attention_cpu`).
        * Precision: the residual stream, LayerNorms and pooling are fp32; the GEMMs, attention and
          the activation run in the autocast dtype when CPU autocast is on (bf16: AMX / AVX512-BF16
          through oneDNN), with the weights cast once — the numerics of the autocast forward, minus
          its per-call weight casts.
        * fp32: bias + residual enter the output GEMMs as their accumulator (``addmm_``: one pass
          instead of a bias copy inside addmm plus a separate add). (A oneDNN GEMM with a fused GELU
          was tried and measured slower than MKL's GEMM + GELU for the [T, 384]·[384, 1536] shape.)
        """
        f32 = torch.float32
        dtype = torch.get_autocast_dtype("cpu") if torch.is_autocast_enabled("cpu") else f32
        low = dtype != f32
        T, H, inner = batch.num_tokens, self.hidden_size, self.intermediate_size
        ws = self._workspace()
        with torch.autocast("cpu", enabled=False):
            y = ws.take("y", T, H, f32)  # the residual stream before each LayerNorm
            torch.index_select(self.word, 0, batch.input_ids, out=y)  # [T, H]
            y.add_(self.token_type0).add_(torch.index_select(self.position, 0, batch.position_ids,
                                                             out=ws.take("pos", T, H, f32)))
            x = F.layer_norm(y, (H,), *self.emb_ln[:2], self.emb_ln[2])
            gemm_in = ws.take("gemm_in", T, H, dtype) if low else None  # x rounded to the GEMM dtype
            onednn = _onednn_linear() if dtype == torch.bfloat16 else None
            for ly in self._layers_in(dtype):
                qkv = self._linear(gemm_in.copy_(x) if low else x, ly.qkv_w, ly.qkv_b, onednn,
                                   out=ws.take("qkv", T, 3 * H, dtype))  # [T, 3H]
                ctx = self._attention_cpu(qkv, batch, ws)  # [T, H]
                self._residual(x, ctx, ly.attn_out_w, ly.attn_out_b, y, onednn, ws)  # y = x + b + ctx·Wᵀ
                x = F.layer_norm(y, (H,), *ly.ln1[:2], ly.ln1[2])  # (allocating: the .out overload copies)
                inter = self._linear(gemm_in.copy_(x) if low else x, ly.inter_w, ly.inter_b, onednn,
                                     out=ws.take("inter", T, inner, dtype), act=True)  # [T, I]
                self._residual(x, inter, ly.out_w, ly.out_b, y, onednn, ws)
                x = F.layer_norm(y, (H,), *ly.ln2[:2], ly.ln2[2])
        return x

    def _linear(self, x: torch.Tensor, w: torch.Tensor, b: torch.Tensor, onednn, *, out: torch.Tensor,
                act: bool = False) -> torch.Tensor:
        """``act(x·wᵀ + b)`` (``act``: the BERT activation, else identity): oneDNN's linear with the
        bias (and GELU/ReLU) fused into the GEMM's epilogue when ``onednn`` is given (bf16: measured
        1.0–1.6× faster than addmm, whose bias is a separate copy into the output, plus an in-place
        activation), else ``addmm`` into ``out`` and the activation in place."""
        if onednn is not None:
            if act and self._fused_act is not None:
                return onednn(x, w, b, *self._fused_act)
            y = onednn(x, w, b, "none", [], "")
        else:
            y = torch.addmm(b, x, w.t(), out=out)
        if act:
            if self._act_ is not None:
                self._act_(y)
            else:
                y.copy_(self.act(y))
        return y

    @staticmethod
    def _residual(x: torch.Tensor, h: torch.Tensor, w: torch.Tensor, b: torch.Tensor, out: torch.Tensor,
                  onednn, ws: _Workspace) -> None:
        """``out = x + b + h·wᵀ`` in fp32. ``x`` is fp32; ``h``, ``w``, ``b`` are fp32 (bias and
        residual are the GEMM's accumulator), or all in the low dtype (the GEMM output is rounded to it,
        then added to ``x``, as under autocast)."""
        if h.dtype == torch.float32:
            torch.add(x, b, out=out).addmm_(h, w.t())
        else:
            proj = (onednn(h, w, b, "none", [], "") if onednn is not None
                    else torch.addmm(b, h, w.t(), out=ws.take("proj", h.shape[0], w.shape[0], h.dtype)))
            torch.add(proj, x, out=out)

    def _attention_cpu(self, qkv: torch.Tensor, batch: PackedBatch, ws: _Workspace) -> torch.Tensor:
        """Varlen self-attention without padding: ``qkv [T, 3H]`` → ``[T, H]``.

        Each run of consecutive equal-length sequences (:attr:`PackedBatch.seq_runs`) is a strided
        ``[count, heads, length, head_dim]`` view of the packed QKV rows: one unmasked SDPA per run,
        no copy into a padded layout and no key mask (on this Xeon the CPU flash kernel is slower
        with a mask than the extra calls cost), and the outputs, concatenated in run order, are the
        packed rows. A length-sorted batch (what the encode pipeline makes) has one run per distinct
        length; an unsorted one may have up to one per sequence, still without padding.
        """
        T, H, h, hd = qkv.shape[0], self.hidden_size, self.heads, self.head_dim
        outs = []
        for offset, count, length in batch.seq_runs:
            run = qkv[offset:offset + count * length].view(count, length, 3, h, hd)
            q, k, v = run.permute(2, 0, 3, 1, 4).unbind(0)  # each [count, h, length, hd] (strided views)
            o = F.scaled_dot_product_attention(q, k, v)  # [count, h, length, hd]
            outs.append(o.transpose(1, 2).reshape(count * length, H))  # sdpa's storage is [count, length, h, hd]
        return outs[0] if len(outs) == 1 else torch.cat(outs, out=ws.take("ctx", T, H, qkv.dtype))  # [T, H]

    def _attention(self, qkv: torch.Tensor, batch: PackedBatch, scratch: dict) -> torch.Tensor:
        """Self-attention of each sequence over itself: ``qkv [T, 3H]`` → ``[T, H]``."""
        T, H, h, hd = qkv.shape[0], self.hidden_size, self.heads, self.head_dim
        L = batch.max_len
        if (self._varlen is not None and qkv.is_cuda and qkv.dtype in (torch.float16, torch.bfloat16)
                and not scratch.get("varlen_failed")):
            q, k, v = qkv.view(T, 3, h, hd).unbind(1)  # each [T, h, hd], last dim contiguous
            try:
                # Default scale 1/sqrt(hd), as BERT; torch 2.9's varlen_attn has no `scale` keyword.
                out = self._varlen(q, k, v, batch.cu_seqlens, batch.cu_seqlens, L, L)
                return out.reshape(T, H)
            except (RuntimeError, TypeError, ValueError) as e:  # e.g. a head size FlashAttention lacks
                _warn_once(f"varlen_attn failed ({e}); using padded scaled_dot_product_attention")
                scratch["varlen_failed"] = True
        # Padded SDPA per length group: qkv rows → the grouped layout [R, 3H] (zeroed once per batch,
        # every layer overwrites the same real rows), one SDPA per group with a key-padding mask
        # where the group's lengths differ, outputs back to the packed rows.
        if batch.attn_identity:
            buf = qkv
        else:
            buf = scratch.get("padded")
            if buf is None or buf.dtype != qkv.dtype:
                rows = sum(g[2] * g[3] for g in batch.attn_groups)
                buf = scratch["padded"] = qkv.new_zeros(rows, 3 * H)  # [R, 3H]
            buf.index_copy_(0, batch.attn_index, qkv)
        masks = scratch.get("masks")
        if masks is None:
            masks = scratch["masks"] = [
                (torch.arange(glen, device=qkv.device)[None, :]
                 < batch.slot_lengths[start:start + count, None])[:, None, None, :] if needs_mask else None
                for _, start, count, glen, needs_mask in batch.attn_groups]  # [count, 1, 1, glen] key padding
        outs = []
        for (offset, _, count, glen, _), mask in zip(batch.attn_groups, masks):
            grp = buf[offset:offset + count * glen].view(count, glen, 3, h, hd)
            q, k, v = grp.permute(2, 0, 3, 1, 4).unbind(0)  # each [count, h, glen, hd] (strided views)
            o = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)  # [count, h, glen, hd]
            outs.append(o.transpose(1, 2).reshape(count * glen, H))  # a view: sdpa's storage is [count, glen, h, hd]
        out = outs[0] if len(outs) == 1 else torch.cat(outs)  # [R, H]
        return out if batch.attn_identity else out.index_select(0, batch.attn_index)  # [T, H]

    def pooled(self, batch: PackedBatch, how: str) -> torch.Tensor:
        """Pooled embeddings ``[b, H]`` fp32 (``mean`` over each sequence's tokens, ``cls`` its first,
        ``last`` its last token); not normalised."""
        x = self._hidden(batch).float()  # [T, H]
        b, L = batch.num_seqs, batch.max_len
        if how == "mean" and x.device.type == "cpu":  # a sequence's tokens are consecutive rows
            return torch.segment_reduce(x, "sum", lengths=batch.lengths, axis=0) / batch.lengths[:, None].to(x.dtype)
        if how == "mean":
            if x.shape[0] == b * L:
                return x.view(b, L, -1).sum(1) / batch.lengths[:, None].to(x.dtype)
            # Sum through the padded layout (zeros at padding): deterministic on every device,
            # unlike an index_add_ (atomics on CUDA).
            padded = x.new_zeros(b * L, x.shape[1]).index_copy_(0, batch.pad_index, x)
            return padded.view(b, L, -1).sum(1) / batch.lengths[:, None].to(x.dtype)
        cu = batch.cu_seqlens.long()
        if how == "cls":
            return x.index_select(0, cu[:-1])
        if how == "last":
            return x.index_select(0, cu[1:] - 1)
        raise ValueError(f"pooling={how!r}: choose one of {POOLINGS}")


def _ln(mod: nn.LayerNorm) -> tuple[torch.Tensor, torch.Tensor, float]:
    return mod.weight.detach(), mod.bias.detach(), float(mod.eps)


# In-place activations of the CPU path (the same kernels as ACT2FN's modules); others allocate.
_INPLACE_ACT = {"gelu": torch._C._nn.gelu_, "relu": torch.relu_}
# The same activations as post-ops of oneDNN's linear (erf GELU: algorithm "none").
_ONEDNN_ACT = {"gelu": ("gelu", [], "none"), "relu": ("relu", [], "")}
_ONEDNN_BF16: bool | None = None  # None: not probed yet


def _onednn_linear():
    """``torch.ops.mkldnn._linear_pointwise`` (oneDNN's linear with a fused bias/activation epilogue,
    the op inductor uses on CPUs) for bf16, or ``None`` where this torch lacks it, oneDNN has no bf16
    on this CPU, or a probe against ``addmm`` fails (checked once per process)."""
    global _ONEDNN_BF16
    if _ONEDNN_BF16 is None:
        _ONEDNN_BF16 = False
        op = getattr(torch.ops.mkldnn, "_linear_pointwise", None)
        if op is not None and torch.backends.mkldnn.is_available() and torch.ops.mkldnn._is_mkldnn_bf16_supported():
            try:
                g = torch.Generator().manual_seed(0)
                x, w, b = (torch.randn(s, generator=g).bfloat16() for s in ((5, 24), (40, 24), (40,)))
                with torch.inference_mode():
                    got, ref = op(x, w, b, "gelu", [], "none").float(), F.gelu(torch.addmm(b, x, w.t()).float())
                _ONEDNN_BF16 = bool((got - ref).abs().max() <= 0.05 * (1 + ref.abs().max()))
            except (RuntimeError, TypeError) as e:
                log.info("oneDNN linear unavailable (%s); bf16 GEMMs use addmm", e)
    return torch.ops.mkldnn._linear_pointwise if _ONEDNN_BF16 else None


class _Workspace:
    """Buffers of the CPU forward, reused by every layer and every batch of a thread.

    A fresh ``[T, 1536]`` fp32 activation is tens of MB: glibc serves it with ``mmap`` and returns
    it on free, so every layer of every batch page-faulted its activations back in (140–175k minor
    faults and 0.3–0.45 s of system time per ≈ 2 s fp32 pass over 512 long-tailed passages on a
    2-core Xeon; none with the workspace).
    Buffers grow (by at least 25%) and are never shrunk; :meth:`PackedBert.release_workspace` frees
    them (the encode pipeline does at the end of a run).
    """

    def __init__(self) -> None:
        self.bufs: dict[str, torch.Tensor] = {}

    def take(self, name: str, rows: int, cols: int, dtype: torch.dtype) -> torch.Tensor:
        """A ``[rows, cols]`` view of buffer ``name``; its contents are whatever earlier use left."""
        buf = self.bufs.get(name)
        if buf is None or buf.dtype != dtype or buf.shape[1] != cols or buf.shape[0] < rows:
            grow = buf is not None and buf.dtype == dtype and buf.shape[1] == cols
            cap = max(rows, int(buf.shape[0] * 1.25) + 1 if grow else 0)
            buf = self.bufs[name] = torch.empty(cap, cols, dtype=dtype)
        return buf[:rows]


def _signature(module: nn.Module) -> tuple:
    """Changes whenever a parameter is replaced, moved or updated in place (its ``_version``)."""
    return tuple((p.data_ptr(), p._version, p.dtype) for p in module.parameters())


def _varlen_attn():
    try:
        from torch.nn.attention.varlen import varlen_attn
    except ImportError:
        return None
    return varlen_attn


_WARNED: set[str] = set()


def _warn_once(msg: str) -> None:
    if msg not in _WARNED:
        _WARNED.add(msg)
        log.warning(msg)


_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def packed_encoder_for(backbone: nn.Module) -> PackedBert | None:
    """The cached :class:`PackedBert` of ``backbone`` (rebuilt when its weights changed), or
    ``None`` when the backbone is not a supported BERT (see :func:`can_pack` for the full decision)."""
    if unsupported_reason(backbone) is not None:
        return None
    enc = _CACHE.get(backbone)
    if enc is None or enc.signature != _signature(backbone):
        enc = _CACHE[backbone] = PackedBert(backbone)
    return enc


def release_workspace(backbone: nn.Module) -> None:
    """Free the calling thread's CPU workspace of ``backbone``'s cached packed encoder, if any
    (the buffers the CPU forward reuses across batches; a later call allocates them again)."""
    enc = _CACHE.get(backbone)
    if enc is not None:
        enc.release_workspace()


def can_pack(backbone: nn.Module, padding_side: str = "right", pooling: str = "mean") -> bool:
    """True when :func:`packed_pool` would take the packed path for this backbone and config (in
    inference: also needs ``backbone.training`` off and gradients disabled, checked per call)."""
    return (not force_reference() and padding_side == "right" and pooling in POOLINGS
            and unsupported_reason(backbone) is None)


def packed_pool(backbone: nn.Module, input_ids: torch.Tensor | PackedBatch, attention_mask: torch.Tensor | None,
                pooling: str, padding_side: str = "right") -> torch.Tensor | None:
    """Pooled ``[b, H]`` fp32 embeddings by the packed forward, or ``None`` when the reference must run.

    Args:
        backbone: a ``transformers.BertModel`` in eval mode.
        input_ids: ``[b, L]`` int64 padded ids (with ``attention_mask [b, L]``), or a :class:`PackedBatch`
            on the backbone's device (then ``attention_mask`` is ignored).
        pooling: ``mean``, ``cls`` or ``last``.
        padding_side: the padding side of the features; only ``right`` matches the padded forward
            (BERT's position ids count pad tokens on the left).

    Returns ``None`` (use the padded reference) when gradients are enabled, the backbone is
    training, it is not a supported BERT, ``INFEMBED_FORCE_REFERENCE=1``, or a row is empty.
    """
    if torch.is_grad_enabled() or backbone.training or not can_pack(backbone, padding_side, pooling):
        return None
    enc = packed_encoder_for(backbone)
    if enc is None:
        return None
    if isinstance(input_ids, PackedBatch):
        batch = input_ids
    else:
        if attention_mask is None or int(attention_mask.sum(1).min()) < 1:
            return None
        batch = pack_padded(input_ids, attention_mask)
    return enc.pooled(batch, pooling)
