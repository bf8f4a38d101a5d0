"""``TrainConfig``: every knob of ``infembed train``, with the paper's reference recipe as defaults.

Kept free of torch so that the command line can build ``infembed train``'s options from these
fields (name, type, default and help text all come from here) while ``infembed --help`` stays fast.
:func:`cpu_has_fast_bf16` (AMX or AVX512-BF16) lives here for the same reason: the quickstart's
``--precision auto`` and :mod:`infembed.cpu_ops` both ask it.

The defaults follow the InF-Embed reference training scripts: query / passage max length 256 / 512
tokens, AdamW at lr 5e-5 with no warmup and no weight decay, 2 epochs, K−1 = 5 instruction
negatives, τ = 0.05, seed 42. Batch size and gradient-cache chunk are sized for one GPU or a CPU.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

BATCH_GROUPINGS = ("random", "topic", "cluster")


def _knob(default, help: str, **cli):
    """A dataclass field whose ``metadata`` carries the CLI help text (and ``required``/``hidden``)."""
    return field(default=default, metadata={"help": help, **cli})


@dataclass
class TrainConfig:
    """Every knob of ``infembed train`` (the CLI maps 1:1 onto these fields, in this order)."""

    data: str = _knob("", "InF-IR rows: .jsonl, .parquet, or a Hugging Face dataset name[:split] / saved dir.",
                      required=True)
    model: str = _knob("minilm", "Starting point: an embedded name (minilm, smollm2), a transformers model, "
                                 "or an infembed model dir.")
    out: str = _knob("runs/infembed", "Output dir: the final model, metrics.jsonl and checkpoints/.", required=True)
    mode: str = _knob("", "Query mode: joint (the query template through the backbone) or iq_attention "
                          "(default: the model's own; joint for a fresh backbone).")
    loss: str = _knob("P", "Loss variant: P, IQ, I, uni:P+IQ, uni:P+I, uni:I+IQ, uni:P+I+IQ, multi:P+IQ, "
                           "multi:P+I, multi:I+IQ, multi:P+I+IQ.")
    batch_size: int = _knob(32, "InF-IR rows per optimizer step (global, over all GPUs); each row gives 3 pairs.")
    mini_batch_size: int = _knob(64, "Texts per forward pass with gradient caching (0 = no caching: one graph "
                                     "for the batch).")
    steps: int = _knob(0, "Optimizer steps (0 = derive from --epochs).")
    epochs: float = _knob(2.0, "Passes over the data when --steps is 0.")
    lr: float = _knob(5e-5, "Peak learning rate (AdamW; linear warmup, then linear decay to 0).")
    weight_decay: float = _knob(0.0, "AdamW weight decay.")
    layer_lr_decay: float = _knob(1.0, "Layer-wise learning-rate decay: the top transformer layer (and the "
                                       "pooler or head) trains at --lr, each layer below at this factor times "
                                       "the one above, the embeddings one step below the lowest layer. 1.0 = "
                                       "one lr for every weight (the reference recipe); below 1 the lower "
                                       "layers, and so the starting model's ranking, move less.")
    warmup_steps: int = _knob(0, "Warmup steps (-1 = 10% of the steps).")
    attention_dropout: float = _knob(-1.0, "Dropout on the attention probabilities while training: -1 keeps the "
                                           "model's own (0.1 in BERT-style encoders: the reference recipe); 0 "
                                           "turns it off, which on the CPU also lets attention take the fused "
                                           "kernel (training 1.1–1.2× faster there in bf16). Hidden-layer dropout stays.")
    temperature: float = _knob(0.05, "Contrastive temperature τ (scores are cosine/τ).")
    instruction_negatives: int = _knob(5, "K-1 in-batch instructions per pair for losses with the ℓ_I term "
                                          "(the row's poisoned instruction always among them).")
    batch_grouping: str = _knob("random", "How rows meet in a batch: random (the reference recipe); topic (rows of "
                                          "one 'topic' field value together, so in-batch negatives are on-topic); "
                                          "cluster (the same over k-means clusters of the starting model's query "
                                          "embeddings, for data without topics).")
    query_template: str = _knob("", "joint mode: how a query and its instruction become one text, with {query} "
                                    "(default: the model's own; '{query} {instruction}' for a fresh backbone).")
    pooling: str = _knob("", "Pooling: mean, cls, last (default: the model's own; mean for a fresh encoder, "
                             "last for a decoder).")
    query_max_length: int = _knob(256, "Token limit for (query, instruction) texts; longer ones are truncated "
                                       "and counted.")
    passage_max_length: int = _knob(512, "Token limit for passages.")
    save_every: int = _knob(0, "Checkpoint every N steps (0 = only at the end). SIGINT/SIGTERM also checkpoint.")
    resume: bool = _knob(False, "Continue from OUT/checkpoints/latest exactly where it stopped.")
    seed: int = _knob(42, "Seed for shuffling, dropout and negative sampling.")
    gradient_checkpointing: bool = _knob(False, "Recompute backbone activations in backward (large backbones).")
    skip_invalid: bool = _knob(False, "Skip malformed data rows (reported) instead of failing.")
    device: str = _knob("", "cpu, cuda, cuda:1 … (default: the GPU of this rank when present).")
    precision: str = _knob("auto", "Compute precision: auto (bf16 autocast on CUDA, fp32 on CPU), fp32, or bf16 "
                                   "(autocast over fp32 master weights; on CPUs with AMX it is faster).")
    fast_cpu_ops: bool = _knob(True, "On the CPU, train with a cheaper dropout mask (4 elements per random int64; "
                                     "hidden layers and attention weights) and, in bf16 on CPUs with AMX or "
                                     "AVX512_BF16, an attention backward made of matmuls instead of PyTorch's "
                                     "slow fused one (infembed.cpu_ops; same distributions, other random "
                                     "masks). No effect on GPUs or with gradient checkpointing.")
    max_grad_norm: float = _knob(1.0, "Clip the gradient norm to this (0 = no clipping).")
    show_progress_bar: bool = _knob(True, "Show a progress bar.", cli=False)
    stop_after: int = _knob(0, "Testing aid: checkpoint and stop after N steps of this process.", hidden=True)

    def validate(self) -> None:
        """Check every setting before any work; a ``ValueError`` names the option and the fix."""
        from .distributed import resolve_device
        from .losses import parse_variant
        from .model import POOLINGS

        parse_variant(self.loss)
        if self.mode not in ("", "joint", "iq_attention"):
            raise ValueError(f"--mode {self.mode!r}: choose joint or iq_attention")
        if self.batch_size < 2:
            raise ValueError(f"--batch-size {self.batch_size}: need ≥ 2 rows for in-batch negatives")
        if self.mini_batch_size < 0:
            raise ValueError(f"--mini-batch-size {self.mini_batch_size}: must be ≥ 0 (0 disables caching)")
        for flag, value in (("--lr", self.lr), ("--temperature", self.temperature), ("--epochs", self.epochs)):
            if not value > 0:  # also refuses nan
                raise ValueError(f"{flag} {value}: must be > 0")
        if not 0 < self.layer_lr_decay <= 1:  # also refuses nan
            raise ValueError(f"--layer-lr-decay {self.layer_lr_decay}: must be in (0, 1]; 1 = no decay")
        if not self.weight_decay >= 0 or not self.max_grad_norm >= 0:
            raise ValueError(f"--weight-decay {self.weight_decay} / --max-grad-norm {self.max_grad_norm}: must be ≥ 0")
        if not (self.attention_dropout == -1 or 0 <= self.attention_dropout < 1):  # also refuses nan
            raise ValueError(f"--attention-dropout {self.attention_dropout}: must be in [0, 1), or -1 to keep the "
                             "model's own")
        if self.steps < 0:
            raise ValueError(f"--steps {self.steps}: must be ≥ 0 (0 = derive from --epochs)")
        if self.warmup_steps < -1:
            raise ValueError(f"--warmup-steps {self.warmup_steps}: must be ≥ 0, or -1 for 10% of the steps")
        if self.instruction_negatives < 1:
            raise ValueError(f"--instruction-negatives {self.instruction_negatives}: must be ≥ 1")
        if self.batch_grouping not in BATCH_GROUPINGS:
            raise ValueError(f"--batch-grouping {self.batch_grouping!r}: choose {', '.join(BATCH_GROUPINGS)}")
        if self.query_template and "{query}" not in self.query_template:
            raise ValueError(f"--query-template {self.query_template!r}: must contain {{query}} "
                             "(and usually {instruction})")
        if self.pooling and self.pooling not in POOLINGS:
            raise ValueError(f"--pooling {self.pooling!r}: choose one of {', '.join(POOLINGS)}")
        for flag, value in (("--query-max-length", self.query_max_length),
                            ("--passage-max-length", self.passage_max_length)):
            if value < 2:  # room for at least the special tokens
                raise ValueError(f"{flag} {value}: must be ≥ 2 tokens")
        if self.precision not in ("auto", "fp32", "bf16"):
            raise ValueError(f"--precision {self.precision!r}: choose auto, fp32 or bf16")
        resolve_device(self.device)


def cpu_has_fast_bf16(cpuinfo: str = "/proc/cpuinfo") -> bool:
    """True when the CPU advertises AMX tiles or AVX512-BF16 (Linux ``/proc/cpuinfo``), where bf16
    autocast trains faster than fp32 at the same loss: 1.6× per step on a Sapphire Rapids Xeon (AMX),
    1.4× on a Zen 4 EPYC (AVX512-BF16, no AMX); bench/RESULTS.md."""
    try:
        with open(cpuinfo, encoding="utf-8", errors="replace") as f:
            flags = next((line.split() for line in f if line.startswith("flags")), [])
    except OSError:
        return False
    return "amx_tile" in flags or "avx512_bf16" in flags


def cli_fields() -> list:
    """The ``dataclasses.Field`` objects that become ``infembed train`` options, in ``--help`` order."""
    return [f for f in fields(TrainConfig) if f.metadata.get("cli", True)]
