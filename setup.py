"""Builds the one compiled piece of infembed: the exact top-k scorer ``infembed._topk``.

Everything else is declared in ``pyproject.toml``. The CPU target always builds; SIMD kernels are
chosen at run time inside the extension (no ``-march=native``), so the wheel is portable.
Build switches are environment variables:

- ``INFEMBED_DEBUG_BUILD=1``: ``-O0 -g`` instead of ``-O3``.

The optional CUDA top-k (``csrc/topk_cuda.cu`` + ``csrc/topk_cuda_binding.cpp``) is not built here:
``infembed/_ext.py`` compiles it with ``torch.utils.cpp_extension.load`` on first use, and only on a
machine with a CUDA build of torch (no nvcc/CUDA needed to install the package).
"""

import os

from pybind11.setup_helpers import Pybind11Extension, build_ext
from setuptools import setup

_debug = os.environ.get("INFEMBED_DEBUG_BUILD") == "1"

topk = Pybind11Extension(
    "infembed._topk",
    sources=["csrc/topk.cpp", "csrc/bindings.cpp"],
    include_dirs=["csrc"],
    depends=["csrc/topk.h", "csrc/topk_kernels.inc"],
    cxx_std=17,
    extra_compile_args=(["-O0", "-g"] if _debug else ["-O3"]) + ["-fvisibility=hidden"],
    extra_link_args=["-pthread"],
)

setup(ext_modules=[topk], cmdclass={"build_ext": build_ext})
