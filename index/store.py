"""The Chroma store of one corpus: a collection of chunk vectors and a collection of articles.

Both live in Chroma, embedded (``chromadb.PersistentClient`` in the data folder) or on a
server (``chromadb.HttpClient``), so a retriever on another machine finds everything it
needs in the server. Chunks go through llama-index's `ChromaVectorStore`.

An article's record is written *after* its chunks and names the content hash they were
made from: a build that stops half-way leaves an article whose record does not match its
chunks, and the next build redoes exactly that article.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

import chromadb
import httpx
import numpy as np
from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode
from llama_index.core.vector_stores.utils import metadata_dict_to_node
from llama_index.vector_stores.chroma import ChromaVectorStore

from index.articles import Article
from index.chunking import Chunk
from index.dates import date_mentions
from index.settings import Settings
from index.text import text_key

WRITE_BATCH = 1_000
"""Rows per Chroma call (Chroma caps a batch)."""
READ_BATCH = 10_000
"""Rows per page when a whole collection is read (`_read_all`)."""
HASH_CHARS = 12
"""How much of an article's content hash its chunk ids carry."""
SENTENCE_KEY_CHARS = 24
"""How much of a sentence's text key its id carries (96 bits: two sentences of one article never meet on it in practice)."""
_ARTICLE_FIELDS = ("title", "outlet", "date", "byline", "dateline", "source", "content_hash", "uploaded")


def _chroma_settings() -> chromadb.config.Settings:
    # A new object per client: chromadb's client constructors write into the one they are given.
    return chromadb.config.Settings(anonymized_telemetry=False, allow_reset=False)


class StoreUnavailable(RuntimeError):
    """The Chroma server cannot be reached, or did not answer within the settings' timeout."""

    @classmethod
    def of(cls, settings: Settings, error: Exception) -> StoreUnavailable:
        if isinstance(error, httpx.TimeoutException):
            return cls(f"the index server at {settings.chroma_url} did not answer within "
                       f"{settings.chroma_timeout:g} s; try again, or check the server")
        return cls(f"the index server at {settings.chroma_url} is not reachable ({type(error).__name__}); "
                   "start it or check --chroma-url")


def chroma_client(settings: Settings) -> chromadb.ClientAPI:
    """A client for the server at ``settings.chroma_url``, or the embedded store in the data folder.

    A server must answer a heartbeat within ``settings.chroma_timeout`` seconds, and every later
    call within the same time (chromadb's own client waits forever), else `StoreUnavailable`.
    """
    if settings.chroma_url:
        url = urlparse(settings.chroma_url if "//" in settings.chroma_url else f"http://{settings.chroma_url}")
        if not url.hostname:
            raise ValueError(f"chroma_url {settings.chroma_url!r} has no host; expected http://HOST:PORT")
        port = url.port or (443 if url.scheme == "https" else 8000)
        try:
            httpx.get(f"{url.scheme}://{url.hostname}:{port}/api/v2/heartbeat",
                      timeout=settings.chroma_timeout).raise_for_status()
            client = chromadb.HttpClient(host=url.hostname, port=port, ssl=url.scheme == "https",
                                         settings=_chroma_settings())
        except (httpx.HTTPError, ValueError) as error:
            raise StoreUnavailable.of(settings, error) from None
        client._server._session.timeout = httpx.Timeout(settings.chroma_timeout)  # no public setting
        return client
    path = settings.data_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=_chroma_settings())


@dataclass(frozen=True)
class SentenceVector:
    """A sentence of a chunk (``chunk.text[start:end]``) and its embedding, stored at index time."""

    chunk_index: int
    start: int
    end: int
    text: str
    vector: Sequence[float]


@dataclass(frozen=True)
class ArticleRecord:
    """What the store says of an indexed article: the file content and chunking it was made
    from, its chunk count, and its text key (`index.text.text_key`; "" in records written
    before keys were kept)."""

    content_hash: str
    chunking: str
    n_chunks: int
    text_key: str = ""


