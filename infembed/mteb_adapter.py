"""Run an :class:`~infembed.model.InfEmbed` under mteb v2 (optional extra: ``pip install 'infembed[eval]'``).

mteb builds query batches with separate ``query`` and ``instruction`` columns (besides a joined
``text``; ``mteb/_create_dataloaders.py``), so this wrapper hands the two to
``InfEmbed.encode_queries(queries, instructions)`` **apart**: an ``iq_attention`` model sees the
instruction as its own sequence, and a ``joint`` model formats them with its own template.
Tasks without per-query instructions fall back to mteb's task instruction (``get_instruction``).

``mteb.evaluate`` keeps a custom model only if it carries a real ``ModelMeta``
(``evaluate._sanitize_model``); :func:`infembed_model_meta` builds one. Given a model dir or Hub id,
its ``loader`` builds this adapter, so ``meta.load_model()`` works; :func:`register_infembed_model`
also puts it in mteb's model registry, so ``mteb.get_model(name)`` finds it. mteb has no public call
for registering a model: this writes to ``mteb.models.model_implementations.MODEL_REGISTRY``, the dict
``mteb.get_model_meta`` reads (mteb 2.x). Without the registry, mteb's own fallback for an unknown Hub
id loads a joint-mode model as a SentenceTransformer, which joins instruction and query its own way;
the infembed loader keeps them apart.

mteb is optional: this module imports it only when a function here is called.

Example:
    >>> import mteb                                               # doctest: +SKIP
    >>> from infembed.mteb_adapter import InfEmbedMTEB, register_infembed_model
    >>> model = InfEmbedMTEB("runs/my-model")                     # or an InfEmbed object
    >>> tasks = mteb.get_tasks(tasks=["Robust04InstructionRetrieval"])
    >>> results = mteb.evaluate(model, tasks, encode_kwargs={"batch_size": 64})
    >>> register_infembed_model("runs/my-model", name="me/my-model")  # or a Hub id "org/name"
    >>> model = mteb.get_model("me/my-model")                     # the same adapter, built by the loader
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np


def _require_mteb():
    try:
        import mteb
    except ImportError as e:
        raise ImportError("the mteb adapter needs mteb v2: pip install 'infembed[eval]'") from e
    return mteb


def infembed_model_meta(model: Any, name: str | None = None, revision: str | None = None, **load_kwargs):
    """A ``mteb.models.ModelMeta`` describing an InfEmbed, with a ``loader`` that builds the adapter.

    Args:
        model: an InfEmbed, or a model dir / Hub id / embedded name (loaded here to read its size).
        name: ``"org/model"`` (mteb's rule); by default ``"infembed/<backbone>"``.
        revision: the meta's revision; by default the model's weight fingerprint, so cached results
            follow the weights.
        **load_kwargs: for ``InfEmbed.from_pretrained`` when the loader runs (``mode``, ``pooling``,
            ``dtype``, ``hub_revision`` for the Hub revision ...).

    Returns:
        ``ModelMeta`` whose ``loader(name, revision=..., device=...)`` returns an :class:`InfEmbedMTEB`;
        for an InfEmbed object (no path to reload it from) the loader is ``None`` unless
        ``model_path`` is given in ``load_kwargs``.
    """
    _require_mteb()
    from mteb.models.model_meta import ModelMeta, ScoringFunction

    model_path = load_kwargs.pop("model_path", None)
    if isinstance(model, str) or hasattr(model, "__fspath__"):
        model_path = str(model)
        model = _load_infembed(model_path, dict(load_kwargs))
    cfg = getattr(model, "config", None)
    backbone = str(getattr(cfg, "backbone", type(model).__name__)).rstrip("/").split("/")[-1] or "model"
    if name is None:
        name = f"infembed/{backbone}"
    elif "/" not in name:
        name = f"infembed/{name}"
    if revision is None and callable(getattr(model, "fingerprint", None)):
        revision = str(model.fingerprint())
    n_params = None
    if callable(getattr(model, "parameters", None)):
        n_params = int(sum(p.numel() for p in model.parameters()))
    max_tokens = getattr(cfg, "passage_max_length", None)
    return ModelMeta(
        loader=_load_for_mteb if model_path is not None else None,
        loader_kwargs={"model_path": model_path, **load_kwargs} if model_path is not None else {},
        name=name,
        revision=revision,
        release_date=None,
        languages=None,
        n_parameters=n_params,
        memory_usage_mb=round(n_params * 4 / 2**20, 1) if n_params else None,  # fp32 weights
        max_tokens=float(max_tokens) if max_tokens else None,
        embed_dim=int(getattr(model, "dim", 0)) or None,
        license=None,
        open_weights=None,
        public_training_code=None,
        public_training_data=None,
        framework=["PyTorch", "Transformers"],
        similarity_fn_name=ScoringFunction.COSINE,  # the adapter returns L2-normalised rows
        use_instructions=True,
        training_datasets=None,
    )


def _load_infembed(model_path: str, load_kwargs: dict):
    from .model import InfEmbed

    hub_revision = load_kwargs.pop("hub_revision", None)
    load_kwargs.pop("device", None)
    return InfEmbed.from_pretrained(model_path, revision=hub_revision, **load_kwargs)


def _load_for_mteb(model_name: str, revision: str | None = None, *, model_path: str, device: str | None = None,
                   batch_size: int = 32, use_task_instructions: bool = True, **load_kwargs):
    """The ``ModelMeta.loader`` of :func:`infembed_model_meta`: mteb calls it as
    ``loader(name, revision=meta.revision, **meta.loader_kwargs, device=...)``."""
    net = _load_infembed(model_path, dict(load_kwargs))
    if device:
        net = net.to(device)
    return _adapter_class()(net, name=model_name, revision=revision, batch_size=batch_size,
                            use_task_instructions=use_task_instructions, model_path=model_path, **load_kwargs)


def register_infembed_model(model: Any, name: str | None = None, revision: str | None = None, **load_kwargs):
    """Build :func:`infembed_model_meta` for a model dir or Hub id and add it to mteb's registry, so
    ``mteb.get_model(meta.name)`` returns the adapter. Returns the ``ModelMeta``.

    Example:
        >>> meta = register_infembed_model("runs/my-model", name="me/my-model")   # doctest: +SKIP
        >>> mteb.get_model("me/my-model")                                           # doctest: +SKIP
    """
    _require_mteb()
    from mteb.models.model_implementations import MODEL_REGISTRY

    if not (isinstance(model, str) or hasattr(model, "__fspath__")):
        raise TypeError("register_infembed_model needs a model dir or Hub id (mteb.get_model loads the model from "
                        "it); for an InfEmbed object use InfEmbedMTEB(model) directly")
    meta = infembed_model_meta(model, name, revision, **load_kwargs)
    MODEL_REGISTRY[meta.name] = meta
    return meta


@functools.cache
def _adapter_class():  # one class, however it is reached (import, loader)
    _require_mteb()
    from mteb.models.abs_encoder import AbsEncoder
    from mteb.types import PromptType

    class InfEmbedMTEB(AbsEncoder):
        """mteb ``AbsEncoder`` around an InfEmbed; reads ``query`` and ``instruction`` separately.

        Args:
            model: an InfEmbed, or a name/dir for ``InfEmbed.from_pretrained``.
            name, revision: for the ``ModelMeta`` (see :func:`infembed_model_meta`).
            batch_size: default when mteb passes none.
            use_task_instructions: give queries mteb's task instruction when the batch has none.
        """

        def __init__(self, model: Any, *, name: str | None = None, revision: str | None = None,
                     batch_size: int = 32, use_task_instructions: bool = True, **load_kwargs) -> None:
            model_path = load_kwargs.pop("model_path", None)
            if isinstance(model, str) or hasattr(model, "__fspath__"):
                model_path = str(model)
                model = _load_infembed(model_path, dict(load_kwargs))
            for attr in ("encode_queries", "encode_corpus"):
                if not callable(getattr(model, attr, None)):
                    raise TypeError(f"{type(model).__name__} has no {attr}(); pass an InfEmbed")
            self.model = model
            self.batch_size = batch_size
            self.use_task_instructions = use_task_instructions
            if model_path is not None:
                load_kwargs["model_path"] = model_path
            self.mteb_model_meta = infembed_model_meta(model, name, revision, **load_kwargs)

        def encode(self, inputs, *, task_metadata, hf_split: str, hf_subset: str,
                   prompt_type: PromptType | None = None, **kwargs) -> np.ndarray:
            """Embed mteb batches: ``[n, d]`` float32 (L2-normalised; mteb scores with cosine)."""
            batch_size = int(kwargs.get("batch_size") or self.batch_size)
            task_instruction = ""
            if self.use_task_instructions and prompt_type == PromptType.query:
                task_instruction = self.get_instruction(task_metadata, prompt_type) or ""
            out = []
            for batch in inputs:
                if prompt_type == PromptType.query:
                    queries = list(batch.get("query") or batch["text"])
                    instructions = batch.get("instruction")
                    if instructions is None or not any(instructions):
                        instructions = [task_instruction] * len(queries)
                    emb = self.model.encode_queries(queries, [i or "" for i in instructions],
                                                    batch_size=batch_size, show_progress_bar=False)
                else:
                    emb = self.model.encode_corpus(list(batch["text"]), batch_size=batch_size,
                                                   show_progress_bar=False)
                out.append(np.asarray(emb, dtype=np.float32))
            if not out:
                return np.zeros((0, int(getattr(self.model, "dim", 0))), dtype=np.float32)
            return np.concatenate(out)

    return InfEmbedMTEB


def __getattr__(name: str):
    # ``from infembed.mteb_adapter import InfEmbedMTEB`` imports mteb only at that moment.
    if name == "InfEmbedMTEB":
        cls = _adapter_class()
        globals()[name] = cls
        return cls
    raise AttributeError(name)


__all__ = ["InfEmbedMTEB", "infembed_model_meta", "register_infembed_model"]  # noqa: F822 (InfEmbedMTEB is built lazily by __getattr__)
