"""The lexical (BM25) index, always derived from the chunks in Chroma.

It is a cache: its folder is named by a fingerprint of the chunk ids in Chroma (ids carry
the article's content hash), so after any build, finished or interrupted, a mismatch is
seen and the index is rebuilt from Chroma. It can never disagree with the vector store.

A rebuild after a change reads and tokenizes only the chunks that are new to the previous
index: every chunk's tokens are kept beside it (`Tokens`), and bm25s indexes them whole again
(its statistics are corpus-wide). The chunks are indexed in id order, so the updated index is
the one a build from scratch makes (adding 10 articles to 100k chunks: seconds, not the minute
of reading every chunk back from Chroma).
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np
import Stemmer
from bm25s.tokenization import Tokenized
from llama_index.core.schema import MetadataMode, NodeWithScore, QueryBundle, TextNode
from llama_index.core.vector_stores.utils import node_to_metadata_dict
from llama_index.retrievers.bm25 import BM25Retriever

from index.locks import write_lock
from index.store import Store

logging.getLogger("bm25s").setLevel(logging.WARNING)  # it sets itself to DEBUG
log = logging.getLogger(__name__)

CANDIDATES = 100
"""How many hits one BM25 query returns at most (callers take the best k of them)."""

TOKENS_FILE = "tokens.npz"
"""The file of a cache folder that holds its chunks' tokens (`Tokens`)."""


def fingerprint(chunk_ids: list[str]) -> str:
    return hashlib.sha256("\n".join(sorted(chunk_ids)).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Tokens:
    """The BM25 tokens of every chunk of an index, in its corpus order: chunk ``i`` holds
    ``vocab[ids[offsets[i]:offsets[i + 1]]]``."""

    vocab: np.ndarray
    ids: np.ndarray
    offsets: np.ndarray

    def of(self, chunk: int) -> np.ndarray:
        """The vocabulary ids of chunk number ``chunk``."""
        return self.ids[self.offsets[chunk]:self.offsets[chunk + 1]]

    def fits(self, n_chunks: int) -> bool:
        """Whether these are well-formed tokens of ``n_chunks`` chunks."""
        offsets, ids = self.offsets, self.ids
        return (len(offsets) == n_chunks + 1 and offsets[0] == 0 and offsets[-1] == len(ids)
                and bool(np.all(np.diff(offsets) >= 0))
                and (len(ids) == 0 or 0 <= ids.min() <= ids.max() < len(self.vocab)))

    def save(self, path: Path) -> None:
        np.savez(path, vocab=self.vocab, ids=self.ids, offsets=self.offsets)

    @classmethod
    def load(cls, path: Path) -> Tokens:
        with np.load(path, allow_pickle=False) as saved:
            return cls(saved["vocab"], saved["ids"], saved["offsets"])


class LexicalIndex:
    """BM25 over the chunks of one store, via llama-index's `BM25Retriever`."""

    def __init__(self, retriever: BM25Retriever | None, fingerprint: str, folder: Path | None = None,
                 tokens: Tokens | None = None):
        self._retriever = retriever
        self.fingerprint = fingerprint
        self._folder = folder
        self._tokens = tokens

    @classmethod
    def for_store(cls, store: Store, data_dir: Path, reuse: LexicalIndex | None = None) -> LexicalIndex:
        """The BM25 index matching the store's current chunks: ``reuse`` if it still does, else
        from the cache, or made from ``reuse`` (or the previous cache) and the chunks new to it.

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
            return cls(loaded, current, cached)
        with write_lock(data_dir, "a BM25 cache rebuild"):
            loaded = _load(cached, len(chunk_ids), warn=False)  # another writer may have just made it
            if loaded is not None:
                return cls(loaded, current, cached)
            if not chunk_ids:
                return cls(None, current)
            retriever, tokens = _index(chunk_ids, store, reuse if reuse is not None else _previous(folder, cached))
            folder.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(dir=folder, prefix=".staging-"))
            retriever.persist(str(staging), show_progress=False)
            tokens.save(staging / TOKENS_FILE)
            _fsync_tree(staging)
            if cached.exists():
                shutil.rmtree(cached)
            os.replace(staging, cached)  # appears whole or not at all
            _fsync_tree(folder, files=False)
            for old in folder.iterdir():
                if old != cached:
                    shutil.rmtree(old, ignore_errors=True)
            return cls(retriever, current, cached, tokens)

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

    def tokens(self) -> Tokens | None:
        """Every chunk's tokens (read from the cache folder on first use); None if they cannot be had."""
        if self._tokens is None and self._folder is not None:
            try:
                self._tokens = Tokens.load(self._folder / TOKENS_FILE)
                if not self._tokens.fits(self.size):
                    raise ValueError(f"they are not the tokens of its {self.size} chunks")
            except (OSError, ValueError, KeyError) as error:  # missing (an older cache) or damaged
                self._tokens = None
                log.info("no usable BM25 tokens in %s (%s); the next change re-reads every chunk", self._folder, error)
                self._folder = None
        return self._tokens


def _previous(folder: Path, current: Path) -> LexicalIndex | None:
    """The index last kept in ``folder`` under another fingerprint than ``current``'s, to update
    rather than rebuild."""
    kept = [p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".") and p != current] \
        if folder.is_dir() else []
    if not kept:
        return None
    newest = max(kept, key=lambda p: p.stat().st_mtime)
    retriever = _load(newest, None, warn=False)
    return None if retriever is None else LexicalIndex(retriever, newest.name, newest)


