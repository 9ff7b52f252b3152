"""The lexical (BM25) index, always derived from the chunks in Chroma.

It is a cache: its folder is named by a fingerprint of the chunk ids in Chroma (ids carry
the article's content hash), so after any build, finished or interrupted, a mismatch is
seen and the index is rebuilt from Chroma. It can never disagree with the vector store.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
from pathlib import Path

from llama_index.core.schema import NodeWithScore, QueryBundle
from llama_index.retrievers.bm25 import BM25Retriever

from index.store import Store

logging.getLogger("bm25s").setLevel(logging.WARNING)  # it sets itself to DEBUG

CANDIDATES = 100
"""How many hits one BM25 query returns at most (callers take the best k of them)."""


def fingerprint(chunk_ids: list[str]) -> str:
    return hashlib.sha256("\n".join(sorted(chunk_ids)).encode()).hexdigest()[:16]


class LexicalIndex:
    """BM25 over the chunks of one store, via llama-index's `BM25Retriever`."""

    def __init__(self, retriever: BM25Retriever | None, fingerprint: str):
        self._retriever = retriever
        self.fingerprint = fingerprint

    @classmethod
    def for_store(cls, store: Store, cache_root: Path) -> LexicalIndex:
        """The BM25 index matching the store's current chunks: from the cache, or rebuilt."""
        current = fingerprint(store.chunk_ids())
        folder = cache_root / store.name
        cached = folder / current
        if cached.is_dir():
            return cls(BM25Retriever.from_persist_dir(str(cached)), current)
        nodes = store.chunk_nodes()
        if not nodes:
            return cls(None, current)
        retriever = BM25Retriever.from_defaults(nodes=nodes, similarity_top_k=min(CANDIDATES, len(nodes)))
        folder.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=folder, prefix=".staging-"))
        retriever.persist(str(staging), show_progress=False)
        os.replace(staging, cached)  # appears whole or not at all
        for old in folder.iterdir():
            if old != cached:
                shutil.rmtree(old, ignore_errors=True)
        return cls(retriever, current)

    def retrieve(self, query: str) -> list[NodeWithScore]:
        """The best chunks for ``query`` (up to `CANDIDATES`), best first; none for an empty index."""
        if self._retriever is None:
            return []
        return self._retriever.retrieve(QueryBundle(query))

    @property
    def retriever(self) -> BM25Retriever | None:
        return self._retriever

    @property
    def size(self) -> int:
        return 0 if self._retriever is None else len(self._retriever.corpus)
