"""``torch.distributed`` helpers that degrade to local operation.

Every helper works without an initialised process group: it then acts on the local tensor/object
(a single process *is* the whole world) and, for the gathering helpers, warns once that nothing was
gathered, so a script written for ``torchrun`` also runs as ``python train.py``.

Gradient contract of :func:`gather_with_grad` (the InF-Embed recipe):

* every rank all-gathers the embeddings of all ranks and re-inserts its own slice, so the local
  slice keeps its autograd graph while the other ranks' slices are constants;
* every rank computes the loss ``L`` over the *global* batch and multiplies it by ``W`` (the world
  size); backward on rank ``r`` then gives ``W · ∂L/∂θ`` restricted to the path through rank
  ``r``'s own embeddings;
* DDP averages parameter gradients over ranks: ``(1/W) Σ_r W · ∂L/∂θ|_r = Σ_r ∂L/∂θ|_r = ∂L/∂θ``,
  exactly the gradient a single process would get on the whole global batch.

No all-reduce is needed in the backward of the gather itself: the cross-rank sum is done by DDP.
"""

from __future__ import annotations

import os
import warnings
from typing import Any

import torch
import torch.distributed as dist

__all__ = [
    "is_distributed",
    "rank",
    "world_size",
    "gather_with_grad",
    "gather_object",
    "all_reduce_mean",
    "resolve_device",
    "average_gradients",
    "init_distributed_from_env",
]

# Names of helpers that already warned about running without a process group (one warning each).
_WARNED: set[str] = set()


def _warn_local_once(what: str) -> None:
    if what in _WARNED:
        return
    _WARNED.add(what)
    warnings.warn(
        f"infembed.distributed.{what}: torch.distributed is not initialised; operating on the local "
        "process only (world size 1). Launch with torchrun to gather across devices.",
        RuntimeWarning,
        stacklevel=3,
    )


def is_distributed() -> bool:
    """True when ``torch.distributed`` is available and a process group is initialised."""
    return dist.is_available() and dist.is_initialized()


def rank() -> int:
    """This process's global rank (0 without a process group)."""
    return dist.get_rank() if is_distributed() else 0


def world_size() -> int:
    """Number of processes in the default group (1 without a process group)."""
    return dist.get_world_size() if is_distributed() else 1


def gather_with_grad(t: torch.Tensor) -> torch.Tensor:
    """All-gather ``t`` along dim 0 from every rank; the local slice keeps its gradient.

    Args:
        t: ``[b, ...]`` local tensor; every rank must pass the same shape (equal local batch sizes).

    Returns:
        ``[W·b, ...]`` — rank 0's slice first. Rows ``rank·b … (rank+1)·b-1`` are ``t`` itself
        (differentiable); the other ranks' rows carry no gradient. Without a process group this
        returns ``t`` unchanged and warns once.

    Multiply a loss computed on the gathered batch by :func:`world_size` before ``backward`` so that
    DDP's gradient averaging yields the global-batch gradient (module docstring).

    Example:
        >>> gather_with_grad(torch.ones(3, 2)).shape  # no process group: returned as is
        torch.Size([3, 2])
    """
    if not is_distributed():
        _warn_local_once("gather_with_grad")
        return t
    w, r = dist.get_world_size(), dist.get_rank()
    if w == 1:
        return t
    # Check shapes first: all_gather with unequal sizes hangs or fails with an opaque error.
    shape = torch.tensor(list(t.shape), dtype=torch.long, device=t.device)  # [ndim]
    shapes = [torch.empty_like(shape) for _ in range(w)]
    dist.all_gather(shapes, shape)
    if any(not torch.equal(s, shape) for s in shapes):
        got = [tuple(s.tolist()) for s in shapes]
        raise ValueError(
            f"gather_with_grad needs the same tensor shape on every rank, got {got} (rank order). "
            "Use equal local batch sizes (e.g. drop_last=True in the sampler)."
        )
    parts = [torch.empty_like(t) for _ in range(w)]
    dist.all_gather(parts, t.detach().contiguous())
    parts[r] = t  # re-insert the local slice so it keeps its graph
    return torch.cat(parts, dim=0)  # [W·b, ...]


def gather_object(obj: Any) -> list[Any]:
    """All-gather any picklable Python object; ``[obj]`` (with a one-time warning) when local.

    Uses ``torch.distributed.all_gather_object`` (pickle between our own ranks only; never for
    untrusted data).
    """
    if not is_distributed():
        _warn_local_once("gather_object")
        return [obj]
    out: list[Any] = [None] * dist.get_world_size()
    dist.all_gather_object(out, obj)
    return out


def all_reduce_mean(t: torch.Tensor) -> torch.Tensor:
    """Mean of ``t`` over ranks (a new tensor, no gradient); ``t`` detached when local.

    Meant for logging (e.g. the loss averaged over devices); it does not warn when local.
    """
    out = t.detach().clone()
    if is_distributed() and dist.get_world_size() > 1:
        dist.all_reduce(out, op=dist.ReduceOp.SUM)
        out /= dist.get_world_size()
    return out


def resolve_device(device: str = "") -> torch.device:
    """``--device`` → a ``torch.device``: ``""``/``"auto"`` is ``cuda:LOCAL_RANK`` when CUDA is usable,
    else the CPU; a CUDA device on a machine without one is a ``ValueError`` that says so."""
    if device in ("", "auto"):
        if torch.cuda.is_available():
            return torch.device("cuda", int(os.environ.get("LOCAL_RANK", 0)))
        return torch.device("cpu")
    try:
        resolved = torch.device(device)
    except (RuntimeError, ValueError):
        raise ValueError(f"--device {device!r}: not a device; use cpu, cuda or cuda:N") from None
    if resolved.type == "cuda":
        if not torch.cuda.is_available():
            build = "a CPU-only build of torch" if torch.version.cuda is None else "no visible CUDA device"
            raise ValueError(f"--device {device!r}: this machine has {build}; use --device cpu")
        if resolved.index is not None and resolved.index >= torch.cuda.device_count():
            raise ValueError(f"--device {device!r}: only {torch.cuda.device_count()} CUDA device(s) here")
    return resolved


def average_gradients(model: torch.nn.Module) -> None:
    """Mean of every parameter gradient over ranks, in one flat bucket (no-op without a group).

    What DDP does after backward, done once per optimizer step: the cached step runs many
    forward/backward pairs per step, so ``infembed.train`` averages here instead of wrapping in DDP.
    """
    if not (is_distributed() and dist.get_world_size() > 1):
        return
    grads = [p.grad for p in model.parameters() if p.grad is not None]
    if not grads:
        return
    flat = torch.cat([g.reshape(-1) for g in grads])  # [P]
    dist.all_reduce(flat)
    flat /= dist.get_world_size()
    offset = 0
    for g in grads:
        g.copy_(flat[offset:offset + g.numel()].view_as(g))
        offset += g.numel()


def init_distributed_from_env() -> None:
    """Join the process group that ``torchrun`` describes in the environment (NCCL on GPU, gloo on CPU).

    A no-op without ``RANK``/``WORLD_SIZE`` (a plain ``python`` run) or when a group already exists.
    """
    if "RANK" in os.environ and "WORLD_SIZE" in os.environ and not dist.is_initialized():
        backend = "nccl" if torch.cuda.is_available() else "gloo"
        if torch.cuda.is_available():
            torch.cuda.set_device(int(os.environ.get("LOCAL_RANK", 0)))
        dist.init_process_group(backend=backend)