def _index(chunk_ids: list[str], store: Store, base: LexicalIndex | None) -> tuple[BM25Retriever, Tokens]:
    """A BM25 retriever of ``chunk_ids``, in id order, with its tokens: those of ``base`` reused,
    the other chunks read from ``store`` and tokenized."""
    wanted = set(chunk_ids)
    tokens = base.tokens() if base is not None and base.retriever is not None else None
    vocab: list[str] = [] if tokens is None else tokens.vocab.tolist()
    docs: dict[str, tuple[dict, np.ndarray]] = {}
    if tokens is not None:
        for i, entry in enumerate(base.retriever.corpus):
            if entry["node_id"] in wanted:
                docs[entry["node_id"]] = (entry, tokens.of(i))
    new = store.chunk_nodes(sorted(wanted - docs.keys()))
    if new:
        docs.update(zip((n.node_id for n in new), _tokenized(new, vocab), strict=True))
    order = sorted(docs)
    lengths = np.array([len(docs[i][1]) for i in order], dtype=np.int64)
    flat = np.concatenate([docs[i][1] for i in order]) if order else np.zeros(0, np.int32)
    used, flat = np.unique(flat, return_inverse=True)  # the words still in use, renumbered
    tokens = Tokens(np.asarray(vocab, dtype=str)[used], flat.astype(np.int32), np.concatenate([[0], np.cumsum(lengths)]))
    bm25 = bm25s.BM25()
    words = {w: i for i, w in enumerate(tokens.vocab.tolist())}
    bm25.index(Tokenized([tokens.of(i).tolist() for i in range(len(order))], words), show_progress=False)
    bm25.corpus = [docs[i][0] for i in order]
    return BM25Retriever(existing_bm25=bm25, similarity_top_k=min(CANDIDATES, len(order))), tokens


def _tokenized(nodes: list[TextNode], vocab: list[str]) -> list[tuple[dict, np.ndarray]]:
    """Each node's BM25 corpus entry and tokens as ids of ``vocab`` (new words appended to it),
    tokenized as llama-index's `BM25Retriever` does."""
    found = bm25s.tokenize([n.get_content(metadata_mode=MetadataMode.EMBED) for n in nodes], stopwords="en",
                           stemmer=Stemmer.Stemmer("english"), return_ids=True, show_progress=False)
    index = {w: i for i, w in enumerate(vocab)}
    to_vocab = []
    for word in sorted(found.vocab, key=found.vocab.get):  # in the order of its own ids
        if word not in index:
            index[word] = len(vocab)
            vocab.append(word)
        to_vocab.append(index[word])
    to_vocab = np.array(to_vocab, dtype=np.int32)
    return [(node_to_metadata_dict(n) | {"node_id": n.node_id}, to_vocab[np.asarray(ids, dtype=np.int32)])
            for n, ids in zip(nodes, found.ids, strict=True)]


def cache_folder(store: Store, data_dir: Path) -> Path:
    """Where the BM25 cache of ``store`` lives (one subfolder per chunk fingerprint)."""
    return Path(data_dir) / "bm25" / store.name


def _load(cached: Path, n_chunks: int | None, warn: bool = True) -> BM25Retriever | None:
    """The cached BM25 retriever if it loads and holds ``n_chunks`` chunks (None: any number); None otherwise."""
    if not cached.is_dir():
        return None
    try:
        retriever = BM25Retriever.from_persist_dir(str(cached))
        if len(retriever.corpus) == n_chunks or n_chunks is None:
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
