"""The lexical (BM25) index, always derived from the chunks in Chroma.

It is a cache: its folder is named by a fingerprint of the chunk ids in Chroma (ids carry
the article's content hash), so after any build, finished or interrupted, a mismatch is
seen and the index is rebuilt from Chroma. It can never disagree with the vector store.

A rebuild after a change reads and tokenizes only the chunks that are new to the previous
index: every chunk's tokens are kept beside it (`Tokens`), and all of them are scored again
(BM25's statistics are corpus-wide) with bm25s's formulas, all chunks at once (`scored`). The
chunks are indexed in id order, so the updated index is the one a build from scratch makes
(adding 10 articles to 100k chunks: seconds, not the minute of reading every chunk back from
Chroma). A loaded index memory-maps its files, the corpus of
nodes included (hundreds of MB at 100k chunks), and an update copies the kept nodes' lines as
they are.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np
import orjson
import Stemmer
from bm25s.utils.corpus import JsonlCorpus, save_mmindex
from llama_index.core.schema import MetadataMode, NodeWithScore, QueryBundle, TextNode
from llama_index.core.vector_stores.utils import node_to_metadata_dict
from llama_index.retrievers.bm25 import BM25Retriever

from index.locks import write_lock
from index.store import Store

logging.getLogger("bm25s").setLevel(logging.WARNING)  # it sets itself to DEBUG
log = logging.getLogger(__name__)

CANDIDATES = 100
"""How many hits one BM25 query returns at most (callers take the best k of them)."""

CORPUS_FILE = "corpus.jsonl"
"""The file of a cache folder that holds its chunks' nodes, a line of JSON each (`_write_corpus`)."""
TOKENS_FILE = "tokens.npz"
"""The file of a cache folder that holds its chunks' tokens (`Tokens`)."""


def fingerprint(chunk_ids: list[str]) -> str:
    return hashlib.sha256("\n".join(sorted(chunk_ids)).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Tokens:
    """The BM25 tokens of every chunk of an index, in its corpus order: chunk ``i`` (whose id is
    ``chunk_ids[i]``) holds ``vocab[ids[offsets[i]:offsets[i + 1]]]``."""

    vocab: np.ndarray
    ids: np.ndarray
    offsets: np.ndarray
    chunk_ids: np.ndarray

    def of(self, chunk: int) -> np.ndarray:
        """The vocabulary ids of chunk number ``chunk``."""
        return self.ids[self.offsets[chunk]:self.offsets[chunk + 1]]

    def fits(self, n_chunks: int) -> bool:
        """Whether these are well-formed tokens of ``n_chunks`` chunks."""
        offsets, ids = self.offsets, self.ids
        return (len(offsets) == n_chunks + 1 == len(self.chunk_ids) + 1 and offsets[0] == 0 and offsets[-1] == len(ids)
                and bool(np.all(np.diff(offsets) >= 0))
                and (len(ids) == 0 or 0 <= ids.min() <= ids.max() < len(self.vocab)))

    def save(self, path: Path) -> None:
        np.savez(path, vocab=self.vocab, ids=self.ids, offsets=self.offsets, chunk_ids=self.chunk_ids)

    @classmethod
    def load(cls, path: Path) -> Tokens:
        with np.load(path, allow_pickle=False) as saved:
            return cls(saved["vocab"], saved["ids"], saved["offsets"], saved["chunk_ids"])


class LexicalIndex:
    """BM25 over the chunks of one store, via llama-index's `BM25Retriever`."""

    def __init__(self, retriever: BM25Retriever | None, fingerprint: str, folder: Path | None = None,
                 tokens: Tokens | None = None, chunk_ids: list[str] | None = None):
        self._retriever = retriever
        self.fingerprint = fingerprint
        self._chunk_ids = chunk_ids
        self._folder = folder
        self._tokens = tokens

    @classmethod
    def for_store(cls, store: Store, data_dir: Path, reuse: LexicalIndex | None = None,
                  chunk_ids: list[str] | None = None) -> LexicalIndex:
        """The BM25 index matching the store's current chunks (``chunk_ids`` when the caller has
        just read them): ``reuse`` if it still does, else from the cache, or made from ``reuse``
        (or the previous cache) and the chunks new to it.

        A cache that does not load, or holds other chunks than Chroma, is rebuilt from
        Chroma with a one-line warning; it is written whole (fsync'd, then renamed into
        place) by one writer at a time.
        """
        chunk_ids = store.chunk_ids() if chunk_ids is None else chunk_ids
        current = fingerprint(chunk_ids)
        if reuse is not None and reuse.fingerprint == current:
            return reuse
        folder = cache_folder(store, data_dir)
        cached = folder / current
        loaded = _load(cached, len(chunk_ids))
        if loaded is not None:
            return cls(loaded, current, cached, chunk_ids=chunk_ids)
        with write_lock(data_dir, "a BM25 cache rebuild"):
            loaded = _load(cached, len(chunk_ids), warn=False)  # another writer may have just made it
            if loaded is not None:
                return cls(loaded, current, cached, chunk_ids=chunk_ids)
            if not chunk_ids:
                return cls(None, current, chunk_ids=[])
            bm25, tokens, lines = _index(chunk_ids, store, reuse if reuse is not None else _previous(folder, cached))
            folder.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(dir=folder, prefix=".staging-"))
            BM25Retriever(existing_bm25=bm25, similarity_top_k=min(CANDIDATES, len(lines))).persist(
                str(staging), show_progress=False)  # without its corpus: `_write_corpus` writes that
            _write_corpus(staging, lines)
            tokens.save(staging / TOKENS_FILE)
            _fsync_tree(staging)
            if cached.exists():
                shutil.rmtree(cached)
            os.replace(staging, cached)  # appears whole or not at all
            _fsync_tree(folder, files=False)
            for old in folder.iterdir():
                if old != cached:
                    shutil.rmtree(old, ignore_errors=True)
            retriever = _load(cached, len(chunk_ids), warn=False)  # memory-mapped, as every later load
            if retriever is None:
                raise RuntimeError(f"the BM25 cache just written to {cached} does not load")
            return cls(retriever, current, cached, tokens, chunk_ids)

    def retrieve(self, query: str) -> list[NodeWithScore]:
        """The best chunks for ``query`` (up to `CANDIDATES`), best first; none for an empty index."""
        if self._retriever is None:
            return []
        return self._retriever.retrieve(QueryBundle(query))

    @property
    def retriever(self) -> BM25Retriever | None:
        return self._retriever

    def chunk_ids(self) -> list[str]:
        """The ids of the chunks it indexes: the store's, as its fingerprint says."""
        if self._chunk_ids is None:
            corpus = [] if self._retriever is None else self._retriever.corpus
            self._chunk_ids = [corpus[i]["node_id"] for i in range(len(corpus))]
        return list(self._chunk_ids)

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


