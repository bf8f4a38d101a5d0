"""Loss catalogue (InF-Embed, arXiv 2505.21439) against an independent per-row brute force, gradcheck, the
instruction-negative sampler (never the own instruction text, always the poisoned sibling), input errors."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from conftest import assert_close

from infembed import losses
from infembed.losses import (
    LOSS_VARIANTS,
    REFERENCE_ALIASES,
    ContrastiveLoss,
    contrastive_loss,
    instruction_variant_texts,
    parse_variant,
    sample_instruction_negatives,
)

# Written out by hand from the paper's loss table (not derived from losses.parse_variant).
BLOCKS = {
    "P": ("uni", ["QK"]),
    "IQ": ("uni", ["KQ"]),
    "I": ("uni", ["n"]),
    "uni:P+IQ": ("uni", ["QK", "KQ"]),
    "uni:P+I": ("uni", ["QK", "n"]),
    "uni:I+IQ": ("uni", ["KQ", "n"]),
    "uni:P+I+IQ": ("uni", ["QK", "KQ", "n"]),
    "multi:P+IQ": ("multi", ["QK", "KQ"]),
    "multi:P+I": ("multi", ["QK", "n"]),
    "multi:I+IQ": ("multi", ["KQ", "n"]),
    "multi:P+I+IQ": ("multi", ["QK", "KQ", "n"]),
}


def brute_force(x, p, v, variant, tau):
    """Explicit per-row candidate list + log-softmax, in float64, one python loop per row."""
    mode, blocks = BLOCKS[variant]
    x, p = x.double(), p.double()
    v = None if v is None else v.double()
    b, n = x.shape[0], p.shape[0]

    def s(a, c):
        return (a * c).sum() / tau

    total = x.new_zeros(())
    for i in range(b):
        qk = [s(x[i], p[j]) for j in range(n)]  # target i
        kq = [s(p[i], x[j]) for j in range(b)]  # target i
        nn_ = [s(x[i], p[i])] + ([s(v[i, k], p[i]) for k in range(v.shape[1])] if v is not None else [])
        if mode == "multi" or len(blocks) == 1:
            for blk in blocks:
                cands, target = {"QK": (qk, i), "KQ": (kq, i), "n": (nn_, 0)}[blk]
                total = total - torch.log_softmax(torch.stack(cands), 0)[target]
            continue
        # uni: one softmax; the positive s(x_i, p_i) appears once, at position `target`.
        cands, target = [], None
        if "QK" in blocks:
            target = i
            cands += qk
        if "KQ" in blocks:
            if target is None:
                target = len(cands) + i
                cands += kq
            else:
                cands += [kq[j] for j in range(b) if j != i]  # KQ diagonal duplicates the positive
        if "n" in blocks:
            cands += nn_[1:]  # n[i, 0] duplicates the positive
        total = total - torch.log_softmax(torch.stack(cands), 0)[target]
    return total / b


def make(b, n, k, d, dtype=torch.float32, gen_seed=0):
    g = torch.Generator().manual_seed(gen_seed)
    x = F.normalize(torch.randn(b, d, generator=g, dtype=torch.float64), dim=-1).to(dtype)
    p = F.normalize(torch.randn(n, d, generator=g, dtype=torch.float64), dim=-1).to(dtype)
    v = F.normalize(torch.randn(b, k - 1, d, generator=g, dtype=torch.float64), dim=-1).to(dtype)
    # Make some instruction variants close to the positive so the I block matters numerically.
    v[:, 0] = F.normalize(x.double() + 0.3 * v[:, 0].double(), dim=-1).to(dtype)
    return x.requires_grad_(), p.requires_grad_(), v.requires_grad_()


def test_variant_names_are_the_eleven():
    assert set(LOSS_VARIANTS) == set(BLOCKS) and len(LOSS_VARIANTS) == 11
    for name in LOSS_VARIANTS:
        assert parse_variant(name).name == name


@pytest.mark.parametrize("variant", LOSS_VARIANTS)
@pytest.mark.parametrize("b,n,k", [(5, 5, 4), (7, 11, 3), (1, 3, 2)])
def test_value_and_grad_match_brute_force(variant, b, n, k):
    tau = 0.05
    x, p, v = make(b, n, k, 16)
    uses_i = "n" in BLOCKS[variant][1]
    out = contrastive_loss(x, p, variant=variant, temperature=tau, instruction_variants=v if uses_i else None)
    gx, gp, *gv = torch.autograd.grad(out, [x, p, v] if uses_i else [x, p])

    x2, p2, v2 = (t.detach().double().requires_grad_() for t in (x, p, v))
    ref = brute_force(x2, p2, v2 if uses_i else None, variant, tau)
    rx, rp, *rv = torch.autograd.grad(ref, [x2, p2, v2] if uses_i else [x2, p2])

    assert out.dtype == torch.float32
    assert_close(out, ref, dtype=torch.float32, what=f"{variant} value")
    assert_close(gx, rx, dtype=torch.float32, atol=1e-4, what=f"{variant} dx")
    assert_close(gp, rp, dtype=torch.float32, atol=1e-4, what=f"{variant} dp")
    if uses_i:
        assert_close(gv[0], rv[0], dtype=torch.float32, atol=1e-4, what=f"{variant} dv")
        assert rv[0].abs().max() > 1e-6  # the I block really contributes (non-zero gradient)


@pytest.mark.parametrize("variant", LOSS_VARIANTS)
def test_gradcheck_float64(variant):
    x, p, v = make(3, 4, 3, 5, dtype=torch.float64)
    uses_i = "n" in BLOCKS[variant][1]

    def fn(x, p, v):
        return contrastive_loss(x, p, variant=variant, temperature=0.5, instruction_variants=v if uses_i else None)

    assert torch.autograd.gradcheck(fn, (x, p, v), eps=1e-6, atol=1e-6)
    ref = brute_force(x, p, v if uses_i else None, variant, 0.5)
    assert_close(fn(x, p, v), ref, dtype=torch.float64, what=variant)


def test_big_blocks_go_through_contrastive_lse(monkeypatch):
    calls = []
    real = losses.contrastive_lse

    def spy(x, p, scale, **kw):
        calls.append((tuple(x.shape), tuple(p.shape), kw))
        return real(x, p, scale, **kw)

    monkeypatch.setattr(losses, "contrastive_lse", spy)
    x, p, v = make(4, 6, 3, 8)
    contrastive_loss(x, p, variant="uni:P+I+IQ", instruction_variants=v)
    assert calls == [((4, 8), (6, 8), {"with_cols": True, "mask_diagonal_in_cols": True})]
    calls.clear()
    contrastive_loss(x, p, variant="multi:P+IQ")
    assert calls == [((4, 8), (6, 8), {"with_cols": True, "mask_diagonal_in_cols": False})]
    calls.clear()
    contrastive_loss(x, p, variant="IQ")  # KQ rows: p[:B] against x
    assert calls == [((4, 8), (4, 8), {"with_cols": False, "mask_diagonal_in_cols": False})]


def test_scale_is_exactly_one_over_tau():
    x, p, _ = make(4, 4, 2, 8)
    s = x.detach() @ p.detach().T / 0.07
    expected = (torch.logsumexp(s, 1) - s.diag()).mean()
    assert_close(contrastive_loss(x, p, temperature=0.07), expected, what="P with tau=0.07")


def test_bf16_close_to_fp32():
    x, p, v = make(6, 8, 3, 32)
    ref = contrastive_loss(x, p, variant="multi:P+I+IQ", instruction_variants=v)
    got = contrastive_loss(x.bfloat16(), p.bfloat16(), variant="multi:P+I+IQ", instruction_variants=v.bfloat16())
    assert got.dtype == torch.float32
    assert abs(got.item() - ref.item()) < 0.2  # bf16 rounding of unit vectors, logits ×20


@pytest.mark.parametrize("alias,name", sorted(REFERENCE_ALIASES.items()))
def test_reference_aliases(alias, name):
    x, p, v = make(4, 4, 3, 8)
    a = contrastive_loss(x, p, variant=alias, instruction_variants=v)
    b = contrastive_loss(x, p, variant="/".join(alias), instruction_variants=v)
    c = contrastive_loss(x, p, variant=name, instruction_variants=v)
    assert a.item() == b.item() == c.item()


def test_term_order_and_module():
    assert parse_variant("uni:IQ+P").name == "uni:P+IQ"
    assert parse_variant("multi:IQ+I+P").name == "multi:P+I+IQ"
    x, p, v = make(5, 5, 3, 8)
    mod = ContrastiveLoss("multi:I+IQ", temperature=0.1, gather=False)
    assert mod.needs_instruction_variants
    assert mod(x, p, v).item() == contrastive_loss(
        x, p, variant="multi:I+IQ", temperature=0.1, instruction_variants=v
    ).item()
    assert "multi:I+IQ" in repr(mod)


def test_extra_passages_only_extend_qk_rows():
    # N > B: extra passages are ℓ_P negatives; ℓ_IQ is unchanged by them.
    x, p, _ = make(4, 9, 2, 8)
    assert contrastive_loss(x, p, variant="IQ").item() == pytest.approx(
        contrastive_loss(x, p[:4], variant="IQ").item(), abs=1e-6
    )
    assert contrastive_loss(x, p, variant="P").item() > contrastive_loss(x, p[:4], variant="P").item()


def test_input_errors():
    x, p, v = make(4, 4, 3, 8)
    with pytest.raises(ValueError, match="valid: P, IQ, I, uni:P\\+IQ"):
        contrastive_loss(x, p, variant="PQ")
    with pytest.raises(ValueError, match="unknown loss variant"):
        contrastive_loss(x, p, variant="P+IQ")  # mode prefix required for a combination
    with pytest.raises(ValueError, match="unknown reference-code loss"):
        contrastive_loss(x, p, variant=("basic", "only_neg"))
    with pytest.raises(ValueError, match="needs instruction_variants"):
        contrastive_loss(x, p, variant="uni:P+I")
    with pytest.raises(ValueError, match="instruction_variants must have shape"):
        contrastive_loss(x, p, variant="I", instruction_variants=v[:3])
    with pytest.raises(ValueError, match="at least as many rows"):
        contrastive_loss(x, p[:3])
    with pytest.raises(ValueError, match="embedding dim"):
        contrastive_loss(x, p[:, :5])
    with pytest.raises(ValueError, match="2-D"):
        contrastive_loss(x[0], p)
    for bad in (0.0, -0.1, float("nan")):
        with pytest.raises(ValueError, match="temperature"):
            contrastive_loss(x, p, temperature=bad)
    with pytest.raises(ValueError, match="dtype"):
        contrastive_loss(x, p.double())


# ------------------------------------------------------------------ instruction negatives


def inf_ir_batch(n_rows):
    """Pairs as the batcher emits them: (Q+,I+), (Q+,I-), (Q-,I+) per row, rows adjacent."""
    row_ids, queries, instructions = [], [], []
    for r in range(n_rows):
        ip, im = f"I+ of row {r}", f"I- of row {r}"
        if r % 4 == 3:
            ip = "I+ of row 0"  # another row re-uses row 0's instruction text: must dedupe
        for q, i in ((f"Q+{r}", ip), (f"Q+{r}", im), (f"Q-{r}", ip)):
            row_ids.append(r)
            queries.append(q)
            instructions.append(i)
    return row_ids, queries, instructions


def _oracle_candidates(row_ids, instructions, i):
    """Independent statement of the rule: every distinct text but pair i's own; the texts of pair
    i's own row (other than its own) are mandatory."""
    texts = set(instructions) - {instructions[i]}
    mandatory = {instructions[j] for j in range(len(row_ids)) if row_ids[j] == row_ids[i]} - {instructions[i]}
    return texts, mandatory


