"""Incremental indexing of a corpus folder: articles → cleaned text → chunks → Chroma (+ BM25).

A build compares the folder with the store by content hash: unchanged articles embed
nothing, a changed file replaces only its own chunks, a removed file's chunks go. Each
article is written chunks first, record last, so a build stopped at any point is finished
by the next one; the BM25 index is then rebuilt from Chroma whenever they differ.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import logging
import os
import re
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import chromadb
from llama_index.core.base.embeddings.base import BaseEmbedding
from tqdm import tqdm

from index.articles import UPLOADED, Article, ArticleError, Problem, parse_article, read_article, scan_corpus, uploaded_names
from index.chunking import Chunk, TokenCounter, chunk_text
from index.embedding import load_embed_model, token_counter, torch_threads
from index.lexical import LexicalIndex, cache_folder
from index.locks import write_lock
from index.settings import Settings
from index.store import HASH_CHARS, ArticleRecord, SentenceVector, Store, chroma_client
from index.text import sentence_spans, text_key, vocabulary_words

log = logging.getLogger(__name__)

EMBED_BATCH_CHUNKS = 128
"""Articles are embedded in groups of about this many chunks (one model call per group)."""
CHUNKING_VERSION = "6"
"""Bump when cleaning or chunking changes what chunks an article makes, or what is stored with
them (4: sentence and word vectors; 5: word vectors framed by ``Settings.word_prompt``;
6: sentence vectors found by id, `index.store.sentence_id`)."""


@dataclass
class BuildReport:
    """What one build did."""

    articles: int = 0
    chunks: int = 0
    added: int = 0
    updated: int = 0
    removed: int = 0
    skipped: int = 0
    """Articles already indexed at their current content."""
    embedded: int = 0
    """Chunks sent to the embedding model."""
    sentences: int = 0
    """Sentence vectors computed and stored (answering reads them instead of embedding text)."""
    words: int = 0
    """Corpus words newly given a vector."""
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.articles} articles, {self.chunks} chunks: {self.added} added, {self.updated} updated, "
                f"{self.removed} removed, {self.skipped} unchanged, {len(self.problems)} rejected "
                f"in {self.seconds:.1f}s")


class Indexer:
    """Keeps the store of one corpus folder in step with the folder."""

    def __init__(self, store: Store, settings: Settings, corpus_dir: Path,
                 embed_model: BaseEmbedding | None = None):
        self.store = store
        self.settings = settings
        self.corpus_dir = Path(corpus_dir)
        self._embed_model = embed_model
        self._lexical: LexicalIndex | None = None
        # Part of every article record: changing how chunks are made re-indexes everything.
        self.chunking = "|".join((settings.model_id, str(settings.chunk_max_tokens), str(settings.chunk_min_tokens),
                                  CHUNKING_VERSION, settings.word_prompt))

    @classmethod
    def open(cls, settings: Settings, corpus_dir: Path | None = None, embed_model: BaseEmbedding | None = None,
             client: chromadb.ClientAPI | None = None) -> Indexer:
        """The indexer of ``corpus_dir`` (default: the settings' corpus) in its own Chroma collections.

        The Chroma client is created here and the model on first use, unless handed in
        (tests hand in fakes); an index that is already up to date never loads the model.
        """
        corpus = Path(corpus_dir or settings.corpus_dir)
        store = Store(client or chroma_client(settings), settings.collection_name(corpus), settings.word_prompt)
        return cls(store, settings, corpus, embed_model)

    @property
    def embed_model(self) -> BaseEmbedding:
        if self._embed_model is None:
            self._embed_model = load_embed_model(self.settings)
        return self._embed_model

    @functools.cached_property
    def _count_tokens(self) -> TokenCounter:
        count, model_limit = token_counter(self.embed_model)
        if model_limit is not None and self.settings.chunk_max_tokens > model_limit:
            raise ValueError(f"chunk_max_tokens={self.settings.chunk_max_tokens} is over the embedding "
                             f"model's limit of {model_limit} tokens: chunks would be truncated")
        return count

    def build(self, progress: bool = False, repair: bool = False) -> BuildReport:
        """Bring the store in step with the corpus folder; returns what changed.

        ``repair`` also throws the BM25 cache away and rebuilds it from Chroma (a damaged
        cache is rebuilt anyway when it fails to load; this is for any doubt).
        """
        with write_lock(self.settings.data_dir, "an index build"):
            if repair:
                shutil.rmtree(cache_folder(self.store, self.settings.data_dir), ignore_errors=True)
                self._lexical = None
            return self._build(progress)

    def _build(self, progress: bool) -> BuildReport:
        started = time.perf_counter()
        records = self.store.article_records()
        chunk_ids = self.store.chunk_ids()
        counts = self.store.chunk_counts(chunk_ids)
        indexed = {i: (r.content_hash, r.text_key) for i, r in records.items() if r.text_key and r.chunking == self.chunking}
        scan = scan_corpus(self.corpus_dir, self.settings.max_file_bytes, indexed)
        report = BuildReport(articles=len(scan.articles) + len(scan.unchanged), problems=list(scan.problems))
        for problem in scan.problems:
            log.warning("not indexed: %s", problem)

        wanted = {a.id for a in scan.articles} | {u.id for u in scan.unchanged}
        for stale in sorted((set(records) | set(counts)) - wanted):
            self.store.delete_article(stale)
            report.removed += 1

        articles = list(scan.articles)
        for file in scan.unchanged:
            if self._whole(file.id, file.content_hash, records, counts):
                report.skipped += 1
                report.chunks += records[file.id].n_chunks
            else:  # its chunks are not all there (an interrupted update): read it again and redo it
                articles.append(read_article(self.corpus_dir / file.source, self.settings.max_file_bytes))
        todo: list[tuple[Article, list[Chunk]]] = []
        keys: dict[str, str] = {}
        for article in articles:
            record = records.get(article.id)
            if self._whole(article.id, article.content_hash, records, counts):
                report.skipped += 1
                report.chunks += record.n_chunks
                if not record.text_key:
                    keys[article.id] = text_key(article.text)
                continue
            if record is not None or article.id in counts:
                report.updated += 1
            else:
                report.added += 1
            chunks = self.chunk(article)
            report.chunks += len(chunks)
            todo.append((article, chunks))
        self.store.keep_text_keys(keys)

        with tqdm(total=sum(len(c) for _, c in todo), unit="chunk", desc="embedding",
                  disable=not progress or not todo) as bar, torch_threads(0) if todo else contextlib.nullcontext():
            existing = set(records) | set(counts)
            for group in _groups(todo, EMBED_BATCH_CHUNKS):
                written = self._write(group, existing)
                report.embedded += written.chunks
                report.sentences += written.sentences
                report.words += written.words
                bar.update(sum(len(c) for _, c in group))

        unchanged = not (todo or report.removed)
        self.lexical(chunk_ids if unchanged else None)
        report.seconds = time.perf_counter() - started
        return report

    def _whole(self, article_id_: str, content_hash: str, records: dict[str, ArticleRecord],
               counts: dict[str, Counter]) -> bool:
        """Whether the store holds the article whole, made from this content with this chunking."""
        record = records.get(article_id_)
        return (record is not None and (record.content_hash, record.chunking) == (content_hash, self.chunking)
                and counts.get(article_id_) == Counter({content_hash[:HASH_CHARS]: record.n_chunks}))

    def chunk(self, article: Article) -> list[Chunk]:
        return chunk_text(article.id, article.text, self._count_tokens,
                          self.settings.chunk_max_tokens, self.settings.chunk_min_tokens)

    def lexical(self, chunk_ids: list[str] | None = None) -> LexicalIndex:
        """The BM25 index matching the store now (the last one loaded if the chunks did not change
        since, else from its cache, rebuilt from Chroma if that does not match); ``chunk_ids`` are
        the store's chunk ids when the caller has just read them."""
        self._lexical = LexicalIndex.for_store(self.store, self.settings.data_dir, reuse=self._lexical,
                                               chunk_ids=chunk_ids)
        return self._lexical

    @property
    def built_lexical(self) -> LexicalIndex | None:
        """The BM25 index this indexer's last build, upload or removal left (None before any)."""
        return self._lexical

    def add_file(self, name: str, data: bytes) -> Article:
        """Check an uploaded article, save it into the corpus folder and index it.

        Raises `ArticleError` (and changes nothing) for a bad file, an unsafe name, or a
        duplicate of an article already in the corpus.
        """
        safe = safe_file_name(name)
        article = parse_article(safe, data, self.settings.max_file_bytes)
        with write_lock(self.settings.data_dir, "an upload"):
            return self._add(safe, article, data)

    def _add(self, safe: str, article: Article, data: bytes) -> Article:
        target = self.corpus_dir / safe
        taken = any(p.stem.casefold() == article.id.casefold() for p in self.corpus_dir.iterdir())
        if taken or self.store.article(article.id) is not None:
            raise ArticleError(safe, f"an article with id {article.id!r} already exists; remove it first")
        key = text_key(article.text)
        for existing in self.store.all_articles():
            if text_key(existing.text) == key:
                raise ArticleError(safe, f"duplicate of {existing.source or existing.id}; not added")
        _write_atomically(target, data)
        self._list_uploaded(uploaded_names(self.corpus_dir) | {safe})
        article = dataclasses.replace(article, uploaded=True)
        self._write([(article, self.chunk(article))], existing={article.id})
        self.lexical()
        return article

    def remove(self, article_id_: str) -> Article:
        """Delete an article from the store and its file from the corpus folder."""
        with write_lock(self.settings.data_dir, "a removal"):
            return self._remove(article_id_)

    def _remove(self, article_id_: str) -> Article:
        article = self.store.article(article_id_)
        if article is None:
            raise KeyError(f"no article with id {article_id_!r}")
        self.store.delete_article(article_id_)
        if article.source:
            (self.corpus_dir / article.source).unlink(missing_ok=True)
            if article.source in (names := uploaded_names(self.corpus_dir)):
                self._list_uploaded(names - {article.source})
        self.lexical()
        return article

    def _list_uploaded(self, names: set[str]) -> None:
        """Rewrite the corpus folder's list of uploaded files (see `index.articles.UPLOADED`)."""
        _write_atomically(self.corpus_dir / UPLOADED, "\n".join(sorted(names)).encode())

    def _write(self, group: Sequence[tuple[Article, list[Chunk]]], existing: set[str]) -> Written:
        """Embed a group of articles' chunks, their sentences and the words the store has no
        vector for, in one call (shortest first, so batches pad little), then store them."""
        chunk_texts = [c.text for _, chunks in group for c in chunks]
        found = [[(c.index, s, e, c.text[s:e]) for c in chunks for s, e in sentence_spans(c.text)] for _, chunks in group]
        sentence_texts = [text for per_article in found for *_, text in per_article]
        vocabulary = sorted(vocabulary_words(sentence_texts))
        new_words = sorted(set(vocabulary) - self.store.known_words(vocabulary))
        vectors = iter(self._embed([*chunk_texts, *sentence_texts, *(self.settings.word_prompt.format(w) for w in new_words)]))
        items, sentences = [], []
        for article, chunks in group:
            items.append((article, chunks, [next(vectors) for _ in chunks]))
        for per_article in found:
            sentences.append([SentenceVector(i, s, e, text, next(vectors)) for i, s, e, text in per_article])
        self.store.add_words({w: next(vectors) for w in new_words})
        self.store.write_articles(items, self.chunking, replacing=[a.id for a, _ in group if a.id in existing],
                                  sentences=sentences)
        return Written(len(chunk_texts), len(sentence_texts), len(new_words))

    def _embed(self, texts: list[str]) -> list:
        """Vectors of ``texts`` in their order, embedded shortest first (batches pad little)."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors: list = [None] * len(texts)
        embedded = self.embed_model.get_text_embedding_batch([texts[i] for i in order]) if texts else []
        for i, vector in zip(order, embedded, strict=True):
            vectors[i] = vector
        return vectors


@dataclass(frozen=True)
class Written:
    """How many chunks, sentences and new words one write embedded."""

    chunks: int
    sentences: int
    words: int


def safe_file_name(name: str) -> str:
    """A file name that stays inside the corpus folder: no directories, no hidden files.

    >>> safe_file_name("../../etc/My Article (1).md")
    'My_Article_1.md'
    """
    base = Path(name.replace("\\", "/")).name
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = suffix, ""
    stem = re.sub(r"[^\w.-]+", "_", stem).strip("._")[:100]
    suffix = re.sub(r"[^\w]", "", suffix).lower()
    if not stem:
        raise ArticleError(name, "the file name has no usable characters")
    return f"{stem}.{suffix}" if suffix else stem


def _write_atomically(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, target)


def _groups(items: Iterable[tuple[Article, list[Chunk]]], size: int):
    group: list[tuple[Article, list[Chunk]]] = []
    total = 0
    for item in items:
        group.append(item)
        total += len(item[1])
        if total >= size:
            yield group
            group, total = [], 0
    if group:
        yield group


