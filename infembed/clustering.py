"""Spherical k-means over L2-normalised embeddings, for topic-grouped training batches.

``infembed train --batch-grouping cluster`` clusters the training rows by the starting model's
embedding of their query, then draws each batch from one cluster (:class:`infembed.data.RowBatcher`
with ``groups``), so that in-batch negatives are on-topic passages rather than random ones, as in
topic-aware sampling (TAS, Hofstätter et al., 2021). Plain numpy: a few hundred thousand rows take
seconds, and the result depends only on the embeddings and the seed.
"""

from __future__ import annotations

import numpy as np

__all__ = ["spherical_kmeans"]

_CHUNK = 8192  # rows per similarity block: bounds memory at CHUNK × k floats


def _nearest(x: np.ndarray, centroids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(labels [N], cosine to the nearest centroid [N])`` for rows ``x [N, D]``, ``centroids [k, D]``."""
    labels = np.empty(len(x), dtype=np.int64)
    best = np.empty(len(x), dtype=np.float32)
    for start in range(0, len(x), _CHUNK):
        sims = x[start:start + _CHUNK] @ centroids.T  # [chunk, k]
        labels[start:start + _CHUNK] = sims.argmax(axis=1)
        best[start:start + _CHUNK] = sims.max(axis=1)
    return labels, best


def spherical_kmeans(x: np.ndarray, k: int, *, seed: int = 0, iterations: int = 25) -> np.ndarray:
    """Cluster unit vectors by cosine similarity (Lloyd's iterations from k-means++ seeds).

    Args:
        x: ``[N, D]`` embeddings; rows are L2-normalised here (a zero row stays zero and joins
            whichever cluster argmax picks).
        k: number of clusters, ``1 ≤ k ≤ N``.
        seed: seeds the k-means++ draws; the same ``(x, k, seed)`` gives the same labels.
        iterations: at most this many assignment / update rounds (stops early when nothing moves).

    Returns:
        ``[N]`` int64 labels in ``[0, k)``; every cluster is non-empty (an emptied cluster takes the
        row farthest from its centroid).

    Example:
        >>> x = np.array([[1, 0], [0.9, 0.1], [0, 1], [0.1, 0.9]], dtype=np.float32)
        >>> labels = spherical_kmeans(x, 2, seed=0)
        >>> bool(labels[0] == labels[1] != labels[2] == labels[3])
        True
    """
    x = np.asarray(x, dtype=np.float32)
    if x.ndim != 2 or len(x) == 0:
        raise ValueError(f"spherical_kmeans: expected a non-empty [N, D] array, got shape {x.shape}")
    if not 1 <= k <= len(x):
        raise ValueError(f"spherical_kmeans: k={k} clusters for {len(x)} rows; need 1 ≤ k ≤ {len(x)}")
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    x = x / np.where(norms > 0, norms, 1.0)
    rng = np.random.default_rng(seed)

    # k-means++ seeding on the cosine distance 1 - cos: spread-out starting centroids
    centroids = np.empty((k, x.shape[1]), dtype=np.float32)
    centroids[0] = x[rng.integers(len(x))]
    dist = np.maximum(1.0 - x @ centroids[0], 0.0)
    for j in range(1, k):
        total = float(dist.sum())
        pick = rng.choice(len(x), p=dist / total) if total > 0 else rng.integers(len(x))
        centroids[j] = x[pick]
        dist = np.minimum(dist, np.maximum(1.0 - x @ centroids[j], 0.0))

    labels = np.full(len(x), -1, dtype=np.int64)
    for _ in range(iterations):
        new_labels, best = _nearest(x, centroids)
        counts = np.bincount(new_labels, minlength=k)
        for empty in np.flatnonzero(counts == 0):  # refill from the worst-fitting row of a big cluster
            donors = counts[new_labels] > 1
            far = int(np.argmin(np.where(donors, best, np.inf)))
            counts[new_labels[far]] -= 1
            new_labels[far], best[far] = empty, 1.0
            counts[empty] = 1
        if np.array_equal(new_labels, labels):
            break
        labels = new_labels
        order = np.argsort(labels, kind="stable")
        starts = np.searchsorted(labels[order], np.arange(k))  # every cluster is non-empty here
        sums = np.add.reduceat(x[order], starts, axis=0)  # [k, D]
        lengths = np.linalg.norm(sums, axis=1, keepdims=True)
        centroids = np.where(lengths > 0, sums / np.where(lengths > 0, lengths, 1.0), centroids)
    return labels
