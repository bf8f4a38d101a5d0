"""BM25 baseline through the ``bm25s`` package — the lexical sanity row of every table.

* Query string: ``query + " " + instruction`` (BM25 is bag-of-words, so the order does not matter;
  MAIR's reference BM25 and FollowIR's BM25 baselines also use query and instruction together).
* Tokenisation: ``bm25s.tokenize`` (lower-case, ``\\w\\w+`` tokens, English stop words), no stemmer.
* Scoring: ``bm25s.BM25()`` defaults (Lucene variant, k1=1.5, b=0.75), indexed on the **whole
  corpus** of the task so IDF is the corpus's. ``rerank`` reads the full score vector and keeps
  the candidates; ``retrieve`` takes the top k of the same vector, so both protocols agree when
  the candidates are the whole corpus.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

import numpy as np

from .eval_tasks import EvalTask, Run

log = logging.getLogger(__name__)


def bm25_query_text(query: str, instruction: str) -> str:
    """The string BM25 searches with: ``query + " " + instruction`` (stripped)."""
    return f"{query} {instruction}".strip()


class BM25Index:
    """A ``bm25s`` index over ``doc_ids`` / ``texts`` with a full-score lookup.

    Args:
        doc_ids: ``N`` ids. texts: ``N`` strings.
    """

    def __init__(self, doc_ids: Sequence[str], texts: Sequence[str], *, stopwords: str = "en",
                 k1: float = 1.5, b: float = 0.75) -> None:
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at DEBUG
        if len(doc_ids) != len(texts):
            raise ValueError(f"{len(doc_ids)} doc ids but {len(texts)} texts")
        if not doc_ids:
            raise ValueError("cannot index an empty corpus")
        self.doc_ids = list(doc_ids)
        self.stopwords = stopwords
        self._bm25s = bm25s
        tokens = bm25s.tokenize(list(texts), stopwords=stopwords, show_progress=False)
        self.retriever = bm25s.BM25(k1=k1, b=b)
        self.retriever.index(tokens, show_progress=False)
        self.vocab = tokens.vocab

    def scores(self, text: str) -> np.ndarray:
        """BM25 score of every document for one query string: ``[N]`` float32."""
        toks = self._bm25s.tokenize([text], stopwords=self.stopwords, return_ids=False, show_progress=False)[0]
        toks = [t for t in toks if t in self.vocab]  # unseen terms contribute nothing
        if not toks:
            return np.zeros(len(self.doc_ids), dtype=np.float32)
        return np.asarray(self.retriever.get_scores(toks), dtype=np.float32)


class BM25Scorer:
    """BM25 as an evaluation model (``--model bm25``); see the module docstring for the rules."""

    name = "bm25"

    def __init__(self, stopwords: str = "en") -> None:
        self.stopwords = stopwords
        self._index: tuple[int, BM25Index] | None = None

    def _index_for(self, task: EvalTask) -> BM25Index:
        if self._index is None or self._index[0] != id(task):
            ids = list(task.corpus)
            self._index = (id(task), BM25Index(ids, [task.corpus[d] for d in ids], stopwords=self.stopwords))
        return self._index[1]

    def _query_scores(self, task: EvalTask, qid: str) -> np.ndarray:
        q = task.queries[qid]
        return self._index_for(task).scores(bm25_query_text(q.text, q.instruction))

    def score_candidates(self, task: EvalTask, qids: Sequence[str], candidates: Mapping[str, Sequence[str]]) -> Run:
        index = self._index_for(task)
        pos = {d: i for i, d in enumerate(index.doc_ids)}
        run: Run = {}
        for qid in qids:
            s = self._query_scores(task, qid)
            run[qid] = {d: float(s[pos[d]]) for d in dict.fromkeys(candidates[qid])}
        return run

    def search(self, task: EvalTask, qids: Sequence[str], top_k: int) -> Run:
        index = self._index_for(task)
        run: Run = {}
        for qid in qids:
            s = self._query_scores(task, qid)
            ex = task.excluded_ids.get(qid, set()) if task.excluded_ids else set()
            k = min(top_k + len(ex), len(s))
            top = np.argpartition(-s, k - 1)[:k] if k < len(s) else np.arange(len(s))
            docs = {index.doc_ids[i]: float(s[i]) for i in top}
            for d in ex:
                docs.pop(d, None)
            run[qid] = docs
        return run


__all__ = ["bm25_query_text", "BM25Index", "BM25Scorer"]
