"""All settings of the product in one typed object, with environment overrides.

Every field can be set from the environment as ``QA_<FIELD NAME IN CAPITALS>``
(``QA_TOP_K=8``, ``QA_CHROMA_URL=http://127.0.0.1:8000``), or passed directly:

>>> Settings(top_k=3).top_k
3
>>> Settings.from_env({"QA_TOP_K": "7"}).top_k
7
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[1]
ANSWER_MODES = ("extractive", "llm")
"""How a reply is written: quoted sentences (offline, default) or a verified language model's words."""
RETRIEVAL_MODES = ("hybrid", "hybrid-rrf", "dense", "bm25")
"""How passages are found: dense + BM25 fused by relative score (default) or by rank, or either alone."""
EMBED_BACKENDS = ("torch", "onnx", "onnx-int8")
"""What runs the embedding model: PyTorch, or onnxruntime on an fp32 or int8 export of the same weights."""

# Nothing in this product may reach a model hub at run time.
for _name, _value in {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "TOKENIZERS_PARALLELISM": "false",
}.items():
    os.environ.setdefault(_name, _value)


@dataclass(frozen=True)
class Settings:
    """Where the corpus and the index live, and how retrieval and answering behave."""

    corpus_dir: Path = PROJECT_ROOT / "corpus"
    """Folder of articles indexed by default."""
    data_dir: Path = PROJECT_ROOT / ".data"
    """Git-ignored folder for the embedded Chroma store and the BM25 cache."""
    chroma_url: str | None = None
    """A Chroma server (``http://host:port``); None uses an embedded store in ``data_dir``."""
    chroma_timeout: float = 10.0
    """Seconds a call to the Chroma server may take before it counts as down."""
    embed_model: str | None = None
    """A sentence-transformers model path or name; None is the packaged all-MiniLM-L6-v2."""
    embed_backend: str = "onnx"
    """``onnx`` (default: torch's vectors, faster), ``onnx-int8`` or ``torch``; ONNX files are exported
    into ``model_cache_dir`` on first use. See `EMBED_BACKENDS` and README, "Benchmarks"."""
    model_cache_dir: Path = Path.home() / ".cache" / "newsqa"
    """Where model exports (ONNX) are kept: shared by every data folder on the machine, so each
    model is exported once (about 20–30 s), not once per index."""
    max_file_bytes: int = 1_000_000
    """Articles larger than this are rejected with a message."""
    chunk_max_tokens: int = 128
    """Upper bound of a chunk in word pieces (MiniLM was trained on 128; it truncates at 256)."""
    chunk_min_tokens: int = 12
    """Paragraphs shorter than this (subheads, kickers) are merged into the next one."""
    top_k: int = 8
    """Passages retrieved per question (8 rather than 5: 11 development questions gained, 6 lost,
    as the sentence that answers is often in a passage ranked sixth to eighth)."""
    retrieval: str = "hybrid"
    """``hybrid`` (dense + BM25, relative score fusion), ``hybrid-rrf`` (reciprocal rank fusion), ``dense`` or ``bm25``."""
    answer_mode: str = "extractive"
    """``extractive`` (offline, default) or ``llm`` (needs ``llm_url`` or ``llm_gguf``)."""
    llm_url: str | None = None
    """Base URL of an OpenAI-compatible server (llama.cpp server, vLLM, Ollama, hosted APIs)."""
    llm_model: str = "default"
    llm_api_key: str = "not-needed"
    llm_gguf: Path | None = None
    """A local GGUF model file, run through llama-cpp-python (``pip install .[llm]``)."""
    query_threads: int = 1
    """Torch threads for answering (index builds use every core); 0 leaves torch's default."""
    max_history: int = 10
    """Earlier turns of a conversation a follow-up is resolved against (older ones are ignored)."""
    min_support: float = 0.45
    """Below this support score the answerer says the articles do not answer (calibrated in eval)."""
    word_prompt: str = "a word meaning {}"
    """How a single word is embedded to compare it with other words (`qa.evidence.similar_words`;
    ``{}`` embeds the bare word). A bare word is embedded out of context, and all-MiniLM-L6-v2 then
    rates related non-synonyms about as alike as synonyms; in this frame, measured on 21 synonym
    pairs and 22 pairs of related non-synonyms taken from the development sets' failures, 10
    synonyms reach a similarity of 0.6 (3 bare), and the same 3 non-synonyms as bare ("buy"/"sell",
    "helicopters"/"drones", "month"/"year")."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then ``QA_*`` environment variables, then explicit ``overrides``."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            raw = environ.get(f"QA_{f.name.upper()}")
            if raw is not None:
                values[f.name] = _parse(f.name, _field_type(f), raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})

    @property
    def model_id(self) -> str:
        """Names the vectors (and so the collection): the model, and the int8 backend.

        Int8 weights move vectors (seed corpus: chunks to cosine 0.983 of torch's, single words
        to 0.943), so an int8 store is a store of its own. fp32 ONNX agrees with torch to float
        rounding (cosine 1.0000000, components within 2e-7, where torch differs from itself by
        1e-7 between a text alone and in a padded batch), so ``torch`` and ``onnx`` share a store
        and switching between them re-embeds nothing.
        """
        model = self.embed_model or "all-MiniLM-L6-v2"
        return f"{model}+onnx-int8" if self.embed_backend == "onnx-int8" else model

    def collection_name(self, corpus_dir: Path | None = None) -> str:
        """The Chroma collection of one corpus folder and one embedding model.

        Each corpus folder gets a store of its own, so indexing another folder never
        touches the default one.
        """
        corpus = Path(corpus_dir or self.corpus_dir).resolve()
        key = hashlib.sha1(f"{corpus}\0{self.model_id}".encode()).hexdigest()[:10]
        slug = re.sub(r"[^a-zA-Z0-9]+", "-", corpus.name).strip("-")[:40] or "corpus"
        return f"{slug}-{key}"


def _field_type(f: dataclasses.Field) -> Any:
    hints = typing.get_type_hints(Settings)
    return hints[f.name]


def _parse(name: str, kind: Any, raw: str) -> Any:
    if isinstance(kind, types.UnionType) or typing.get_origin(kind) is typing.Union:
        if raw.strip() == "":
            return None
        kind = next(a for a in typing.get_args(kind) if a is not type(None))
    try:
        if kind is bool:
            return raw.strip().lower() in {"1", "true", "yes", "on"}
        return kind(raw)
    except ValueError as err:
        raise ValueError(f"QA_{name.upper()}={raw!r}: not a valid {kind.__name__}") from err
