"""csrc/topk.cpp beyond the extension's own build: the C++ self-test under the system compiler and
clang, and a compile-only check of the AArch64 NEON path (zig's clang cross-compiler, from the
``ziglang`` wheel in the dev extra). These catch code that only one compiler or architecture sees."""

from __future__ import annotations

import importlib.util
import platform
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CSRC = ROOT / "csrc"
SOURCES = [str(CSRC / "topk_selftest.cpp"), str(CSRC / "topk.cpp")]
FLAGS = ["-std=c++17", "-O2", f"-I{CSRC}"]
HAS_ZIG = importlib.util.find_spec("ziglang") is not None
ZIG_CXX = [sys.executable, "-m", "ziglang", "c++"]


def run(cmd: list[str], timeout: int = 600) -> subprocess.CompletedProcess:
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    assert out.returncode == 0, f"{' '.join(cmd)}\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}"
    return out


@pytest.mark.skipif(shutil.which("c++") is None, reason="no C++ compiler on PATH")
def test_selftest_with_the_system_compiler(tmp_path):
    exe = tmp_path / "selftest"
    run(["c++", *FLAGS, *SOURCES, "-pthread", "-o", str(exe)])
    out = run([str(exe)]).stdout
    assert "0 wrong" in out and "scalar" in out, out
    from infembed import _topk  # the self-test ran every path the extension reports (the bf16 ones included)

    assert set(_topk.supported_simd()) <= set(out.splitlines()[0].split()), out


@pytest.mark.skipif(not HAS_ZIG, reason="ziglang (dev extra) not installed")
@pytest.mark.parametrize("target", ["aarch64-linux-gnu", "aarch64-macos"])
def test_neon_path_compiles_for_aarch64(tmp_path, target):
    obj = tmp_path / "topk.o"
    run([*ZIG_CXX, "-target", target, *FLAGS, "-Werror=unknown-pragmas", "-c", str(CSRC / "topk.cpp"),
         "-o", str(obj)])
    assert obj.stat().st_size > 0


@pytest.mark.slow  # the first zig link builds libc++ for the target (about a minute, then cached)
@pytest.mark.skipif(not HAS_ZIG or platform.machine() != "x86_64", reason="needs ziglang on x86_64")
def test_selftest_with_clang(tmp_path):
    exe = tmp_path / "selftest_clang"
    run([*ZIG_CXX, "-target", "x86_64-linux-gnu", *FLAGS, *SOURCES, "-lpthread", "-o", str(exe)])
    out = run([str(exe)]).stdout
    assert "0 wrong" in out, out
