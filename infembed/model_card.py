"""The model card (``README.md``) of a model directory, rendered from what the directory holds.

A card is re-rendered, never edited: :func:`write_model_card` builds it from

* ``infembed_config.json`` (or a first-format ``config.json``) and the backbone's ``config.json``:
  mode, query template, prompts, pooling, lengths, τ, towers, what loads where;
* ``model_card.json`` beside it, which the stages fill in: ``infembed train`` records the run
  (:func:`record_training`: base model, the data file's sha256 and row count, loss, every
  :class:`~infembed.recipe.TrainConfig` value, steps, final loss), ``infembed eval`` records each
  evaluation (:func:`record_evaluation`; the same evaluation again replaces its entry, so reruns are
  idempotent), ``infembed push`` records the Hub id the usage snippets name (:func:`set_model_id`).

Only a README.md that infembed wrote (it starts with :data:`CARD_MARK`) is ever replaced; a card of
someone else's is left alone. The module imports no torch, so ``infembed push`` stays light.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import logging
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

CARD_NAME = "README.md"
CARD_DATA_NAME = "model_card.json"
CARD_MARK = "<!-- infembed model card: rendered from infembed_config.json and model_card.json; edits are overwritten -->"
INFEMBED_CONFIG_NAME = "infembed_config.json"  # = infembed.model.INFEMBED_CONFIG_NAME (no torch import here)
QUERY_TOWER_DIR = "query_encoder"

# TrainConfig fields that say where or how a run executed, not what it trained: left out of the recipe.
_NOT_RECIPE = ("out", "device", "show_progress_bar", "stop_after", "resume")


# ----------------------------------------------------------------------------- what a directory is


def model_dir_kind(directory: str | os.PathLike) -> str | None:
    """``"infembed"`` (this format), ``"infembed-first-format"``, ``"sentence-transformers"``,
    ``"transformers"``, or ``None`` when ``directory`` holds no model."""
    d = Path(directory)
    if not d.is_dir():
        return None
    if (d / INFEMBED_CONFIG_NAME).is_file():
        return "infembed"
    config = _read_json(d / "config.json")
    if isinstance(config, dict) and "infembed_version" in config:
        return "infembed-first-format"
    if (d / "modules.json").is_file():
        return "sentence-transformers"
    if isinstance(config, dict) and any(d.glob("*.safetensors")):
        return "transformers"
    return None


def infembed_settings(directory: str | os.PathLike) -> dict | None:
    """The InfEmbedConfig fields saved in an infembed directory (either format), else ``None``."""
    d = Path(directory)
    raw = _read_json(d / INFEMBED_CONFIG_NAME)
    if isinstance(raw, dict):
        return raw
    raw = _read_json(d / "config.json")
    return raw if isinstance(raw, dict) and "infembed_version" in raw else None


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None


# ----------------------------------------------------------------------------- card data


def read_card_data(directory: str | os.PathLike) -> dict:
    """``model_card.json`` of ``directory`` (``{}`` when there is none or it is unreadable)."""
    raw = _read_json(Path(directory) / CARD_DATA_NAME)
    return raw if isinstance(raw, dict) else {}


def _update_card_data(directory: Path, update) -> dict:
    from .io import atomic_write_json

    data = read_card_data(directory)
    update(data)
    atomic_write_json(directory / CARD_DATA_NAME, data)
    return data


def file_fingerprint(path: str | os.PathLike) -> dict[str, Any]:
    """``{"sha256", "bytes"}`` of a file, or of a directory's files (sha256 over each relative path
    and its sha256, in sorted order); ``{}`` for a name that is neither (a hub dataset)."""
    p = Path(path)

    def digest(f: Path) -> str:
        h = hashlib.sha256()
        with open(f, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        return h.hexdigest()

    if p.is_file():
        return {"sha256": digest(p), "bytes": p.stat().st_size}
    if p.is_dir():
        h = hashlib.sha256()
        size = 0
        for f in sorted(x for x in p.rglob("*") if x.is_file()):
            h.update(f"{f.relative_to(p).as_posix()}\0{digest(f)}\n".encode())
            size += f.stat().st_size
        return {"sha256": h.hexdigest(), "bytes": size}
    return {}


def training_record(train_config: Mapping[str, Any], *, rows: int, skipped: int, summary: Mapping[str, Any],
                    first_loss: float | None = None, world_size: int = 1, precision: str = "") -> dict:
    """What :func:`record_training` stores about a finished ``infembed train`` run.

    Args:
        train_config: the run's :class:`~infembed.recipe.TrainConfig` as a dict (``dataclasses.asdict``).
        rows, skipped: training rows read, and invalid rows skipped.
        summary: ``Trainer.fit()``'s summary (``steps``, ``total_steps``, ``final_loss``).
    """
    from . import __version__

    data = str(train_config.get("data", ""))
    return {
        "base_model": train_config.get("model"),
        "data": {"source": data, "name": Path(data).name or data, **file_fingerprint(data), "rows": rows,
                 "skipped_invalid": skipped},
        "loss": train_config.get("loss"),
        "steps": summary.get("steps"), "total_steps": summary.get("total_steps"),
        "first_loss": first_loss, "final_loss": summary.get("final_loss"),
        "world_size": world_size, "precision": precision,
        "recipe": {k: v for k, v in train_config.items() if k not in _NOT_RECIPE},
        "infembed_version": __version__,
        "finished_utc": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def record_training(directory: str | os.PathLike, record: Mapping[str, Any]) -> Path | None:
    """Store a training record (:func:`training_record`) in ``model_card.json`` and re-render the card."""
    d = Path(directory)
    _update_card_data(d, lambda data: data.__setitem__("training", dict(record)))
    return write_model_card(d)


def evaluation_entry(report: Mapping[str, Any], metrics_path: str | os.PathLike | None = None) -> dict:
    """The card's summary of an ``infembed eval`` report (:func:`infembed.evaluate.evaluate_benchmark`):
    the printed table's columns per task (raw values) plus what identifies the evaluation."""
    from .evaluate import TABLE_COLUMNS, _get

    bench = report["benchmark"]
    cols = TABLE_COLUMNS[bench]
    rows = [[name, *[_get(m, p) for _, p in cols]] for name, m in report["tasks"].items()]
    if len(report["tasks"]) > 1 and report.get("average"):
        rows.append(["average", *[report["average"].get(".".join(p)) for _, p in cols]])
    return {
        "benchmark": bench, "data": str(report.get("data", "")), "protocol": report.get("protocol"),
        "top_k": report.get("top_k"), "settings": dict(report.get("settings") or {}),
        "columns": [h for h, _ in cols], "rows": rows,
        "metrics_file": str(metrics_path) if metrics_path is not None else None,
        "recorded_utc": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def _evaluation_key(entry: Mapping[str, Any]) -> str:
    ident = {k: entry.get(k) for k in ("benchmark", "data", "protocol", "top_k", "settings")}
    return json.dumps(ident, sort_keys=True)


def record_evaluation(directory: str | os.PathLike, entry: Mapping[str, Any]) -> Path | None:
    """Add an evaluation (:func:`evaluation_entry`) to ``model_card.json`` and re-render the card.

    The same benchmark, data, protocol, top-k and settings again replace the earlier entry, so running
    one evaluation twice leaves one row set, not two."""
    d = Path(directory)

    def update(data: dict) -> None:
        evals = [e for e in data.get("evaluations", []) if _evaluation_key(e) != _evaluation_key(entry)]
        data["evaluations"] = [*evals, dict(entry)]

    _update_card_data(d, update)
    return write_model_card(d)


def set_model_id(directory: str | os.PathLike, model_id: str) -> Path | None:
    """Name the model (a Hub id) in the card's usage snippets, and re-render it."""
    d = Path(directory)
    _update_card_data(d, lambda data: data.__setitem__("model_id", model_id))
    return write_model_card(d)


# ----------------------------------------------------------------------------- rendering


def write_model_card(directory: str | os.PathLike) -> Path | None:
    """Render ``README.md`` from the directory's files; returns its path, or ``None`` when the
    directory is not an infembed model or its README.md is someone else's (left untouched)."""
    from .io import atomic_write_bytes

    d = Path(directory)
    settings = infembed_settings(d)
    if settings is None:
        return None
    card = d / CARD_NAME
    if card.is_file():
        try:
            head = card.read_text(encoding="utf-8")[:4096]
        except (OSError, UnicodeDecodeError):
            head = ""
        if CARD_MARK not in head:
            log.warning("%s is not an infembed model card; leaving it as it is", card)
            return None
    text = render_model_card(settings, _read_json(d / "config.json") or {}, read_card_data(d),
                             first_format=not (d / INFEMBED_CONFIG_NAME).is_file(),
                             sentence_transformers=(d / "modules.json").is_file(),
                             default_id=f"path/to/{d.resolve().name}")
    atomic_write_bytes(card, text.encode("utf-8"))
    return card


def _hub_base_model(name: str | None) -> str | None:
    """The Hub id of a base model given as an embedded name or a Hub id; ``None`` for a local path."""
    if not name:
        return None
    try:
        from .model import EMBEDDED_HUB_IDS, EMBEDDED_MODELS
    except ImportError:  # torch missing: the card still renders
        EMBEDDED_HUB_IDS, EMBEDDED_MODELS = {}, {}  # noqa: N806
    key = str(name).lower()
    if key in EMBEDDED_MODELS:
        return EMBEDDED_HUB_IDS.get(EMBEDDED_MODELS[key])
    if re.fullmatch(r"[A-Za-z0-9][\w.-]*/[\w.-]+", str(name)) and not Path(str(name)).exists():
        return str(name)
    return None


def _fmt(v: Any) -> str:
    if v is None or (isinstance(v, float) and v != v):
        return "n/a"
    return f"{100 * v:.2f}" if isinstance(v, (int, float)) else str(v)


def _md_code(text: str) -> str:
    return "`" + str(text).replace("\n", "\\n").replace("`", "'") + "`" if text else "(none)"


def _pooling_code(pooling: str) -> str:
    if pooling == "mean":
        return ("m = batch[\"attention_mask\"].unsqueeze(-1).to(h.dtype)\n"
                "    e = (h * m).sum(1) / m.sum(1).clamp(min=1)                 # mean over real tokens")
    mask = "batch[\"attention_mask\"]"
    if pooling == "cls":
        return f"e = h[torch.arange(len(h)), {mask}.argmax(1)]                # the first real token (CLS)"
    return (f"last = {mask}.shape[1] - 1 - {mask}.flip(1).argmax(1)\n"
            "    e = h[torch.arange(len(h)), last]                          # the last real token")


def render_model_card(settings: Mapping[str, Any], backbone_config: Mapping[str, Any], data: Mapping[str, Any],
                      *, first_format: bool = False, sentence_transformers: bool = False,
                      default_id: str = "path/to/model") -> str:
    """The card's Markdown (with Hugging Face YAML front matter), from saved settings and card data."""
    from . import __version__

    s = dict(settings)
    training = data.get("training") or {}
    evaluations = data.get("evaluations") or []
    model_id = data.get("model_id") or default_id
    mode = s.get("mode", "joint")
    shared = s.get("shared_backbone", True)
    pooling = s.get("pooling", "mean")
    normalize = s.get("normalize", True)
    template = s.get("query_template", "{query} {instruction}")
    q_prompt, p_prompt = s.get("query_prompt", ""), s.get("passage_prompt", "")
    q_len, p_len = s.get("query_max_length"), s.get("passage_max_length")
    arch = (backbone_config.get("architectures") or [backbone_config.get("model_type", "?")])[0]
    base = _hub_base_model(training.get("base_model") or s.get("backbone"))
    dim = backbone_config.get("hidden_size")

    tags = ["infembed", "instruction-following", "retrieval", "feature-extraction"]
    if sentence_transformers:
        tags.insert(0, "sentence-transformers")
    front = ["---", f"library_name: {'sentence-transformers' if sentence_transformers else 'transformers'}",
             f"pipeline_tag: {'sentence-similarity' if sentence_transformers else 'feature-extraction'}", "tags:"]
    front += [f"- {t}" for t in tags]
    if base:
        front.append(f"base_model: {base}")
    front.append("---")

    title = model_id.rstrip("/").split("/")[-1]
    out = [*front, CARD_MARK, "", f"# {title}", "",
           "An instruction-following retriever in the way of InF-Embed "
           "([arXiv 2505.21439](https://arxiv.org/abs/2505.21439)): a bi-encoder that embeds an "
           "(instruction, query) pair and a passage, trained with [infembed](https://pypi.org/project/infembed/)"
           f" {s.get('infembed_version', __version__)}.", ""]
    if first_format:
        out += ["> This directory is in infembed's first format: only infembed loads it. Re-save it with "
                "`InfEmbed.from_pretrained(dir).save_pretrained(new_dir)` to make it loadable by transformers "
                "and sentence-transformers too.", ""]

    out += ["## Model", "", "| setting | value |", "|---|---|",
            f"| base model | {base or training.get('base_model') or s.get('backbone', 'n/a')} |",
            f"| backbone | {arch}" + (f", {dim} dims, {backbone_config.get('num_hidden_layers', '?')} layers" if dim else "")
            + " |",
            f"| towers | {'one backbone for queries and passages' if shared else 'separate query and passage backbones'} |",
            f"| query mode | {mode} |",
            f"| query template (joint) | {_md_code(template)} |",
            f"| query prompt / passage prompt | {_md_code(q_prompt)} / {_md_code(p_prompt)} |",
            f"| pooling | {pooling} |",
            f"| normalised | {'yes: score = cosine' if normalize else 'no: score = dot product'} |",
            f"| max tokens, query / passage | {q_len} / {p_len} |",
            f"| training temperature τ | {s.get('temperature')} |",
            f"| padding side | {s.get('padding_side', 'right')}" + (" (EOS appended)" if s.get("append_eos") else "") + " |",
            ""]

    out += ["### What loads where", ""]
    out.append("- **infembed** loads everything: `InfEmbed.from_pretrained(...)` restores every setting above.")
    if sentence_transformers:
        out.append("- **sentence-transformers** loads this directory as is (Transformer → Pooling"
                   + (" → Normalize" if normalize else "") + ") and gives infembed's embeddings when the query "
                   f"text is formatted with the template above. It truncates queries at {p_len} tokens "
                   + (f"(infembed: {q_len})." if q_len != p_len else "(as infembed).") + "")
    else:
        out.append("- **sentence-transformers** cannot hold this model as is: "
                   + _st_reason(mode, shared, bool(s.get("append_eos"))) + ". Use infembed.")
    tower = "the passage tower" if (mode != "joint" or not shared) else "the backbone (both sides)"
    out.append(f"- **transformers** `AutoModel` / `AutoTokenizer` load {tower} from the directory root"
               + (f"; the query tower is in `{QUERY_TOWER_DIR}/`" if not shared else "")
               + f"; pool ({pooling})" + (" and L2-normalise" if normalize else "") + " as in the snippet below.")
    out.append("")

    out += _training_section(training)
    out += _evaluation_section(evaluations)
    out += _usage_section(model_id, mode, shared, pooling, normalize, template, q_prompt, p_prompt, q_len, p_len,
                          bool(s.get("append_eos")), sentence_transformers)
    return "\n".join(out).rstrip() + "\n"


def _st_reason(mode: str, shared: bool, append_eos: bool) -> str:
    if mode != "joint":
        return (f"in `{mode}` mode the query embedding is the instruction tokens' attention over the query "
                "tokens, which sentence-transformers cannot compute without custom code")
    if not shared:
        return "it has separate query and passage backbones"
    if append_eos:
        return "infembed appends the EOS token to every text, which sentence-transformers does not"
    return "the directory has no sentence-transformers files"


def _training_section(t: Mapping[str, Any]) -> list[str]:
    if not t:
        return ["## Training", "", "No training run is recorded for this directory (it was saved by "
                "`save_pretrained`; `infembed train` records its run here).", ""]
    d = t.get("data") or {}
    fp = f"sha256 `{d['sha256']}`, {d.get('bytes', 0):,} bytes" if d.get("sha256") else "no file fingerprint (a hub dataset)"
    final = t.get("final_loss")
    first = t.get("first_loss")
    out = ["## Training", "",
           f"- base model: `{t.get('base_model')}`",
           f"- data: `{d.get('name')}` ({fp}); {d.get('rows', 0):,} InF-IR rows"
           + (f", {d['skipped_invalid']} invalid rows skipped" if d.get("skipped_invalid") else "")
           + " (each row gives three (instruction, query, passage) pairs)",
           f"- loss: `{t.get('loss')}`",
           f"- steps: {t.get('steps')} of {t.get('total_steps')}; loss "
           + (f"{first:.4f} → " if isinstance(first, (int, float)) else "")
           + (f"{final:.4f} (final step)" if isinstance(final, (int, float)) else "n/a"),
           f"- processes: {t.get('world_size', 1)}; precision: {t.get('precision') or 'n/a'}; "
           f"infembed {t.get('infembed_version')}; finished {t.get('finished_utc')}",
           "", "Recipe (every `infembed train` setting):", "", "| setting | value |", "|---|---|"]
    out += [f"| {k} | {_md_code(json.dumps(v)) if isinstance(v, str) else v} |" for k, v in (t.get("recipe") or {}).items()]
    return [*out, ""]


def _evaluation_section(evaluations: Sequence[Mapping[str, Any]]) -> list[str]:
    if not evaluations:
        return []
    out = ["## Evaluation", "",
           "Recorded by `infembed eval` (and `infembed quickstart`) on this directory (values ×100; p-MRR in "
           "−100…100). Running the same evaluation again replaces its table.", ""]
    for e in evaluations:
        settings = e.get("settings") or {}
        extra = ", ".join(f"{k} {_md_code(v) if isinstance(v, str) else v}" for k, v in settings.items())
        out += [f"### {e.get('benchmark')} — `{e.get('data')}`", "",
                f"protocol {e.get('protocol')}, top-k {e.get('top_k')}" + (f"; {extra}" if extra else "")
                + (f"; metrics: `{e['metrics_file']}`" if e.get("metrics_file") else "")
                + f"; recorded {e.get('recorded_utc')}", ""]
        cols = ["task", *e.get("columns", [])]
        out += ["| " + " | ".join(cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
        out += ["| " + " | ".join([str(r[0]), *[_fmt(v) for v in r[1:]]]) + " |" for r in e.get("rows", [])]
        out.append("")
    return out


def _with_prompt(prompt: str, text: str) -> str:
    """Python source for ``prompt + text`` (just the text when there is no prompt)."""
    return f"{prompt!r} + {text!r}" if prompt else repr(text)


def _usage_section(model_id: str, mode: str, shared: bool, pooling: str, normalize: bool, template: str,
                   q_prompt: str, p_prompt: str, q_len, p_len, append_eos: bool, st: bool) -> list[str]:
    try:
        example_q = template.format(query="best tent", instruction="for winter camping above the tree line")
    except (KeyError, IndexError, ValueError):
        example_q = "best tent for winter camping above the tree line"
    out = ["## Usage", "", "### infembed", "", "```python", "from infembed import InfEmbed", "",
           f'model = InfEmbed.from_pretrained("{model_id}")',
           'q = model.encode_queries(["best tent"], ["for winter camping above the tree line"])  # [1, d] float32',
           'p = model.encode_corpus(["A four-season tent carries snow loads and keeps out wind."])',
           "scores = q @ p.T" + ("  # cosine" if normalize else "  # dot product"), "```", "",
           "Or from the command line: `infembed encode --model DIR ...`, `infembed search`, `infembed eval "
           "--model DIR` (which adds its results to this card).", ""]
    if st:
        out += ["### sentence-transformers", "", "```python", "from sentence_transformers import SentenceTransformer", "",
                f'model = SentenceTransformer("{model_id}")',
                f"# queries carry their instruction through infembed's template {template!r}",
                f'q = model.encode([{example_q!r}], prompt_name="query")',
                'p = model.encode(["A four-season tent carries snow loads and keeps out wind."], prompt_name="document")',
                "scores = model.similarity(q, p)", "```", ""]
    else:
        out += ["### sentence-transformers", "", f"Not supported: {_st_reason(mode, shared, append_eos)}.", ""]
    eos = "\n    texts = [t + tok.eos_token for t in texts]                   # infembed appends EOS" if append_eos else ""
    norm = "\n    return F.normalize(e, dim=-1)" if normalize else "\n    return e"
    qdir = f'"{model_id}/{QUERY_TOWER_DIR}"' if not shared else f'"{model_id}"'
    out += ["### transformers", "", "```python", "import torch", "import torch.nn.functional as F",
            "from transformers import AutoModel, AutoTokenizer", "",
            f'tok = AutoTokenizer.from_pretrained("{model_id}")',
            f'passage_encoder = AutoModel.from_pretrained("{model_id}").eval()']
    if not shared:
        out.append(f"query_encoder = AutoModel.from_pretrained({qdir}).eval()  # a local dir; on the Hub: subfolder=\"{QUERY_TOWER_DIR}\"")
    out += ["", "def embed(encoder, texts, max_length):" + eos,
            "    batch = tok(texts, padding=True, truncation=True, max_length=max_length, return_tensors=\"pt\")",
            "    with torch.no_grad():",
            "        h = encoder(**batch).last_hidden_state                   # [b, L, d]",
            "    " + _pooling_code(pooling) + norm, "",
            f"p = embed(passage_encoder, [{_with_prompt(p_prompt, 'A four-season tent carries snow loads.')}], {p_len})"]
    if mode == "joint":
        enc = "query_encoder" if not shared else "passage_encoder"
        out.append(f"q = embed({enc}, [{_with_prompt(q_prompt, example_q)}], {q_len})")
    else:
        enc = "query_encoder" if not shared else "passage_encoder"
        out += ["",
                "# iq_attention queries: the instruction's tokens attend over the query's tokens (one head, no",
                "# projections), then a mean over the instruction tokens; infembed does this in a fused kernel.",
                "def states(texts, max_length):",
                "    batch = tok(texts, padding=True, truncation=True, max_length=max_length, return_tensors=\"pt\")",
                "    with torch.no_grad():",
                f"        h = {enc}(**batch).last_hidden_state",
                "    m = batch[\"attention_mask\"].to(h.dtype)",
                "    return h * m[..., None], m",
                "",
                f"h_i, m_i = states([\"for winter camping above the tree line\"], {q_len})",
                f"h_q, m_q = states([{_with_prompt(q_prompt, 'best tent')}], {q_len})",
                "s = h_i @ h_q.transpose(1, 2) / h_i.shape[-1] ** 0.5             # [b, L_I, L_Q]",
                "s = s.masked_fill(m_q[:, None, :] == 0, float(\"-inf\"))",
                "z = (s.softmax(-1) @ h_q * m_i[..., None]).sum(1) / m_i.sum(1, keepdim=True)",
                "q = F.normalize(z, dim=-1)" if normalize else "q = z"]
    out += ["scores = q @ p.T", "```", ""]
    return out


__all__ = ["CARD_NAME", "CARD_DATA_NAME", "CARD_MARK", "model_dir_kind", "infembed_settings", "read_card_data",
           "file_fingerprint", "training_record", "record_training", "evaluation_entry", "record_evaluation",
           "set_model_id", "write_model_card", "render_model_card"]
