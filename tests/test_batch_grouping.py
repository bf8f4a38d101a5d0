"""Topic-grouped batches: ``RowBatcher(groups=…)``, spherical k-means, the rows' ``topic`` field and
``infembed train --batch-grouping``."""

from __future__ import annotations

import json
import subprocess
from collections import Counter

import numpy as np
import pytest
import torch
from conftest import make_rows, spawn_on_gloo
from test_train import _checkpoint_without_setting, _env, _params, _train_cmd

from infembed.clustering import spherical_kmeans
from infembed.data import DataError, InfIRRow, RowBatcher, read_rows
from infembed.recipe import TrainConfig
from infembed.train import batch_groups

# ----------------------------------------------------------------------------- RowBatcher


@pytest.mark.parametrize("sizes, rows_per_batch", [([8, 8, 8, 8], 4), ([7, 11, 13, 5], 4), ([2, 3, 1, 5, 2], 4),
                                                   ([29], 7)])
def test_grouped_batches_cover_each_row_once_and_keep_groups_together(sizes, rows_per_batch):
    groups = np.repeat(np.arange(len(sizes)), sizes)
    np.random.default_rng(0).shuffle(groups)  # group members scattered through the file
    n = len(groups)
    b = RowBatcher(n, rows_per_batch, seed=5, groups=groups)
    for epoch in range(3):
        order = b.epoch_order(epoch)
        assert sorted(order.tolist()) == list(range(n))  # every row once per epoch
        # the order is the groups one after another: each label's rows form one contiguous run
        runs = [int(groups[order[0]])] + [int(groups[j]) for i, j in zip(order, order[1:]) if groups[i] != groups[j]]
        assert sorted(runs) == sorted(set(runs)) == list(range(len(sizes)))
        if min(sizes) >= rows_per_batch:  # then a batch meets at most one group boundary
            assert all(len({int(groups[r]) for r in b.batch_rows(epoch, i)}) <= 2 for i in range(b.batches_per_epoch))
    assert not np.array_equal(b.epoch_order(0), b.epoch_order(1))
    again = RowBatcher(n, rows_per_batch, seed=5, groups=groups)
    assert np.array_equal(again.epoch_order(2), b.epoch_order(2))  # deterministic per (seed, epoch)


def test_grouped_batches_are_pure_when_groups_are_whole_batches():
    groups = np.repeat(np.arange(5), 6)  # 5 groups of 6 rows, batches of 3 rows
    b = RowBatcher(30, 3, seed=1, groups=groups)
    for epoch in range(4):
        for index in range(b.batches_per_epoch):
            assert len({int(groups[r]) for r in b.batch_rows(epoch, index)}) == 1


def test_grouped_batches_split_across_ranks_like_random_ones():
    groups = np.repeat(np.arange(3), 4)
    full = RowBatcher(12, 6, seed=2, groups=groups).batch_rows(1, 1)
    parts = [RowBatcher(12, 6, seed=2, rank=r, world_size=3, groups=groups).batch_rows(1, 1) for r in range(3)]
    assert sum(parts, []) == full
    with pytest.raises(ValueError, match="groups has 11 labels for 12 rows"):
        RowBatcher(12, 6, groups=groups[:11])


# ----------------------------------------------------------------------------- k-means


def test_spherical_kmeans_recovers_separated_clusters_and_is_deterministic():
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(13, 32))
    truth = rng.integers(0, 13, size=997)
    x = (centres[truth] + 0.05 * rng.normal(size=(997, 32))) * rng.uniform(0.5, 3, size=(997, 1))  # any norm
    labels = spherical_kmeans(x, 13, seed=3)
    assert labels.dtype == np.int64 and labels.shape == (997,)
    # each true cluster maps onto exactly one found cluster and vice versa
    pairs = set(zip(truth.tolist(), labels.tolist()))
    assert len(pairs) == 13 and len({f for _, f in pairs}) == 13
    assert np.array_equal(spherical_kmeans(x, 13, seed=3), labels)


