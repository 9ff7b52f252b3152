"""Ingestion: a folder of news articles → cleaned text → chunks → Chroma and BM25.

Index the default ``corpus/`` (the same as ``python -m index build``)::

    from index import Indexer, Settings
    print(Indexer.open(Settings.from_env()).build().summary())
    # 3 articles, 42 chunks: 3 added, 0 updated, 0 removed, 0 unchanged, 0 rejected in 1.2s
"""

from index.articles import Article, ArticleError, Problem
from index.build import BuildReport, Indexer
from index.chunking import Chunk
from index.settings import Settings

__all__ = ["Article", "ArticleError", "BuildReport", "Chunk", "Indexer", "Problem", "Settings"]
