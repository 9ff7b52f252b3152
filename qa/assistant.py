"""The assistant: follow-ups resolved, passages retrieved, a reply composed and checked.

>>> from qa import Assistant
>>> assistant = Assistant.load()               # the default corpus/, indexed on first use
>>> reply = assistant.ask("Who is Britain's UN ambassador?")
>>> "Barbara Woodward" in reply.text, reply.citations[0].quote in reply.citations[0].passage.text
(True, True)
>>> assistant.ask("What did she accuse Russia of?", history=[reply]).question
'What did Barbara Woodward accuse Russia of?'
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator, Protocol, Sequence

import chromadb
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.llms import LLM

from index.articles import Article
from index.settings import Settings
from qa.evidence import SentenceEncoder
from qa.extractive import ExtractiveAnswerer
from qa.followup import Turn, resolve
from qa.passages import Passage
from qa.reply import Reply, refusal
from qa.retriever import QuestionError, Retriever, check_question


class Answerer(Protocol):
    def answer(self, question: str, passages: list[Passage]) -> Reply: ...


class Assistant:
    """Answers questions about one corpus; every statement cites its passage.

    Build it with `Assistant.load`, or hand in a `Retriever` (and an answerer) you made.
    """

    def __init__(self, retriever: Retriever, answerer: Answerer | None = None):
        self.retriever = retriever
        self.settings = retriever.settings
        self.encoder = SentenceEncoder(retriever.embed_model)
        self.extractive = ExtractiveAnswerer(self.encoder, self.settings.min_support)
        self.answerer = answerer or self.extractive

    @classmethod
    def load(cls, corpus: str | Path | None = None, settings: Settings | None = None,
             embed_model: BaseEmbedding | None = None, client: chromadb.ClientAPI | None = None,
             llm: LLM | None = None) -> Assistant:
        """Open (indexing first, incrementally) the corpus, with the answerer the settings ask for.

        ``answer_mode="llm"`` (or an ``llm`` handed in) answers with a generative model whose
        every sentence is checked against its citations; the default is extractive.
        """
        settings = settings or Settings.from_env()
        retriever = Retriever.load(corpus, settings, embed_model, client)
        assistant = cls(retriever)
        if llm is not None or settings.answer_mode == "llm":
            from qa.generative import GenerativeAnswerer
            from qa.llm import load_llm

            assistant.answerer = GenerativeAnswerer(llm or load_llm(settings), assistant.encoder,
                                                    fallback=assistant.extractive)
        elif settings.answer_mode != "extractive":
            raise ValueError(f"answer_mode must be 'extractive' or 'llm', not {settings.answer_mode!r}")
        return assistant

    def ask(self, question: str, history: Sequence[Turn] = (), k: int | None = None) -> Reply:
        """The reply to ``question``; ``history`` holds the earlier turns of the conversation.

        Never raises for a bad question: the reply says what is wrong with it (``answered=False``).
        """
        try:
            question = check_question(question)
        except QuestionError as err:
            return refusal(str(question)[:200] if isinstance(question, str) else "", [],
                           reason=f"I cannot answer that: {err}.")
        resolved = resolve(question, history)
        passages = self.retriever.retrieve(resolved, k=k)
        if not passages:
            return refusal(resolved, [], reason="There are no articles to answer from: add some first.")
        return self.answerer.answer(resolved, passages)

    def stream(self, question: str, history: Sequence[Turn] = (), k: int | None = None) -> Iterator[str | Reply]:
        """The reply as it is written: text pieces (one line at a time), then the final `Reply`."""
        reply = self.ask(question, history, k)
        lines = reply.text.split("\n")
        for i, line in enumerate(lines):
            yield line + ("\n" if i < len(lines) - 1 else "")
        yield reply

    def articles(self) -> list[Article]:
        return self.retriever.articles()

    def article(self, article_id: str) -> Article:
        return self.retriever.article(article_id)

    def add_article(self, name: str, data: bytes) -> Article:
        """Save one uploaded article file into the corpus and index it.

        Raises `index.articles.ArticleError` naming the file and what is wrong (and changes nothing).
        """
        article = self.retriever.indexer.add_file(name, data)
        self.retriever.refresh()
        return article

    def remove_article(self, article_id: str) -> Article:
        """Remove an article's file and its chunks; raises KeyError for an unknown id."""
        article = self.retriever.indexer.remove(article_id)
        self.retriever.refresh()
        return article
