"""Fast stand-ins for heavy objects, for unit tests only (end-to-end tests use the real ones)."""

from __future__ import annotations

import hashlib
import threading

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.llms import CompletionResponse, CustomLLM, LLMMetadata
from llama_index.core.llms.callbacks import llm_completion_callback
from pydantic import Field, PrivateAttr

from index.text import content_terms


class HashEmbedding(BaseEmbedding):
    """Bag-of-stemmed-words vectors hashed into ``dim`` buckets; counts every text it embeds.

    Texts sharing words get similar vectors, so retrieval behaves sensibly at no cost.
    """

    dim: int = 96
    _embedded: list[int] = PrivateAttr(default_factory=lambda: [0])
    _queries: list[str] = PrivateAttr(default_factory=list)
    _texts: list[str] = PrivateAttr(default_factory=list)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    @property
    def texts_embedded(self) -> int:
        return self._embedded[0]

    @property
    def texts(self) -> list[str]:
        """Every text embedded (not queries), in order."""
        return list(self._texts)

    @property
    def queries(self) -> list[str]:
        """Every query embedded, in order."""
        return list(self._queries)

    def _vector(self, text: str) -> list[float]:
        v = np.zeros(self.dim, dtype=np.float32)
        for term in content_terms(text) or ["empty"]:
            # Two buckets per word: two words sharing one bucket are 0.5 alike, not synonyms.
            for digest in (hashlib.md5(term.encode()), hashlib.sha1(term.encode())):
                v[int(digest.hexdigest(), 16) % self.dim] += 1.0
        return (v / np.linalg.norm(v)).tolist()

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        with self._lock:
            self._embedded[0] += len(texts)
            self._texts.extend(texts)
        return [self._vector(t) for t in texts]

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embeddings([text])[0]

    def _get_query_embedding(self, query: str) -> list[float]:
        with self._lock:
            self._queries.append(query)
        return self._vector(query)

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._vector(query)


class ScriptedLLM(CustomLLM):
    """An LLM that always writes ``reply`` (or raises ``error``) and keeps the prompts it was given."""

    reply: str = ""
    error: str | None = None
    prompts: list[str] = Field(default_factory=list)

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(is_chat_model=False)

    @llm_completion_callback()
    def complete(self, prompt: str, formatted: bool = False, **kwargs) -> CompletionResponse:
        self.prompts.append(prompt)
        if self.error:
            raise RuntimeError(self.error)
        return CompletionResponse(text=self.reply)

    @llm_completion_callback()
    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs):
        yield self.complete(prompt)