def chunk_id(article_id: str, content_hash: str, index: int) -> str:
    """The Chroma id of chunk ``index`` of an article's content: ``<article id>:<hash prefix>:<index>``.

    >>> chunk_id("harbour-strike", "9f2c4be01d7a5566", 3)
    'harbour-strike:9f2c4be01d7a:3'
    >>> chunk_source("harbour-strike:9f2c4be01d7a:3")
    ('harbour-strike', '9f2c4be01d7a')
    """
    return f"{article_id}:{content_hash[:HASH_CHARS]}:{index}"


def sentence_id(article_id: str, text: str) -> str:
    """The Chroma id of an article's sentence: ``<article id>:<text key prefix>``, so answering
    finds a retrieved sentence's vector by id (one lookup, however often the corpus repeats it).

    >>> sentence_id("harbour-strike", "The strike ended on Monday.")
    'harbour-strike:cd4cfbb0bf68f9bdda7c5644'
    """
    return f"{article_id}:{text_key(text)[:SENTENCE_KEY_CHARS]}"


def chunk_source(chunk_id_: str) -> tuple[str, str]:
    """The article id and content-hash prefix a `chunk_id` names (article ids may hold colons)."""
    article_id, hash_prefix, _ = chunk_id_.rsplit(":", 2)
    return article_id, hash_prefix