@pytest.mark.parametrize("gen_kind", ["torch", "numpy", "seed"])
def test_own_instruction_never_sampled_and_poisoned_sibling_always(gen_kind):
    row_ids, queries, instructions = inf_ir_batch(8)  # B = 24
    b, k = len(row_ids), 5
    gen = {"torch": torch.Generator().manual_seed(1), "numpy": np.random.default_rng(1), "seed": None}[gen_kind]
    seen = [set() for _ in range(b)]
    for draw in range(200):
        idx = sample_instruction_negatives(row_ids, instructions, k, gen if gen is not None else draw)
        assert idx.shape == (b, k) and idx.dtype == torch.long
        for i in range(b):
            texts = [instructions[j] for j in idx[i].tolist()]
            allowed, mandatory = _oracle_candidates(row_ids, instructions, i)
            assert len(set(texts)) == k, "duplicate instruction text among one pair's negatives"
            assert set(texts) <= allowed, f"pair {i}: its own instruction text was sampled"
            assert mandatory <= set(texts), f"pair {i}: its row's other instruction is missing"
            # hence (Q_i, I_j) never recreates the positive input (Q_i, I_i)
            assert all((queries[i], t) != (queries[i], instructions[i]) for t in texts)
            seen[i].update(texts)
    # Every admissible distinct text does get drawn (the sampler is not stuck on a subset).
    for i in range(b):
        assert seen[i] == _oracle_candidates(row_ids, instructions, i)[0]