def test_spherical_kmeans_never_leaves_a_cluster_empty():
    x = np.ones((7, 4), dtype=np.float32)  # identical rows: every centroid but one would be empty
    labels = spherical_kmeans(x, 7, seed=0)
    assert sorted(labels.tolist()) == list(range(7))
    two = np.array([[1, 0]] * 9 + [[0, 1]], dtype=np.float32)
    assert Counter(spherical_kmeans(two, 3, seed=1).tolist()).keys() == {0, 1, 2}


@pytest.mark.parametrize("x, k, match", [(np.zeros((0, 3)), 1, "non-empty"), (np.ones(4), 1, "non-empty"),
                                         (np.ones((4, 2)), 5, "k=5 clusters for 4 rows"),
                                         (np.ones((4, 2)), 0, "k=0")])
def test_spherical_kmeans_rejects_bad_input(x, k, match):
    with pytest.raises(ValueError, match=match):
        spherical_kmeans(x, k)


# ----------------------------------------------------------------------------- the topic field


def test_rows_keep_their_topic_and_compare_without_it(tmp_path):
    recs = make_rows(3)
    recs[0]["topic"] = "  tents "
    recs[1]["topic"] = 7
    path = tmp_path / "rows.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in recs))
    rows = read_rows(path)
    assert [r.topic for r in rows] == ["tents", "7", ""]
    assert rows[0] == InfIRRow(**make_rows(3)[0])  # the topic is a label, not part of the row
    assert "topic" not in rows[0].to_dict()
    recs[2]["topic"] = ["a", "list"]
    path.write_text("".join(json.dumps(r) + "\n" for r in recs))
    with pytest.raises(DataError, match=r"rows.jsonl:3: field 'topic' must be a string, got list"):
        read_rows(path)


def test_topic_grouping_numbers_topics_and_names_rows_without_one():
    rows = [InfIRRow(**r, topic=t) for r, t in zip(make_rows(5), ["b", "a", "b", "c", "a"])]
    cfg = TrainConfig(data="rows.jsonl", batch_grouping="topic")
    assert batch_groups(cfg, rows, model=None).tolist() == [1, 0, 1, 2, 0]
    assert batch_groups(TrainConfig(data="rows.jsonl"), rows, model=None) is None  # random: no labels
    rows[3] = InfIRRow(**make_rows(5)[3])
    with pytest.raises(ValueError, match=r"--batch-grouping topic: 1 of the 5 rows of rows.jsonl have no 'topic'"):
        batch_groups(cfg, rows, model=None)


def test_cluster_grouping_clusters_the_starting_models_queries(tiny_bert_dir):
    from infembed.model import InfEmbed

    model = InfEmbed.from_pretrained(str(tiny_bert_dir))
    rows = [InfIRRow(**r) for r in make_rows(12)]
    cfg = TrainConfig(data="rows.jsonl", batch_grouping="cluster", batch_size=4, show_progress_bar=False)
    model.train()
    labels = batch_groups(cfg, rows, model)
    assert model.training and model.truncated == {"queries": 0, "passages": 0}  # left as it was
    queries = model.encode_queries([r.query_positive for r in rows], None)
    assert labels.tolist() == spherical_kmeans(queries, 3, seed=cfg.seed).tolist()  # 12 rows / 4 per batch


def test_bad_grouping_is_refused_before_any_work():
    with pytest.raises(ValueError, match=r"--batch-grouping 'topics': choose random, topic, cluster"):
        TrainConfig(data="x.jsonl", batch_grouping="topics").validate()


# ----------------------------------------------------------------------------- end to end