def _index(chunk_ids: list[str], store: Store, base: LexicalIndex | None) -> tuple[bm25s.BM25, Tokens, list[bytes]]:
    """A BM25 model of ``chunk_ids``, in id order, with their tokens and corpus lines (`_write_corpus`):
    those of ``base`` reused as they are, the other chunks read from ``store`` and tokenized."""
    wanted = set(chunk_ids)
    tokens = base.tokens() if base is not None and base.retriever is not None else None
    vocab: list[str] = [] if tokens is None else tokens.vocab.tolist()
    docs: dict[str, tuple[bytes, np.ndarray]] = {}
    if tokens is not None:
        lines = base.retriever.corpus
        for i, chunk in enumerate(tokens.chunk_ids.tolist()):
            if chunk in wanted:
                docs[chunk] = (lines.line(i), tokens.of(i))
    new = store.chunk_nodes(sorted(wanted - docs.keys()))
    if new:
        docs.update(zip((n.node_id for n in new), _tokenized(new, vocab), strict=True))
    order = sorted(docs)
    lengths = np.array([len(docs[i][1]) for i in order], dtype=np.int64)
    flat = np.concatenate([docs[i][1] for i in order]) if order else np.zeros(0, np.int32)
    used = np.bincount(flat, minlength=len(vocab)) > 0  # the words still in use, renumbered in order
    renumbered = (np.cumsum(used) - 1)[flat].astype(np.int32)
    tokens = Tokens(np.asarray(vocab, dtype=str)[used], renumbered, np.concatenate([[0], np.cumsum(lengths)]),
                    np.asarray(order, dtype=str))
    return scored(tokens), tokens, [docs[i][0] for i in order]