def test_poisoned_instruction_is_the_hardest_l_i_negative_and_is_used():
    # One InF-IR row whose I- differs from I+ by one word, plus easy off-topic rows: embedded with a
    # table where (Q+, I-) sits next to P+, so I- is the hardest ℓ_I negative of (I+, Q+) → P+.
    row_ids, queries, instructions = inf_ir_batch(6)
    g = torch.Generator().manual_seed(0)
    table = {t: torch.randn(16, generator=g) for t in set(queries) | set(instructions)}
    table[instructions[1]] = table[instructions[0]] + 0.05 * torch.randn(16, generator=g)  # I- ≈ I+

    def emb(qs, ins):
        return F.normalize(torch.stack([table[q] + table[i] for q, i in zip(qs, ins, strict=True)]), dim=-1)

    x = emb(queries, instructions)
    p = x.clone()
    idx = sample_instruction_negatives(row_ids, instructions, 2, 0)
    assert instructions[1] in [instructions[j] for j in idx[0].tolist()]
    qf, inf = instruction_variant_texts(queries, instructions, idx)
    v = emb(qf, inf).view(len(queries), 2, 16)
    scores = (v[0] @ p[0]).tolist()
    hardest = max(scores)
    assert hardest == scores[[instructions[j] for j in idx[0].tolist()].index(instructions[1])]
    # Every other candidate text scores lower for pair 0: I- really is the hardest one.
    others = [t for t in set(instructions) - {instructions[0], instructions[1]}]
    assert all(float(emb([queries[0]], [t])[0] @ p[0]) < hardest for t in others)