def test_train_with_cluster_grouping_resumes_exactly(tiny_bert_dir, rows_file, tmp_path):
    straight = tmp_path / "straight"
    grouping = ("--batch-grouping", "cluster")
    subprocess.run(_train_cmd(rows_file, tiny_bert_dir, straight, 4, *grouping), check=True, env=_env(),
                   capture_output=True)
    resumed = tmp_path / "resumed"
    first = subprocess.run(_train_cmd(rows_file, tiny_bert_dir, resumed, 4, *grouping, "--stop-after", "2"),
                           env=_env(), capture_output=True, text=True)
    assert first.returncode == 130, first.stderr[-2000:]  # stopped early, as after Ctrl-C
    ckpt = resumed / "checkpoints" / "step-00000002"
    assert len(json.loads((ckpt / "batch_groups.json").read_text())) == 16
    done = subprocess.run(_train_cmd(rows_file, tiny_bert_dir, resumed, 4, *grouping, "--resume"),
                          env=_env(), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    a, b = _params(straight), _params(resumed)
    assert all(torch.equal(a[k], b[k]) for k in a)
    # a checkpoint of random batches is not resumed as a grouped run
    other = subprocess.run(_train_cmd(rows_file, tiny_bert_dir, resumed, 4, "--resume"), env=_env(),
                           capture_output=True, text=True)
    assert other.returncode != 0 and "batch_grouping: checkpoint 'cluster' vs now 'random'" in other.stderr


def test_train_refuses_topic_grouping_of_rows_without_topics(tiny_bert_dir, rows_file, tmp_path):
    proc = subprocess.run(_train_cmd(rows_file, tiny_bert_dir, tmp_path / "o", 2, "--batch-grouping", "topic"),
                          env=_env(), capture_output=True, text=True)
    assert proc.returncode != 0
    assert "--batch-grouping topic: 16 of the 16 rows" in proc.stderr and "Traceback" not in proc.stderr


def _grouping_worker(rank, world, port, tiny_bert_dir, out_dir):
    import os

    import torch.distributed as dist

    from infembed.model import InfEmbed

    os.environ.update(MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port))
    dist.init_process_group("gloo", rank=rank, world_size=world)
    try:
        model = InfEmbed.from_pretrained(str(tiny_bert_dir))
        if rank == 1:  # a rank whose own clustering would differ must still draw rank 0's batches
            with torch.no_grad():
                for p in model.parameters():
                    p.add_(torch.randn_like(p))
        rows = [InfIRRow(**r) for r in make_rows(16)]
        cfg = TrainConfig(data="rows.jsonl", batch_grouping="cluster", batch_size=4, show_progress_bar=False)
        labels = batch_groups(cfg, rows, model)
        own = spherical_kmeans(model.encode_queries([r.query_positive for r in rows], None), 4, seed=cfg.seed)
        np.save(f"{out_dir}/rank{rank}.npy", np.stack([labels, own]))
    finally:
        dist.destroy_process_group()


@pytest.mark.distributed
def test_cluster_labels_come_from_rank_0_on_every_rank(tiny_bert_dir, tmp_path):
    spawn_on_gloo(_grouping_worker, 2, str(tiny_bert_dir), str(tmp_path))
    (labels0, own0), (labels1, own1) = np.load(tmp_path / "rank0.npy"), np.load(tmp_path / "rank1.npy")
    assert np.array_equal(labels0, own0) and np.array_equal(labels1, labels0)
    assert not np.array_equal(own1, own0)  # the control: rank 1 alone would have grouped otherwise


def test_checkpoint_from_before_batch_grouping_resumes_as_random(tiny_bert_dir, rows_file, tmp_path):
    out = tmp_path / "old"
    _checkpoint_without_setting(rows_file, tiny_bert_dir, out, 3, "batch_grouping")
    done = subprocess.run(_train_cmd(rows_file, tiny_bert_dir, out, 3, "--resume"), env=_env(), capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    _checkpoint_without_setting(rows_file, tiny_bert_dir, tmp_path / "g", 3, "batch_grouping")
    refused = subprocess.run(_train_cmd(rows_file, tiny_bert_dir, tmp_path / "g", 3, "--resume",
                                        "--batch-grouping", "cluster"), env=_env(), capture_output=True, text=True)
    assert refused.returncode != 0 and "batch_grouping: checkpoint 'random' vs now 'cluster'" in refused.stderr