def scored(tokens: Tokens) -> bm25s.BM25:
    """The bm25s model of ``tokens``, as ``bm25s.BM25().index`` makes it from their ids: its own
    idf and term-frequency formulas, the same float operations in the same types (so the same
    scores, bit for bit), for every chunk at once rather than in its Python loop over chunks
    (0.4 s instead of 3.5 s at 114k chunks, which every re-index after a change paid).

    >>> vocab = np.array(["ferri", "sail", "twice"])
    >>> model = scored(Tokens(vocab, np.array([0, 1, 1, 2], np.int32), np.array([0, 3, 4]), np.array(["a", "b"])))
    >>> model.scores["indptr"].tolist(), model.scores["indices"].tolist()
    ([0, 1, 2, 3], [0, 0, 1])
    """
    bm25 = bm25s.BM25()
    if bm25.method in bm25.methods_requiring_nonoccurrence:  # a default bm25s may change; not written here
        raise NotImplementedError(f"scoring for bm25s method {bm25.method!r}")
    n_docs, n_vocab = len(tokens.chunk_ids), len(tokens.vocab)
    lengths = np.diff(tokens.offsets).astype(np.int64)
    # (word, chunk) pairs sorted by word, then chunk: the column order of bm25s's CSC matrix
    pairs, counts = np.unique(tokens.ids.astype(np.int64) * n_docs + np.repeat(np.arange(n_docs), lengths),
                              return_counts=True)
    words, docs = np.divmod(pairs, n_docs)
    frequencies = np.bincount(words, minlength=n_vocab)
    idf_of = bm25s.scoring._select_idf_scorer(bm25.idf_method)
    idf = np.array([idf_of(df, N=n_docs) if df else 0.0 for df in frequencies.tolist()], dtype=bm25.dtype)
    tfc = bm25s.scoring._select_tfc_scorer(bm25.method)(
        tf_array=counts.astype(bm25.dtype), l_d=lengths[docs], l_avg=lengths.mean(), k1=bm25.k1, b=bm25.b,
        delta=bm25.delta)
    indptr = np.zeros(n_vocab + 1, dtype=np.int64)
    np.cumsum(frequencies, out=indptr[1:])
    bm25.nonoccurrence_array = None
    bm25.scores = {"data": (idf[words] * tfc).astype(bm25.dtype), "indices": docs.astype(bm25.int_dtype),
                   "indptr": indptr, "num_docs": n_docs}
    bm25.vocab_dict = {w: i for i, w in enumerate(tokens.vocab.tolist())}
    bm25.vocab_dict.setdefault("", n_vocab)  # the empty token bm25s adds, for queries of no known word
    bm25.unique_token_ids_set = set(bm25.vocab_dict.values())
    return bm25


def _write_corpus(folder: Path, lines: list[bytes]) -> None:
    """The corpus file llama-index's `BM25Retriever` keeps beside its model (each chunk's node as a
    line of JSON), and bm25s's index of where each line starts; written from lines kept as they
    were read, not parsed and serialised again."""
    with open(folder / CORPUS_FILE, "wb") as f:
        f.writelines(lines)
    save_mmindex([0, *itertools.accumulate(len(line) for line in lines)][:-1], path=str(folder / CORPUS_FILE))


def _tokenized(nodes: list[TextNode], vocab: list[str]) -> list[tuple[bytes, np.ndarray]]:
    """Each node's BM25 corpus line and tokens as ids of ``vocab`` (new words appended to it),
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
    return [(orjson.dumps(node_to_metadata_dict(n) | {"node_id": n.node_id}) + b"\n", to_vocab[np.asarray(ids, dtype=np.int32)])
            for n, ids in zip(nodes, found.ids, strict=True)]


def cache_folder(store: Store, data_dir: Path) -> Path:
    """Where the BM25 cache of ``store`` lives (one subfolder per chunk fingerprint)."""
    return Path(data_dir) / "bm25" / store.name


def _load(cached: Path, n_chunks: int | None, warn: bool = True) -> BM25Retriever | None:
    """The cached BM25 retriever if it loads and holds ``n_chunks`` chunks (None: any number); None otherwise.

    Its arrays and its corpus (every chunk's node, hundreds of MB at 100k chunks) are memory-mapped,
    not read: a node is parsed when a query returns it. The corpus's first and last lines are
    parsed now, which catches a truncated file (the cache is written whole, `LexicalIndex.for_store`).
    """
    if not cached.is_dir():
        return None
    try:
        retriever = BM25Retriever.from_persist_dir(str(cached), mmap=True)
        retriever.corpus = retriever.bm25.corpus = corpus = _Lines(retriever.corpus)
        if len(corpus) and not all(isinstance(corpus[i].get("node_id"), str) for i in (0, len(corpus) - 1)):
            raise ValueError("its corpus holds no node ids")
        if len(corpus) == n_chunks or n_chunks is None:
            return retriever
        problem = f"it holds {len(retriever.corpus)} chunks, Chroma {n_chunks}"
    except Exception as error:  # any damage: truncated, garbled or missing files
        problem = f"{type(error).__name__}: {error}"
    if warn:
        log.warning("BM25 cache %s is damaged (%s); rebuilding it from Chroma", cached, problem)
    return None


class _Lines(Sequence):
    """bm25s's memory-mapped corpus file, read by slicing the map: its own reader moves the map's one
    shared position and then reads a line, so two sessions querying at once could get each other's."""

    def __init__(self, corpus: JsonlCorpus):
        self._corpus = corpus  # owns the map and its file
        self._starts = [*corpus.mmindex, len(corpus.mmap_obj)]

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        return orjson.loads(self.line(i))

    def line(self, i: int) -> bytes:
        """Line ``i`` as it is in the file, newline included."""
        i = range(len(self))[i]  # an IndexError past the end, as a list
        return self._corpus.mmap_obj[self._starts[i]:self._starts[i + 1]]


def _fsync_tree(folder: Path, files: bool = True) -> None:
    """Flush a folder's files (and the folder itself) to disk before it is renamed into place."""
    paths = [p for p in folder.iterdir() if p.is_file()] if files else []
    for path in [*paths, folder]:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