def test_sampler_is_deterministic_and_uniform():
    row_ids = [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3]
    instructions = [f"i{r}{t}" for r in range(4) for t in ("a", "b", "a")]
    a = sample_instruction_negatives(row_ids, instructions, 3, 7)
    assert torch.equal(a, sample_instruction_negatives(row_ids, instructions, 3, 7))
    # Pair 0 always gets its sibling's "i0b"; the other 2 slots are uniform over the 6 texts of the
    # other rows: each drawn 1/3 of the time.
    counts = torch.zeros(len(row_ids))
    g = torch.Generator().manual_seed(0)
    for _ in range(600):
        for j in sample_instruction_negatives(row_ids, instructions, 3, g)[0].tolist():
            counts[j] += 1
    assert counts[1] == 600
    drawn = counts[3:][counts[3:] > 0]
    assert len(drawn) == 6 and (drawn / 600).sub(1 / 3).abs().max() < 0.08


def test_sampler_errors():
    row_ids = [0, 0, 0, 1, 1, 1]
    instructions = ["a", "b", "a", "c", "d", "c"]
    with pytest.raises(ValueError, match=r"only 3 admissible.*smaller K.*bigger batch"):
        sample_instruction_negatives(row_ids, instructions, 4, 0)
    with pytest.raises(ValueError, match="num_negatives"):
        sample_instruction_negatives(row_ids, instructions, 0, 0)
    with pytest.raises(ValueError, match="instructions has"):
        sample_instruction_negatives(row_ids, instructions[:5], 1, 0)
    with pytest.raises(TypeError, match="generator"):
        sample_instruction_negatives(row_ids, instructions, 1, "seed")


def test_instruction_variant_texts_layout():
    queries = ["q0", "q1", "q2"]
    instructions = ["i0", "i1", "i2"]
    idx = torch.tensor([[1, 2], [2, 0], [0, 1]])
    qf, inf = instruction_variant_texts(queries, instructions, idx)
    assert qf == ["q0", "q0", "q1", "q1", "q2", "q2"]
    assert inf == ["i1", "i2", "i2", "i0", "i0", "i1"]
    with pytest.raises(ValueError, match="idx values"):
        instruction_variant_texts(queries, instructions, torch.tensor([[3], [0], [1]]))
    with pytest.raises(ValueError, match="shape"):
        instruction_variant_texts(queries, instructions, torch.tensor([1, 2, 0]))


