"""Hybrid retrieval over one corpus: dense (Chroma) and BM25, fused, near-duplicates collapsed.

The two rankings are fused by their min-max normalised scores (llama-index's relative score
fusion), so a passage that BM25 ranks far above everything else (a rare phrase of the question)
is kept even when the embedding ranks it low. Reciprocal rank fusion, which only sees ranks,
lost such passages; it stays available as ``hybrid-rrf`` to compare (see README, Evaluation).

>>> from qa import Retriever
>>> retriever = Retriever.load()          # the default corpus/, indexed on first use
>>> passages = retriever.retrieve("Who is the British ambassador to the UN?", k=3)
>>> best = next(p for p in passages if "Barbara Woodward" in p.text)
>>> best.article_ids[0] == best.article_id
True
>>> retriever.article(best.article_id).text[best.start:best.end] == best.text
True
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import chromadb
import httpx
import numpy as np
from llama_index.core import VectorStoreIndex
from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.llms import MockLLM
from llama_index.core.retrievers import QueryFusionRetriever
from llama_index.core.retrievers.fusion_retriever import FUSION_MODES
from llama_index.core.schema import NodeWithScore, QueryBundle
from llama_index.core.vector_stores import FilterOperator, MetadataFilter, MetadataFilters

from index.articles import Article
from index.build import BuildReport, Indexer
from index.dates import DateMention
from index.lexical import CANDIDATES, LexicalIndex, fingerprint
from index.settings import RETRIEVAL_MODES, Settings
from index.store import StoreUnavailable, chunk_source
from index.text import load_dictionary
from qa.coverage import Coverage
from qa.evidence import first_articles
from qa.passages import Passage, collapse_duplicates
from qa.views import CorpusViews, TextVectors, cached_views
from qa.wording import Vocabulary

MAX_K = 50
MAX_QUESTION_CHARS = 2000
_FUSION = {"hybrid": FUSION_MODES.RELATIVE_SCORE, "hybrid-rrf": FUSION_MODES.RECIPROCAL_RANK}


class QuestionError(ValueError):
    """A question that cannot be asked (empty, too long); the message says why."""


def check_question(question: object) -> str:
    """The question, stripped of invalid and control code points (a lone surrogate, say);
    raises `QuestionError` with a reason a person can act on."""
    if not isinstance(question, str):
        raise QuestionError(f"a question must be text, not {type(question).__name__}")
    text = " ".join("".join(ch for ch in question if ch.isprintable() or ch.isspace()).split())
    if not any(ch.isalnum() for ch in text):
        raise QuestionError("the question is empty: type a question about the articles")
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(f"the question is {len(text):,} characters long; "
                            f"ask something shorter than {MAX_QUESTION_CHARS:,} characters")
    return text


class Retriever:
    """Finds the passages of one corpus that best match a question."""

    def __init__(self, indexer: Indexer, settings: Settings, lexical: LexicalIndex | None = None):
        """``lexical`` is the store's BM25 index when the caller has just made it (a build), else
        it is read now."""
        self.indexer = indexer
        self.settings = settings
        self.last_build: BuildReport | None = None
        self._lock = threading.RLock()
        self._lexical: LexicalIndex | None = None
        self._views: CorpusViews | None = None
        self._articles: list[Article] | None = None
        self._dense = VectorStoreIndex.from_vector_store(
            indexer.store.vector_store, embed_model=indexer.embed_model
        ).as_retriever(similarity_top_k=CANDIDATES)
        self._lexical = lexical if lexical is not None else indexer.lexical()

    @classmethod
    def load(cls, corpus: str | Path | None = None, settings: Settings | None = None,
             embed_model: BaseEmbedding | None = None, client: chromadb.ClientAPI | None = None,
             sync: bool = True, progress: bool = False) -> Retriever:
        """Open the index of ``corpus`` (default: the settings' corpus folder), indexing it first.

        With ``sync`` (the default) the folder is indexed incrementally: the first time
        everything, afterwards only what changed. Pass ``embed_model``/``client`` to share them.
        """
        settings = settings or Settings.from_env()
        indexer = Indexer.open(settings, Path(corpus) if corpus else None, embed_model, client)
        report = None
        if sync and indexer.corpus_dir.is_dir():
            report = indexer.build(progress=progress)
        elif indexer.store.is_empty():
            raise FileNotFoundError(f"no index and no corpus folder at {indexer.corpus_dir}")
        retriever = cls(indexer, settings, indexer.built_lexical if report is not None else None)
        retriever.last_build = report
        return retriever

    @property
    def embed_model(self) -> BaseEmbedding:
        return self.indexer.embed_model

    def refresh(self) -> None:
        """Pick up changes to the store (after articles were added or removed)."""
        with self._lock:
            self._lexical = self.indexer.lexical()
            self._views = None
            self._articles = None

    @property
    def coverage(self) -> Coverage:
        """The corpus as a news reader sees it: outlets, articles, dated sentences, quotations."""
        return self.views().coverage

    @property
    def vocabulary(self) -> Vocabulary:
        """The words of the indexed articles and of the outlets they come from (for putting
        questions in the corpus's words: "financial tmes" is the Financial Times)."""
        return self.views().vocabulary

    def views(self) -> CorpusViews:
        """The whole-corpus views, from their cache on disk when the chunks have not changed since
        it was written (`qa.views`), else built now, with the dictionary answering consults (call
        it once at start-up to pay that early)."""
        with self._lock:
            if self._views is None:
                load_dictionary()
                self._views = cached_views(self.settings.data_dir / "views" / self.indexer.store.name,
                                           self._lexical.fingerprint, self._build_views,
                                           current=lambda: fingerprint(self.indexer.store.chunk_ids()))
            return self._views

    def _build_views(self) -> CorpusViews:
        articles = self.articles()
        words = Vocabulary.of([a.text for a in articles] + sorted({a.outlet for a in articles if a.outlet}))
        coverage = Coverage.of(articles, self.all_passages())
        said = first_articles(q.sentence for q in coverage.statements)
        return CorpusViews(coverage, words, TextVectors.of(self.text_vectors([(a, t) for t, a in said.items()])))

    def retrieve(self, question: str, k: int | None = None, retrieval: str | None = None,
                 articles: Sequence[str] | None = None, vector: Sequence[float] | None = None) -> list[Passage]:
        """The ``k`` best passages for ``question``, best first, near-duplicates collapsed.

        ``retrieval`` is one of `RETRIEVAL_MODES` (default: the settings'). With ``articles`` (ids),
        only those articles are searched (a Chroma metadata filter on the dense side, the same
        condition on BM25's candidates): one outlet's, say. ``vector`` is the question's embedding
        when the caller has it (so the model runs once per question). Raises `QuestionError` for an
        empty or over-long question.
        """
        question = check_question(question)
        k = self.settings.top_k if k is None else k
        if not 1 <= k <= MAX_K:
            raise ValueError(f"k must be between 1 and {MAX_K}, not {k}")
        retrieval = retrieval or self.settings.retrieval
        if retrieval not in RETRIEVAL_MODES:
            raise ValueError(f"retrieval mode must be one of {', '.join(RETRIEVAL_MODES)}, not {retrieval!r}")
        try:
            query = QueryBundle(question, embedding=None if vector is None else [float(x) for x in vector])
            ranked = self._ranked(query, retrieval, pool=max(4 * k, 20), articles=articles)
        except httpx.HTTPError as error:
            raise StoreUnavailable.of(self.settings, error) from None
        return collapse_duplicates((self._passage(n) for n in ranked), k)

    def article(self, article_id: str) -> Article:
        """The whole cleaned article; raises KeyError for an unknown id."""
        article = self.indexer.store.article(article_id)
        if article is None:
            raise KeyError(f"no article with id {article_id!r}")
        return article

    def articles(self) -> list[Article]:
        """Every indexed article, by id (read from the store once until the next `refresh`)."""
        with self._lock:
            if self._articles is None:
                self._articles = self.indexer.store.all_articles()
            return list(self._articles)

    def chunk_counts(self) -> dict[str, int]:
        """How many chunks each article has in the BM25 index, which matches the store (`refresh`)."""
        return dict(Counter(chunk_source(i)[0] for i in self._lexical.chunk_ids()))

    def text_vectors(self, sentences: Sequence[tuple[str, str]]) -> dict[str, np.ndarray]:
        """The vectors stored at index time, by text, for those ``(article id, text)`` that are
        sentences of that article (those of what speakers say kept with the corpus views)."""
        views = self._views
        kept = {} if views is None else {t: v for _, t in sentences if (v := views.said.get(t)) is not None}
        if kept:
            sentences = [(a, t) for a, t in sentences if t not in kept]
        try:
            return {**kept, **self.indexer.store.text_vectors(sentences)} if sentences else kept
        except httpx.HTTPError as error:
            raise StoreUnavailable.of(self.settings, error) from None

    def word_vectors(self, words: Sequence[str]) -> dict[str, np.ndarray]:
        """The vectors stored at index time for those of ``words`` that are corpus words
        (embedded as ``Settings.word_prompt`` frames them)."""
        try:
            return self.indexer.store.word_vectors(words)
        except httpx.HTTPError as error:
            raise StoreUnavailable.of(self.settings, error) from None

    def _ranked(self, question: QueryBundle, retrieval: str, pool: int,
                articles: Sequence[str] | None = None) -> list[NodeWithScore]:
        with self._lock:
            lexical = self._lexical
        if lexical is None or lexical.size == 0:
            return []
        dense, lexical_retriever = self._dense, lexical.retriever
        if articles is not None:
            only = MetadataFilters(filters=[MetadataFilter(key="article_id", value=list(articles),
                                                           operator=FilterOperator.IN)])
            dense = VectorStoreIndex.from_vector_store(
                self.indexer.store.vector_store, embed_model=self.indexer.embed_model
            ).as_retriever(similarity_top_k=CANDIDATES, filters=only)
            lexical_retriever = _ArticlesOnly(lexical.retriever, set(articles))
        if retrieval == "dense":
            return dense.retrieve(question)[:pool]
        if retrieval == "bm25":
            return lexical_retriever.retrieve(question)[:pool]
        fusion = QueryFusionRetriever(
            [dense, lexical_retriever], llm=MockLLM(), mode=_FUSION[retrieval],
            similarity_top_k=pool, num_queries=1, use_async=False,
        )
        return fusion.retrieve(question)

    def all_passages(self) -> list[Passage]:
        """Every chunk of the corpus as a passage, in article and reading order (score 0)."""
        nodes = self.indexer.store.chunk_nodes()
        passages = [self._passage(NodeWithScore(node=n, score=0.0)) for n in nodes]
        return sorted(passages, key=lambda p: (p.article_id, p.start))

    @staticmethod
    def _passage(hit: NodeWithScore) -> Passage:
        m = hit.node.metadata
        dates = tuple(DateMention(text, s, e, resolved or None) for s, e, text, resolved in json.loads(m.get("dates") or "[]"))
        return Passage(
            text=hit.node.get_content(), article_id=m["article_id"], title=m["title"],
            outlet=m.get("outlet") or None, date=m.get("date") or None,
            start=int(m["start"]), end=int(m["end"]), score=float(hit.score or 0.0), dates=dates,
            uploaded=bool(m.get("uploaded")),
        )


class _ArticlesOnly(BaseRetriever):
    """BM25's candidates from some articles only (bm25s has no metadata filter of its own)."""

    def __init__(self, inner: BaseRetriever, articles: set[str]):
        super().__init__()
        self._inner = inner
        self._articles = articles

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        return [n for n in self._inner.retrieve(query_bundle) if n.node.metadata.get("article_id") in self._articles]
