"""Builds the one compiled piece of infembed: the exact top-k scorer ``infembed._topk``.

Everything else is declared in ``pyproject.toml``. The CPU target always builds; SIMD kernels are
chosen at run time inside the extension (no ``-march=native``), so the wheel is portable.
Build switches are environment variables:

- ``INFEMBED_DEBUG_BUILD=1``: ``-O0 -g`` instead of ``-O3``.
"""

import os

from pybind11.setup_helpers import Pybind11Extension, build_ext
from setuptools import setup

_debug = os.environ.get("INFEMBED_DEBUG_BUILD") == "1"

topk = Pybind11Extension(
    "infembed._topk",
    sources=["csrc/topk.cpp", "csrc/bindings.cpp"],
    include_dirs=["csrc"],
    cxx_std=17,
    extra_compile_args=(["-O0", "-g"] if _debug else ["-O3"]) + ["-fvisibility=hidden"],
    extra_link_args=["-pthread"],
)

setup(ext_modules=[topk], cmdclass={"build_ext": build_ext})
