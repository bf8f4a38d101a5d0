"""Keep the checkout's ``kernels/`` and ``corpus_tools/`` folders from shadowing installed packages.

Both folders are installed as subpackages, ``infembed.kernels`` and ``infembed.corpus_tools``. Run
from a checkout (``python -c``, ``python -m pytest``, a REPL or notebook in the repository root), the
root is ``sys.path[0]``, so a plain ``import kernels`` finds the folder before the installed
distribution that owns the top-level name: Hugging Face's ``kernels``, which transformers ≥ 5.25
imports when ``transformers.activations`` loads. So each folder's ``__init__.py``, when it is loaded
under its top-level name, calls :func:`hand_over_top_level_name`, which puts in its place the first
module of that name on the rest of ``sys.path``; with none installed, an empty namespace package,
which is what Python gives for a folder without ``__init__.py`` and what transformers' availability
checks read as "not installed".

Why not simply drop the ``__init__.py`` files (a PEP 420 namespace portion loses to a regular
package anywhere on ``sys.path``): setuptools' editable finder cannot map a namespace subpackage to a
folder outside its parent, so an editable install would lose ``infembed.kernels`` (tried: the import
fails). This module imports only the standard library: it runs before anything else of infembed.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import sys


def hand_over_top_level_name(name: str, init_file: str) -> None:
    """Replace ``sys.modules[name]`` (a checkout folder being imported) by the installed ``name``.

    ``init_file`` is the folder's ``__init__.py``; every ``sys.path`` entry that is the checkout root
    (``''``, ``'.'``, the absolute path) is skipped when looking for the installed module. The
    ``import`` statement that is running returns whatever ``sys.modules[name]`` holds when the folder's
    ``__init__.py`` finishes, so the caller needs nothing else.
    """
    root = os.path.realpath(os.path.dirname(os.path.dirname(os.path.abspath(init_file))))
    rest = [entry for entry in sys.path if os.path.realpath(entry or os.curdir) != root]
    spec = importlib.machinery.PathFinder.find_spec(name, rest)
    if spec is None:
        spec = importlib.machinery.ModuleSpec(name, None, is_package=True)
        spec.submodule_search_locations = []  # a namespace package with nothing in it
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
