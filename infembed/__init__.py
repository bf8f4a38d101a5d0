"""infembed: instruction-following retrieval (InF-IR / InF-Embed, arXiv 2505.21439) as an engine.

Public API (imported lazily, so ``import infembed`` is cheap)::

    from infembed import InfEmbed, contrastive_loss, read_rows
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_LAZY = {
    "InfEmbed": "infembed.model",
    "InfEmbedConfig": "infembed.model",
    "contrastive_loss": "infembed.losses",
    "LOSS_VARIANTS": "infembed.losses",
    "read_rows": "infembed.data",
    "InfIRRow": "infembed.data",
    "RowBatcher": "infembed.data",
}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'infembed' has no attribute {name!r}")


__all__ = list(_LAZY) + ["__version__"]
