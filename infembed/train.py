"""The training loop: gradient-cached contrastive steps, DDP, mixed precision, exact resume.

Layout of an output directory::

    OUT/infembed_config.json, config.json, model.safetensors, tokenizer files, sentence-transformers files
                                                           # the final model (InfEmbed.save_pretrained)
    OUT/README.md, model_card.json                         # its model card: base model, data sha256, recipe, loss
    OUT/metrics.jsonl                                      # one line per step: loss, lr, rows/s, ...
    OUT/checkpoints/step-00000100/                         # model + optimizer.pt + scheduler.json + rng + state
    OUT/checkpoints/latest                                 # name of the newest complete checkpoint

A checkpoint directory is written under a temporary name and renamed when complete; ``latest`` is
replaced atomically after that, so an interruption at any instant leaves a usable checkpoint.
Resuming restores model, optimizer, scheduler, every RNG and the data position (epoch, batch),
so ``N`` steps + resume + ``N`` steps gives the same parameters as ``2N`` steps straight.

Multi-GPU / multi-node: launch with ``torchrun``; each rank takes ``1/W`` of every global batch,
embeddings are all-gathered (:func:`infembed.distributed.gather_with_grad`) so every rank
contrasts against the global batch, and gradients are averaged over ranks after the cached
backward (one bucketed ``all_reduce``; this is what DDP does, done once per step because the
cached step runs many forward/backward pairs per optimizer step).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import math
import os
import pickle
import random
import re
import shutil
import signal
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch
import torch.distributed as dist

from . import distributed
from .cpu_ops import CpuTrainingOps
from .data import InfIRRow, ReadReport, RowBatcher, make_batch, read_rows
from .distributed import average_gradients
from .gradcache import cached_step, prepare_step, uncached_step
from .io import atomic_write_bytes, atomic_write_json
from .losses import LOSS_VARIANTS, parse_variant
from .model import InfEmbed
from .recipe import TrainConfig

log = logging.getLogger(__name__)

# Settings that must agree between a checkpoint and the run resuming from it.
RESUME_KEYS = ("model", "mode", "loss", "batch_size", "temperature", "seed", "lr", "warmup_steps",
               "weight_decay", "instruction_negatives", "total_steps", "data_fingerprint", "query_template",
               "pooling", "query_max_length", "passage_max_length", "precision", "batch_grouping",
               "layer_lr_decay", "attention_dropout")
# What a checkpoint written before a setting existed ran with.
_SETTING_BEFORE_IT_EXISTED = {"batch_grouping": "random", "layer_lr_decay": 1.0, "attention_dropout": -1.0}
# ``…layer.3.…`` (BERT), ``…layers.3.…`` (Llama, Qwen, ModernBERT), ``…h.3.…`` (GPT-2), ``…blocks.3.…``
_LAYER_INDEX = re.compile(r"(?:^|\.)(?:layer|layers|h|blocks?)\.(\d+)\.")


def _data_fingerprint(path: str) -> str:
    p = Path(path)
    if p.is_file():
        st = p.stat()
        return f"{p.resolve()}:{st.st_size}"
    return str(path)


def _set_seed(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def _rng_state() -> dict:
    np_state = np.random.get_state()
    return {
        "python": _jsonable(random.getstate()),
        "numpy": [np_state[0], np_state[1].tolist(), int(np_state[2]), int(np_state[3]), float(np_state[4])],
        "torch_cpu": torch.get_rng_state().tolist(),
        "torch_cuda": [s.tolist() for s in torch.cuda.get_rng_state_all()] if torch.cuda.is_available() else [],
    }


def _jsonable(obj):
    if isinstance(obj, tuple):
        return [_jsonable(o) for o in obj]
    return obj


def _tuplify(obj):
    if isinstance(obj, list):
        return tuple(_tuplify(o) for o in obj)
    return obj


def _restore_rng(state: dict) -> None:
    random.setstate(_tuplify(state["python"]))
    kind, keys, pos, has_gauss, cached = state["numpy"]
    np.random.set_state((kind, np.array(keys, dtype=np.uint32), pos, has_gauss, cached))
    torch.set_rng_state(torch.tensor(state["torch_cpu"], dtype=torch.uint8))
    if state["torch_cuda"] and torch.cuda.is_available():
        torch.cuda.set_rng_state_all([torch.tensor(s, dtype=torch.uint8) for s in state["torch_cuda"]])


class Trainer:
    """Runs :class:`TrainConfig` to completion (or to an interruption, leaving a checkpoint)."""

    def __init__(self, cfg: TrainConfig) -> None:
        cfg.validate()
        self.cfg = cfg
        self.out = Path(cfg.out)
        self.rank, self.world = distributed.rank(), distributed.world_size()
        self.device = distributed.resolve_device(cfg.device)
        # bf16 autocast over fp32 master weights: by default on CUDA; on the CPU only when asked
        self.amp = cfg.precision == "bf16" or (cfg.precision == "auto" and self.device.type == "cuda")
        # see infembed.cpu_ops; not with checkpointing, whose recomputation in backward runs outside the mode
        self.fast_cpu_ops = cfg.fast_cpu_ops and self.device.type == "cpu" and not cfg.gradient_checkpointing
        self._stop_signal: int | None = None

        report = ReadReport()
        self.rows = read_rows(cfg.data, skip_invalid=cfg.skip_invalid, report=report)
        self._skipped = len(report.skipped)
        if report.skipped and self.rank == 0:
            log.warning("skipped %d invalid rows of %s", len(report.skipped), cfg.data)
        if cfg.batch_size > len(self.rows):
            raise ValueError(f"--batch-size {cfg.batch_size} exceeds the {len(self.rows)} rows of {cfg.data}")

        _set_seed(cfg.seed)
        # an empty mode/template/pooling keeps the starting model's own (a trained dir keeps what it learnt with)
        model_settings = {k: v for k, v in (("mode", cfg.mode), ("query_template", cfg.query_template),
                                            ("pooling", cfg.pooling)) if v}
        self.model = InfEmbed.from_pretrained(cfg.model, temperature=cfg.temperature,
                                              query_max_length=cfg.query_max_length,
                                              passage_max_length=cfg.passage_max_length,
                                              **model_settings).to(self.device)
        self.batcher = RowBatcher(len(self.rows), cfg.batch_size, seed=cfg.seed, rank=self.rank, world_size=self.world,
                                  groups=batch_groups(cfg, self.rows, self.model))
        self.total_steps = cfg.steps or max(1, math.ceil(cfg.epochs * self.batcher.batches_per_epoch))
        self.warmup = cfg.warmup_steps if cfg.warmup_steps >= 0 else int(0.1 * self.total_steps)
        if cfg.attention_dropout >= 0 and set_attention_dropout(self.model, cfg.attention_dropout) == 0:
            raise ValueError(f"--attention-dropout {cfg.attention_dropout}: {cfg.model} has no attention dropout "
                             "this knows how to set (BERT-, Llama- and GPT-2-style layers); use -1 to keep its own")
        if cfg.gradient_checkpointing:
            enable_gradient_checkpointing(self.model)
        self.model.train()
        self.optimizer = torch.optim.AdamW(
            param_groups(self.model, lr=cfg.lr, weight_decay=cfg.weight_decay, layer_lr_decay=cfg.layer_lr_decay),
            lr=cfg.lr)
        self.scheduler = torch.optim.lr_scheduler.LambdaLR(self.optimizer, self._lr_factor)
        self.step = 0
        self.position = (0, 0)  # (epoch, batch index) of the next batch

    # ------------------------------------------------------------------ schedule

    def _lr_factor(self, step: int) -> float:
        if step < self.warmup:
            return (step + 1) / (self.warmup + 1)
        return max(0.0, (self.total_steps - step) / max(1, self.total_steps - self.warmup))

    def run_settings(self) -> dict:
        c = self.cfg
        return {"model": c.model, "mode": c.mode, "loss": parse_variant(c.loss).name, "batch_size": c.batch_size,
                "temperature": c.temperature, "seed": c.seed, "lr": c.lr, "warmup_steps": self.warmup,
                "weight_decay": c.weight_decay, "instruction_negatives": c.instruction_negatives,
                "total_steps": self.total_steps, "data_fingerprint": _data_fingerprint(c.data),
                "query_template": c.query_template, "pooling": c.pooling, "query_max_length": c.query_max_length,
                "passage_max_length": c.passage_max_length, "precision": "bf16" if self.amp else "fp32",
                "batch_grouping": c.batch_grouping, "layer_lr_decay": c.layer_lr_decay,
                "attention_dropout": c.attention_dropout, "world_size": self.world}

    # ------------------------------------------------------------------ checkpoints

    @property
    def ckpt_root(self) -> Path:
        return self.out / "checkpoints"

    def save_checkpoint(self) -> Path:
        """Write ``checkpoints/step-N`` atomically (rank 0), then point ``latest`` at it."""
        name = f"step-{self.step:08d}"
        final = self.ckpt_root / name
        if self.rank == 0:
            self.ckpt_root.mkdir(parents=True, exist_ok=True)
            tmp = self.ckpt_root / f".{name}.tmp-{os.getpid()}"
            shutil.rmtree(tmp, ignore_errors=True)
            self.model.save_pretrained(tmp)
            torch.save(self.optimizer.state_dict(), tmp / "optimizer.pt")
            atomic_write_json(tmp / "scheduler.json", self.scheduler.state_dict())
            atomic_write_json(tmp / "rng.json", _rng_state())
            if self.batcher.groups is not None:  # cluster labels hang on float ties: resume with the same ones
                atomic_write_json(tmp / "batch_groups.json", self.batcher.groups.tolist())
            atomic_write_json(tmp / "trainer_state.json", {
                "step": self.step, "epoch": self.position[0], "batch_index": self.position[1],
                "settings": self.run_settings(), "train_config": dataclasses.asdict(self.cfg)})
            if final.exists():
                shutil.rmtree(final)
            os.replace(tmp, final)
            atomic_write_bytes(self.ckpt_root / "latest", (name + "\n").encode())
        if distributed.is_distributed():
            dist.barrier()
        return final

    def latest_checkpoint(self) -> Path | None:
        pointer = self.ckpt_root / "latest"
        if not pointer.is_file():
            return None
        path = self.ckpt_root / pointer.read_text().strip()
        return path if path.is_dir() else None

    def load_checkpoint(self, path: Path) -> None:
        try:
            self._load_checkpoint_files(path)
        except pickle.UnpicklingError as e:
            # torch's own message advises weights_only=False, which would run the file's code.
            raise ValueError(f"refused {path / 'optimizer.pt'}: it holds pickled Python objects, not only "
                             "tensors, and infembed never runs code from a file; it was not written by "
                             "infembed (start over with a new --out)") from e
        except (OSError, KeyError, TypeError, json.JSONDecodeError, UnicodeDecodeError) as e:
            raise ValueError(f"cannot resume from {path}: the checkpoint is incomplete or damaged ({type(e).__name__}: "
                             f"{e}); start over with a new --out, or delete it so the previous one is used") from e
        except Exception as e:
            if type(e).__name__ != "SafetensorError":
                raise
            raise ValueError(f"cannot resume from {path}: model.safetensors is damaged ({e}); start over "
                             "with a new --out") from e

    def _load_checkpoint_files(self, path: Path) -> None:
        state = json.loads((path / "trainer_state.json").read_text())
        saved, now = state["settings"], self.run_settings()
        saved = {**_SETTING_BEFORE_IT_EXISTED, **saved}
        diffs = {k: (saved.get(k), now.get(k)) for k in RESUME_KEYS if saved.get(k) != now.get(k)}
        if diffs:
            detail = ", ".join(f"{k}: checkpoint {a!r} vs now {b!r}" for k, (a, b) in diffs.items())
            raise ValueError(f"cannot resume from {path}: it was written by a different run ({detail}). "
                             f"Use the same settings, or a new --out directory.")
        self.model.load_weights(path)  # either model-dir format; refuses another architecture
        self.optimizer.load_state_dict(torch.load(path / "optimizer.pt", weights_only=True, map_location=self.device))
        self.scheduler.load_state_dict(json.loads((path / "scheduler.json").read_text()))
        _restore_rng(json.loads((path / "rng.json").read_text()))
        if self.batcher.groups is not None:
            groups = json.loads((path / "batch_groups.json").read_text())
            if len(groups) != self.batcher.num_rows:
                raise ValueError(f"cannot resume from {path}: batch_groups.json labels {len(groups)} rows, the "
                                 f"data has {self.batcher.num_rows}")
            self.batcher.groups = np.asarray(groups, dtype=np.int64)
        self.step = int(state["step"])
        self.position = (int(state["epoch"]), int(state["batch_index"]))

    # ------------------------------------------------------------------ one step

    def train_step(self, row_ids: list[int]) -> float:
        cfg = self.cfg
        batch = make_batch(self.rows, row_ids)
        # Instruction negatives drawn from (seed, step): deterministic and resumable without state.
        gen = torch.Generator().manual_seed(cfg.seed * 1_000_003 + self.step)
        mini = cfg.mini_batch_size or 10**9
        inputs = prepare_step(self.model, batch, variant=cfg.loss, mini_batch_size=mini,
                              num_instruction_negatives=cfg.instruction_negatives, generator=gen)
        self.optimizer.zero_grad(set_to_none=True)
        step = cached_step if cfg.mini_batch_size else uncached_step
        with CpuTrainingOps() if self.fast_cpu_ops else contextlib.nullcontext():
            loss = step(self.model, inputs, variant=cfg.loss, temperature=cfg.temperature, amp=self.amp)
        average_gradients(self.model)
        if cfg.max_grad_norm > 0:
            torch.nn.utils.clip_grad_norm_(self.model.parameters(), cfg.max_grad_norm)
        self.optimizer.step()
        self.scheduler.step()
        # The loss carries ×W (see losses.contrastive_loss); report the plain global mean.
        return float(loss) / self.world

    # ------------------------------------------------------------------ the loop

    def _on_signal(self, signum, frame) -> None:
        self._stop_signal = signum
        log.warning("received %s: finishing the current step, then saving a checkpoint",
                    signal.Signals(signum).name)

    def fit(self) -> dict:
        cfg = self.cfg
        self.out.mkdir(parents=True, exist_ok=True)
        if cfg.resume:
            ckpt = self.latest_checkpoint()
            if ckpt is None:
                log.warning("--resume: no checkpoint in %s, starting from scratch", self.ckpt_root)
            else:
                self.load_checkpoint(ckpt)
                if self.rank == 0:
                    log.info("resumed from %s (step %d)", ckpt, self.step)
        elif self.latest_checkpoint() is not None:
            raise ValueError(f"{self.out} already holds checkpoints of a run; pass --resume to continue it "
                             f"or choose another --out")
        old_handlers = {s: signal.signal(s, self._on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
        from tqdm.auto import tqdm

        bar = tqdm(total=self.total_steps, initial=self.step, disable=self.rank != 0 or not cfg.show_progress_bar,
                   desc="train", unit="step", dynamic_ncols=True)
        metrics_path = self.out / "metrics.jsonl"
        rows_per_step = cfg.batch_size
        steps_this_run = 0
        interrupted = False
        batches = self.batcher.iterate(*self.position)
        loss = float("nan")
        try:
            while self.step < self.total_steps:
                epoch, index, row_ids = next(batches)
                t0 = time.perf_counter()
                loss = self.train_step(row_ids)
                dt = time.perf_counter() - t0
                self.step += 1
                steps_this_run += 1
                nxt = index + 1
                self.position = (epoch, nxt) if nxt < self.batcher.batches_per_epoch else (epoch + 1, 0)
                lr = max(self.scheduler.get_last_lr())  # the top layer's, with --layer-lr-decay
                if self.rank == 0:
                    record = {"step": self.step, "epoch": epoch, "loss": loss, "lr": lr,
                              "rows_per_s": rows_per_step / dt, "step_time_s": dt}
                    with open(metrics_path, "a") as f:
                        f.write(json.dumps(record) + "\n")
                    bar.set_postfix(loss=f"{loss:.4f}", lr=f"{lr:.2e}", rows_s=f"{rows_per_step / dt:.1f}")
                    bar.update(1)
                if cfg.save_every and self.step % cfg.save_every == 0 and self.step < self.total_steps:
                    self.save_checkpoint()
                if self._stop_signal is not None or (cfg.stop_after and steps_this_run >= cfg.stop_after):
                    interrupted = self.step < self.total_steps
                    break
        finally:
            bar.close()
            for s, h in old_handlers.items():
                signal.signal(s, h)
        ckpt = self.save_checkpoint()
        if not interrupted and self.rank == 0:
            self.model.save_pretrained(self.out)
            self._write_card(loss)
        summary = {"steps": self.step, "total_steps": self.total_steps, "final_loss": loss, "interrupted": interrupted,
                   "checkpoint": str(ckpt), "model_dir": str(self.out) if not interrupted else None,
                   "truncated": dict(self.model.truncated)}
        return summary


    def _write_card(self, final_loss: float) -> None:
        """Record the run in the model card (README.md, rendered from model_card.json)."""
        from .model_card import record_training, training_record

        first_loss = None
        try:
            with open(self.out / "metrics.jsonl", encoding="utf-8") as f:
                first_loss = json.loads(f.readline())["loss"]
        except (OSError, ValueError, KeyError):
            pass
        summary = {"steps": self.step, "total_steps": self.total_steps, "final_loss": final_loss}
        record_training(self.out, training_record(
            dataclasses.asdict(self.cfg), rows=len(self.rows), skipped=self._skipped, summary=summary,
            first_loss=first_loss, world_size=self.world, precision="bf16 autocast" if self.amp else "fp32"))


def param_groups(model: torch.nn.Module, *, lr: float, weight_decay: float, layer_lr_decay: float = 1.0) -> list[dict]:
    """AdamW parameter groups: weight decay on matrices only, and layer-wise lr decay.

    With ``layer_lr_decay = d < 1`` and ``L`` numbered transformer layers, layer ``i`` (0 = lowest)
    trains at ``lr · d^(L-1-i)``, parameters whose name contains ``embed`` (and no layer number) at
    ``lr · d^L``, everything else (pooler, heads, final norm) at ``lr``. ``d = 1`` gives the two plain
    groups (decay / no decay), exactly as before the option existed.

    Raises:
        ValueError: ``d < 1`` but no parameter name carries a layer number.
    """
    named = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    if layer_lr_decay == 1.0:
        return [{"params": [p for _, p in named if p.ndim >= 2], "weight_decay": weight_decay},
                {"params": [p for _, p in named if p.ndim < 2], "weight_decay": 0.0}]
    depth = {n: int(m.group(1)) if (m := _LAYER_INDEX.search(n)) else None for n, _ in named}
    layers = [i for i in depth.values() if i is not None]
    if not layers:
        raise ValueError(f"--layer-lr-decay {layer_lr_decay}: no numbered transformer layers in this model's "
                         "parameter names; use 1.0")
    top = max(layers)
    groups: dict[tuple[float, float], list] = {}
    for n, p in named:
        i = depth[n]
        steps_down = top - i if i is not None else (top + 1 if "embed" in n else 0)
        key = (lr * layer_lr_decay ** steps_down, weight_decay if p.ndim >= 2 else 0.0)
        groups.setdefault(key, []).append(p)
    return [{"params": ps, "lr": g_lr, "weight_decay": wd} for (g_lr, wd), ps in groups.items()]


def batch_groups(cfg: TrainConfig, rows: Sequence[InfIRRow], model: InfEmbed) -> np.ndarray | None:
    """A group label per row for ``cfg.batch_grouping`` (``None`` for random batches).

    ``topic`` numbers the rows' ``topic`` values; ``cluster`` runs spherical k-means on the
    starting model's embeddings of the rows' positive queries, about one batch of rows per cluster,
    computed on rank 0 and broadcast so every rank draws the same batches.
    """
    if cfg.batch_grouping == "random":
        return None
    if cfg.batch_grouping == "topic":
        missing = sum(not r.topic for r in rows)
        if missing:
            raise ValueError(f"--batch-grouping topic: {missing} of the {len(rows)} rows of {cfg.data} have no "
                             "'topic' field; give every row one, or use --batch-grouping cluster")
        index = {t: i for i, t in enumerate(sorted({r.topic for r in rows}))}
        return np.array([index[r.topic] for r in rows], dtype=np.int64)
    from .clustering import spherical_kmeans

    num_clusters = max(1, len(rows) // cfg.batch_size)
    labels = torch.zeros(len(rows), dtype=torch.int64)
    if distributed.rank() == 0:
        truncated = dict(model.truncated)  # the training summary counts training texts only
        queries = model.encode_queries([r.query_positive for r in rows], None, batch_size=64,
                                       show_progress_bar=cfg.show_progress_bar)
        model.truncated.update(truncated)
        labels = torch.from_numpy(spherical_kmeans(np.asarray(queries), num_clusters, seed=cfg.seed))
        log.info("--batch-grouping cluster: %d rows in %d clusters of %d to %d rows", len(rows), num_clusters,
                 int(labels.bincount().min()), int(labels.bincount().max()))
    if distributed.is_distributed():
        labels = labels.to(model.device)
        dist.broadcast(labels, src=0)
    return labels.cpu().numpy()


def set_attention_dropout(model: torch.nn.Module, p: float) -> int:
    """Set the dropout probability on the attention weights of every attention layer to ``p``;
    returns how many layers were set (0: none found). Read at each forward, so it applies at once.

    BERT-style encoders (BERT, RoBERTa, XLM-R, MiniLM) keep it as ``….attention.self.dropout``
    (an ``nn.Dropout`` whose ``p`` the attention call reads), Llama-style decoders as a float
    ``attention_dropout``, GPT-2 as ``attn_dropout``. Hidden-layer dropout is left alone. With
    ``p > 0`` PyTorch's CPU attention leaves its fused kernel for the math path, whose dropout mask
    alone costs about as much as the attention (bench/RESULTS.md, "Where a CPU training step goes").
    """
    found = 0
    for name, module in model.named_modules():
        if isinstance(getattr(module, "attention_dropout", None), float):  # Llama, Qwen, Mistral
            module.attention_dropout = p
        elif isinstance(getattr(module, "attn_dropout", None), torch.nn.Dropout):  # GPT-2
            module.attn_dropout.p = p
        elif name.endswith("attention.self") and isinstance(getattr(module, "dropout", None), torch.nn.Dropout):
            module.dropout.p = p  # BERT family
        else:
            continue
        found += 1
    return found


def enable_gradient_checkpointing(model: InfEmbed) -> None:
    """Recompute backbone activations in backward, on every backbone (a separate passage one too).

    Compatible with the cached step: the replay pass is the one that stores (checkpointed)
    activations, and the recomputation inside backward reuses the RNG state that the checkpoint
    saved, so dropout masks match (tested in ``tests/test_train_extras.py``).
    """
    backbones = [model.backbone]
    if model.separate_passage_backbone is not None:
        backbones.append(model.separate_passage_backbone)
    for backbone in backbones:
        # transformers ≥ 5 renames the method; the old name still works but warns.
        enable = getattr(backbone, "activation_checkpointing_enable", None)
        (enable or backbone.gradient_checkpointing_enable)()


__all__ = ["TrainConfig", "Trainer", "enable_gradient_checkpointing", "set_attention_dropout", "LOSS_VARIANTS"]
