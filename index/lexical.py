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

from index.locks import write_lock
from index.store import Store

logging.getLogger("bm25s").setLevel(logging.WARNING)  # it sets itself to DEBUG
log = logging.getLogger(__name__)

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
    def for_store(cls, store: Store, data_dir: Path, reuse: LexicalIndex | None = None) -> LexicalIndex:
        """The BM25 index matching the store's current chunks: ``reuse`` if it still does, else
        from the cache, or rebuilt.

        A cache that does not load, or holds other chunks than Chroma, is rebuilt from
        Chroma with a one-line warning; it is written whole (fsync'd, then renamed into
        place) by one writer at a time.
        """
        current = fingerprint(chunk_ids := store.chunk_ids())
        if reuse is not None and reuse.fingerprint == current:
            return reuse
        folder = cache_folder(store, data_dir)
        cached = folder / current
        loaded = _load(cached, len(chunk_ids))
        if loaded is not None:
            return cls(loaded, current)
        with write_lock(data_dir, "a BM25 cache rebuild"):
            loaded = _load(cached, len(chunk_ids), warn=False)  # another writer may have just made it
            if loaded is not None:
                return cls(loaded, current)
            nodes = store.chunk_nodes()
            if not nodes:
                return cls(None, current)
            retriever = BM25Retriever.from_defaults(nodes=nodes, similarity_top_k=min(CANDIDATES, len(nodes)))
            folder.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(dir=folder, prefix=".staging-"))
            retriever.persist(str(staging), show_progress=False)
            _fsync_tree(staging)
            if cached.exists():
                shutil.rmtree(cached)
            os.replace(staging, cached)  # appears whole or not at all
            _fsync_tree(folder, files=False)
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


def cache_folder(store: Store, data_dir: Path) -> Path:
    """Where the BM25 cache of ``store`` lives (one subfolder per chunk fingerprint)."""
    return Path(data_dir) / "bm25" / store.name


def _load(cached: Path, n_chunks: int, warn: bool = True) -> BM25Retriever | None:
    """The cached BM25 retriever if it loads and holds ``n_chunks`` chunks; None otherwise."""
    if not cached.is_dir():
        return None
    try:
        retriever = BM25Retriever.from_persist_dir(str(cached))
        if len(retriever.corpus) == n_chunks:
            return retriever
        problem = f"it holds {len(retriever.corpus)} chunks, Chroma {n_chunks}"
    except Exception as error:  # any damage: truncated, garbled or missing files
        problem = f"{type(error).__name__}: {error}"
    if warn:
        log.warning("BM25 cache %s is damaged (%s); rebuilding it from Chroma", cached, problem)
    return None


def _fsync_tree(folder: Path, files: bool = True) -> None:
    """Flush a folder's files (and the folder itself) to disk before it is renamed into place."""
    paths = [p for p in folder.iterdir() if p.is_file()] if files else []
    for path in [*paths, folder]:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