def test_end_to_end_with_sampled_negatives():
    # Embed texts with a fixed random table; the sampled variants never equal the positive input.
    row_ids, queries, instructions = inf_ir_batch(4)
    g = torch.Generator().manual_seed(0)
    table = {t: torch.randn(16, generator=g) for t in set(queries) | set(instructions)}

    def emb(qs, ins):
        return F.normalize(torch.stack([table[q] + table[i] for q, i in zip(qs, ins, strict=True)]), dim=-1)

    idx = sample_instruction_negatives(row_ids, instructions, 3, 0)
    qf, inf = instruction_variant_texts(queries, instructions, idx)
    x = emb(queries, instructions)  # [12, 16]
    v = emb(qf, inf).view(len(queries), 3, 16)  # [12, 3, 16]
    assert not torch.isclose(v, x[:, None, :], atol=1e-6).all(-1).any()
    p = F.normalize(torch.randn(12, 16, generator=g), dim=-1)
    loss = contrastive_loss(x, p, variant="multi:P+I+IQ", instruction_variants=v)
    assert torch.isfinite(loss)


@pytest.mark.gpu
@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
@pytest.mark.parametrize("variant", LOSS_VARIANTS)
def test_cuda_matches_cpu(variant, dtype):
    """On CUDA the blocks go through the fused kernel; compare with the CPU reference path."""
    b, n, k, d = 37, 53, 4, 64  # odd sizes, N > B
    # Round the inputs through `dtype` first so only the kernel's arithmetic differs.
    x, p, v = (t.detach().to(dtype).float().requires_grad_() for t in make(b, n, k, d))
    uses_i = "n" in BLOCKS[variant][1]
    ins = [x, p, v] if uses_i else [x, p]
    ref = contrastive_loss(x, p, variant=variant, instruction_variants=v if uses_i else None)
    ref_grads = torch.autograd.grad(ref, ins)
    xc, pc, vc = (t.detach().to("cuda", dtype).requires_grad_() for t in (x, p, v))
    insc = [xc, pc, vc] if uses_i else [xc, pc]
    out = contrastive_loss(xc, pc, variant=variant, instruction_variants=vc if uses_i else None)
    grads = torch.autograd.grad(out, insc)
    tol = 1e-4 if dtype == torch.float32 else 2e-2
    assert_close(out.cpu(), ref, atol=tol * 10, rtol=tol, what=f"{variant} {dtype} value")
    for g, r, name in zip(grads, ref_grads, "xpv", strict=False):
        assert_close(g.float().cpu(), r, atol=tol, rtol=tol * 10, what=f"{variant} {dtype} d{name}")


_INTERPRET_SCRIPT = r"""
import torch, torch.nn.functional as F
from infembed import losses
from infembed.kernels.contrastive import contrastive_lse as fused
reference = losses.contrastive_lse
g = torch.Generator().manual_seed(0)
x = F.normalize(torch.randn(5, 16, generator=g), dim=-1).requires_grad_()
p = F.normalize(torch.randn(7, 16, generator=g), dim=-1).requires_grad_()
v = F.normalize(torch.randn(5, 2, 16, generator=g), dim=-1).requires_grad_()
for var in losses.LOSS_VARIANTS:
    res = []
    for fn in (reference, fused):
        losses.contrastive_lse = fn
        loss = losses.contrastive_loss(x, p, variant=var, instruction_variants=v)
        res.append([loss, *torch.autograd.grad(loss, [x, p, v], allow_unused=True)])
    for a, b in zip(*res):
        if a is None or b is None:
            assert a is None and b is None, var
            continue
        torch.testing.assert_close(a, b, atol=1e-5, rtol=1e-4, msg=var)
print("ok", len(losses.LOSS_VARIANTS))
"""


def test_fused_kernel_under_triton_interpreter():
    """Every variant through the Triton kernel (CPU interpreter) equals the reference path."""
    pytest.importorskip("triton")
    import os
    import subprocess
    import sys

    env = {**os.environ, "TRITON_INTERPRET": "1"}
    res = subprocess.run([sys.executable, "-c", _INTERPRET_SCRIPT], env=env, capture_output=True,
                         text=True, timeout=120)
    assert res.returncode == 0, res.stderr[-3000:]
    assert res.stdout.strip() == "ok 11"