class Store:
    """The collections of one corpus: chunks, articles, and the vectors answering needs.

    ``sentences`` holds every chunk sentence's vector (its id from its article and text,
    `sentence_id`; its chunk and span in its metadata; removed and rebuilt with its article)
    and ``words`` a vector per corpus word, embedded as
    ``Settings.word_prompt`` frames it (for matching a question's words to the evidence's),
    so answering a question embeds only the question.
    """

    def __init__(self, client: chromadb.ClientAPI, name: str, word_prompt: str = "{}"):
        self.name = name
        self.chunks = _collection(client, f"{name}-chunks")
        self.articles = _collection(client, f"{name}-articles")
        self.sentences = _collection(client, f"{name}-sentences")
        # One collection per frame (a word's vector depends on it); "-words" held bare words' vectors once.
        frame = hashlib.sha1(word_prompt.encode()).hexdigest()[:8]
        self.words = _collection(client, f"{name}-w{frame}")  # no longer than "-sentences"
        self.vector_store = ChromaVectorStore(chroma_collection=self.chunks)

    # --- articles -------------------------------------------------------------------------

    def write_articles(self, items: Sequence[tuple[Article, Sequence[Chunk], Sequence[Sequence[float]]]],
                       chunking: str, replacing: Sequence[str] = (),
                       sentences: Sequence[Sequence[SentenceVector]] = ()) -> None:
        """Store articles with their embedded chunks (and each item's sentence vectors), in as
        few Chroma calls as possible.

        The order keeps a stop at any point safe: the old chunks, sentences and records of
        ``replacing`` go first, then every new chunk and sentence, and the records (which say
        "completely indexed") last.
        """
        if replacing:
            where = {"article_id": {"$in": list(replacing)}}
            self.chunks.delete(where=where)
            self.sentences.delete(where=where)
            self.articles.delete(ids=list(replacing))
        nodes = [chunk_node(article, c, len(chunks), e)
                 for article, chunks, vectors in items for c, e in zip(chunks, vectors, strict=False)]
        if nodes:
            self.vector_store.add(nodes)
        # A sentence an article repeats (in two chunks) is stored once, where it first appears.
        rows = list({sentence_id(a.id, s.text): (s, a.id) for (a, _, _), found in zip(items, sentences, strict=False)
                     for s in reversed(found)}.items())
        for batch in range(0, len(rows), WRITE_BATCH):
            part = rows[batch:batch + WRITE_BATCH]
            self.sentences.add(ids=[i for i, _ in part], documents=[s.text for _, (s, _) in part],
                               embeddings=[list(s.vector) for _, (s, _) in part],
                               metadatas=[{"article_id": a, "chunk_index": s.chunk_index, "start": s.start, "end": s.end}
                                          for _, (s, a) in part])
        metadatas = []
        for article, chunks, _ in items:
            metadata: dict[str, Any] = {k: getattr(article, k) or "" for k in _ARTICLE_FIELDS}
            metadata.update(n_chunks=len(chunks), chunking=chunking, text_key=text_key(article.text))
            metadatas.append(metadata)
        self.articles.upsert(ids=[a.id for a, _, _ in items], documents=[a.text for a, _, _ in items],
                             metadatas=metadatas, embeddings=[_mean_direction(v) for _, _, v in items])

    def article(self, article_id: str) -> Article | None:
        found = self.articles.get(ids=[article_id], include=["documents", "metadatas"])
        if not found["ids"]:
            return None
        return _to_article(article_id, found["documents"][0], found["metadatas"][0])

    def all_articles(self) -> list[Article]:
        found = _read_all(self.articles, ["documents", "metadatas"])
        return sorted((_to_article(i, d, m) for i, d, m in zip(found["ids"], found["documents"],
                                                                found["metadatas"], strict=False)), key=lambda a: a.id)

    def article_records(self) -> dict[str, ArticleRecord]:
        """The record of each indexed article, by id."""
        found = _read_all(self.articles, ["metadatas"])
        return {i: ArticleRecord(m["content_hash"], m["chunking"], m["n_chunks"], m.get("text_key") or "")
                for i, m in zip(found["ids"], found["metadatas"], strict=False)}

    def keep_text_keys(self, keys: dict[str, str]) -> None:
        """Add text keys to records written before they were kept (article id → key)."""
        items = list(keys.items())
        for batch in range(0, len(items), WRITE_BATCH):
            part = items[batch:batch + WRITE_BATCH]
            self.articles.update(ids=[i for i, _ in part], metadatas=[{"text_key": k} for _, k in part])

    # --- chunks ---------------------------------------------------------------------------

    def chunk_counts(self, chunk_ids: Sequence[str] | None = None) -> dict[str, Counter]:
        """For each article, how many chunks the store holds per content-hash prefix (`chunk_id`);
        from ``chunk_ids`` when the caller has just read them (`chunk_ids`).

        More than one hash, or a count other than the record's, means an interrupted update.
        Read from the chunk ids alone: Chroma returns ids many times faster than metadata.
        """
        counts: dict[str, Counter] = {}
        for found in self.chunk_ids() if chunk_ids is None else chunk_ids:
            article_id, hash_prefix = chunk_source(found)
            counts.setdefault(article_id, Counter())[hash_prefix] += 1
        return counts

    def chunk_ids(self) -> list[str]:
        return list(self.chunks.get(include=[])["ids"])

    def chunk_nodes(self, ids: Sequence[str] | None = None) -> list[TextNode]:
        """Every chunk (or those of ``ids`` the store holds) as a llama-index node, for the lexical index."""
        include = ["documents", "metadatas"]
        found = _read_all(self.chunks, include) if ids is None else _read_ids(self.chunks, list(ids), include)
        return [metadata_dict_to_node(m, text=t) for t, m in zip(found["documents"], found["metadatas"], strict=True)]

    def delete_article(self, article_id: str) -> None:
        """Remove the article's chunks and sentences, then its record (the order keeps a stop safe)."""
        self.vector_store.delete(ref_doc_id=article_id)
        self.sentences.delete(where={"article_id": article_id})
        self.articles.delete(ids=[article_id])

    # --- vectors of sentences and words ---------------------------------------------------

    def known_words(self, words: Sequence[str]) -> set[str]:
        """Which of ``words`` have a stored vector."""
        return set(_read_ids(self.words, list(words), [])["ids"])

    def add_words(self, vectors: dict[str, Sequence[float]]) -> None:
        """Keep a vector per word (never removed: a vocabulary, valid whatever the articles)."""
        items = list(vectors.items())
        for batch in range(0, len(items), WRITE_BATCH):
            part = items[batch:batch + WRITE_BATCH]
            self.words.upsert(ids=[w for w, _ in part], embeddings=[list(v) for _, v in part])

    def text_vectors(self, sentences: Sequence[tuple[str, str]]) -> dict[str, np.ndarray]:
        """The stored vectors of those ``(article id, text)`` that are sentences of that article,
        by text."""
        ids = {sentence_id(a, t): t for a, t in sentences}
        got = _read_ids(self.sentences, list(ids), ["embeddings"])
        return {ids[i]: np.asarray(v, dtype=np.float32) for i, v in zip(got["ids"], got["embeddings"], strict=True)}

    def word_vectors(self, words: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vectors of those ``words`` that are corpus words (see ``words``)."""
        got = _read_ids(self.words, list(dict.fromkeys(words)), ["embeddings"])
        return dict(zip(got["ids"], (np.asarray(e, dtype=np.float32) for e in got["embeddings"]), strict=True))

    def is_empty(self) -> bool:
        return self.articles.count() == 0


def chunk_node(article: Article, chunk: Chunk, n_chunks: int, embedding: Sequence[float] | None) -> TextNode:
    """A chunk as a llama-index node carrying what a passage needs, its span included."""
    dates = [[chunk.start + d.start, chunk.start + d.end, d.text, d.resolved or ""]
             for d in date_mentions(chunk.text, article.date)]
    metadata = {
        "article_id": article.id, "title": article.title, "outlet": article.outlet or "",
        "date": article.date or "", "start": chunk.start, "end": chunk.end,
        "chunk_index": chunk.index, "n_chunks": n_chunks, "content_hash": article.content_hash,
        "dates": json.dumps(dates, ensure_ascii=False), "uploaded": article.uploaded,
    }
    return TextNode(
        id_=chunk_id(article.id, article.content_hash, chunk.index),
        text=chunk.text,
        metadata=metadata,
        embedding=list(embedding) if embedding is not None else None,
        start_char_idx=chunk.start,
        end_char_idx=chunk.end,
        excluded_embed_metadata_keys=list(metadata),
        excluded_llm_metadata_keys=list(metadata),
        relationships={NodeRelationship.SOURCE: RelatedNodeInfo(node_id=article.id)},
    )


def _read_all(collection: chromadb.Collection, include: list[str]) -> dict[str, list]:
    """Every row of ``collection``, a page at a time: one Chroma ``get`` of more than about 32k
    rows fails (SQLite's limit on query variables)."""
    rows: dict[str, list] = {"ids": [], **{part: [] for part in include}}
    while True:
        got = collection.get(include=include, limit=READ_BATCH, offset=len(rows["ids"]))
        for part, found in rows.items():
            found.extend(got[part])
        if len(got["ids"]) < READ_BATCH:
            return rows


def _read_ids(collection: chromadb.Collection, ids: list[str], include: list[str]) -> dict[str, list]:
    """The rows of those of ``ids`` that ``collection`` holds, a batch at a time (as `_read_all`)."""
    rows: dict[str, list] = {"ids": [], **{part: [] for part in include}}
    for batch in range(0, len(ids), WRITE_BATCH):
        got = collection.get(ids=ids[batch:batch + WRITE_BATCH], include=include)
        for part, found in rows.items():
            found.extend(got[part])
    return rows


def _collection(client: chromadb.ClientAPI, name: str) -> chromadb.Collection:
    return client.get_or_create_collection(name, configuration={"hnsw": {"space": "cosine"}}, embedding_function=None)


def _to_article(article_id: str, text: str, metadata: dict[str, Any]) -> Article:
    fields = {k: (metadata.get(k) or None) for k in _ARTICLE_FIELDS}
    fields["source"] = fields["source"] or ""
    fields["content_hash"] = fields["content_hash"] or ""
    fields["uploaded"] = bool(fields["uploaded"])
    return Article(id=article_id, text=text, **{**fields, "title": fields["title"] or article_id})


def _mean_direction(vectors: Sequence[Sequence[float]]) -> list[float]:
    """An article's vector: the normalised mean of its chunks' vectors (Chroma needs one)."""
    mean = np.mean(np.asarray(vectors, dtype=np.float32), axis=0)
    norm = float(np.linalg.norm(mean))
    return (mean / norm if norm else mean).tolist()
