"""Fused ops of infembed, each with a plain-PyTorch reference.

- ``ops.py``: the public entry points, ``contrastive_lse`` and ``iq_attention``; they dispatch to the
  Triton kernel on CUDA tensors and to the reference elsewhere (``INFEMBED_FORCE_REFERENCE=1``
  forces the reference everywhere: debugging, bisecting a numerical difference).
- ``contrastive.py``, ``iq_attention.py``: kernel → launcher → ``autograd.Function`` → functional.
- ``reference.py``: the plain-PyTorch twins (test oracle and CPU path).

``iq_attention`` is imported from ``infembed.kernels.ops``: at package level the name belongs to
the ``iq_attention`` submodule (importing a submodule rebinds the package attribute).
This package never imports the rest of ``infembed``, except ``infembed._checkout`` (standard
library only) when a checkout's root is on ``sys.path`` and something imports the top-level name
``kernels``: that name belongs to Hugging Face's ``kernels`` package, which transformers imports.
"""

from __future__ import annotations

if __name__ == "kernels":  # this folder, found through a checkout's root: not ours to answer
    from infembed._checkout import hand_over_top_level_name

    hand_over_top_level_name(__name__, __file__)
else:
    from .ops import contrastive_lse
    from .reference import contrastive_lse_reference, iq_attention_reference

    __all__ = ["contrastive_lse", "contrastive_lse_reference", "iq_attention_reference"]
