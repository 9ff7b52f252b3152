"""The ONNX backend of the embedding model: exported once from the local weights, run by onnxruntime.

The sentence-transformers model (for the default, the packaged all-MiniLM-L6-v2) is a BERT
encoder, mean pooling over the attention mask, then L2 normalisation. `export_onnx` puts all
three into one ONNX graph with ``torch.onnx.export`` (the torch.export-based exporter, torch
2.13's default: it captures the model with symbolic shapes or fails, where the deprecated
TorchScript tracer warns that it bakes shape-dependent branches of transformers' masking code
in as constants; it needs ``onnxscript``) with dynamic batch and sequence axes. `quantize_onnx`
makes the int8 file with onnxruntime's dynamic quantisation, weights per output channel (one
scale per tensor put chunks at cosine 0.93 to torch's; per channel, 0.98 at worst and 0.99 on
average, single words down to 0.94).

Both files are written on first use into ``<cache_dir>/onnx/<model>-<key>/``
(``Settings.model_cache_dir``: one export per machine, shared by every index), atomically
(a temporary file, checked against the torch model, then renamed), under a file lock, so
``make run`` on a fresh offline machine exports them with no extra step; the key changes
when the model's files or this module's `EXPORT_VERSION` do.

`OnnxEmbedding` is a llama-index `BaseEmbedding`, so indexing and retrieval use it exactly as
they use ``HuggingFaceEmbedding``; like that class it holds its model as ``_model`` (an
`OnnxEncoder`, with ``encode``, ``tokenizer`` and ``max_seq_length`` as a SentenceTransformer
has them), and the tokenizer is the same fast tokenizer from the model's folder, so
`index.embedding.token_counter` counts the same word pieces.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import json
import logging
import os
import re
import tempfile
import threading
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from index.embedding import encode_threads

log = logging.getLogger(__name__)

EXPORT_VERSION = 1
"""Bump when the export or the quantisation changes what the files compute."""
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
OUTPUT = "sentence_embedding"
CHECK_TEXTS = ("Who runs the new container terminal?",
               "The port authority said on Tuesday that the terminal would open next March, handling 300 ships "
               "a year, after the transport minister approved a $450mn budget.", "a")
"""Texts an export is checked on (against the torch model) before it is put in place: a question,
a long sentence with names and numbers, and a single letter (made up, about no corpus)."""
CHECK_MIN_COSINE = {False: 0.9999, True: 0.97}
"""The least cosine to the torch model's vectors that an fp32 or an int8 export must reach."""


class UnsupportedModel(ValueError):
    """The model is not a local sentence-transformers folder whose pipeline the ONNX graph computes."""


def model_folder(name: str) -> Path:
    """The local folder of model ``name``: a path, or a hub name already in the local Hugging Face cache."""
    if Path(name).is_dir():
        return Path(name)
    try:
        from huggingface_hub import snapshot_download

        return Path(snapshot_download(name, local_files_only=True))
    except Exception as error:  # not cached (nothing is downloaded), or not a valid name
        raise UnsupportedModel(f"the ONNX backend needs a local model folder; {name!r} is neither a folder "
                               "nor in the local Hugging Face cache") from error


def model_config(model_dir: Path) -> tuple[int, bool]:
    """The model's ``max_seq_length`` and ``do_lower_case``, after checking the ONNX graph computes it.

    The graph implements a Transformer followed by mean pooling (and normalisation, which
    `load_embed_model` always asks for); another pipeline raises `UnsupportedModel` rather
    than giving different vectors.
    """
    if not (model_dir / "modules.json").is_file():
        raise UnsupportedModel(f"the ONNX backend needs a sentence-transformers folder (modules.json); {model_dir} is not one")
    modules = json.loads((model_dir / "modules.json").read_text())
    kinds = [m["type"].rsplit(".", 1)[-1] for m in modules]
    if kinds[:2] != ["Transformer", "Pooling"] or any(k != "Normalize" for k in kinds[2:]):
        raise UnsupportedModel(f"the ONNX backend supports Transformer + mean Pooling (+ Normalize) models; "
                               f"{model_dir} has {kinds}")
    pooling = json.loads((model_dir / modules[1]["path"] / "config.json").read_text())
    modes = sorted(k for k, v in pooling.items() if k.startswith("pooling_mode") and v)
    if modes != ["pooling_mode_mean_tokens"]:
        raise UnsupportedModel(f"the ONNX backend implements mean pooling only; {model_dir} uses {modes}")
    config = json.loads((model_dir / "sentence_bert_config.json").read_text())
    return int(config.get("max_seq_length") or 512), bool(config.get("do_lower_case", False))


def cache_folder(model_dir: Path, cache_dir: Path) -> Path:
    """Where the exports of ``model_dir`` live: named by the model and keyed by its files' sizes and times."""
    files = sorted(p for p in model_dir.iterdir() if p.is_file())
    stamp = "\0".join(f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in files)
    key = hashlib.sha1(f"{model_dir.resolve()}\0{stamp}\0{EXPORT_VERSION}".encode()).hexdigest()[:10]
    named = model_dir.resolve()
    named = named.parent if named.name == "model" else named  # the package's folder is .../<package>/model
    slug = re.sub(r"[^a-zA-Z0-9]+", "-", named.name).strip("-")[:40] or "model"
    return Path(cache_dir) / "onnx" / f"{slug}-{key}"


def onnx_file(model_dir: Path, cache_dir: Path, quantized: bool = False) -> Path:
    """The exported model of ``model_dir`` (int8 with ``quantized``), exported now if it is not there yet."""
    folder = cache_folder(model_dir, cache_dir)
    fp32, int8 = folder / "model.onnx", folder / "model-int8.onnx"
    target = int8 if quantized else fp32
    if target.exists():
        return target
    from filelock import FileLock

    folder.mkdir(parents=True, exist_ok=True)
    with FileLock(str(folder / "export.lock")):  # a second process waits, then finds the file
        if not fp32.exists():
            log.warning("exporting the embedding model to ONNX, once: %s", fp32)
            with _staged(fp32) as tmp:
                export_onnx(model_dir, tmp)
                check_onnx(model_dir, tmp, quantized=False)
        if quantized and not int8.exists():
            log.warning("quantising the ONNX embedding model to int8, once: %s", int8)
            with _staged(int8) as tmp:
                quantize_onnx(fp32, tmp)
                check_onnx(model_dir, tmp, quantized=True)
    return target


@contextlib.contextmanager
def _staged(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``, renamed onto it if the block succeeds, removed if not."""
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}-", suffix=".onnx")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        tmp.chmod(0o644)  # mkstemp made it private; like the other files of the data folder
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def export_onnx(model_dir: Path, target: Path) -> None:
    """Write the model's encoder, mean pooling and normalisation as one ONNX graph to ``target``.

    Inputs are the tokenizer's ``input_ids``, ``attention_mask`` and ``token_type_ids``
    (int64, batch × sequence, both dynamic); the output is the unit sentence vector.
    """
    import torch
    from transformers import AutoModel

    class Encoder(torch.nn.Module):
        """The sentence-transformers pipeline after tokenization, as sentence_transformers computes it."""

        def __init__(self, bert: torch.nn.Module):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor) -> torch.Tensor:
            tokens = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                               token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(tokens.dtype)
            mean = (tokens * mask).sum(1) / torch.clamp(mask.sum(1), min=1e-9)  # Pooling, mean mode
            return torch.nn.functional.normalize(mean, p=2, dim=1)  # Normalize

    encoder = Encoder(AutoModel.from_pretrained(str(model_dir))).eval()
    example = tuple(torch.ones(2, 8, dtype=torch.long) if n != "token_type_ids" else torch.zeros(2, 8, dtype=torch.long)
                    for n in INPUTS)
    batch, sequence = torch.export.Dim("batch"), torch.export.Dim("sequence", max=512)
    quiet = logging.getLogger("torch.onnx._internal.exporter._registration")  # "torchvision is not installed"
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")
            torch.onnx.export(encoder, example, str(target), dynamo=True, verbose=False, external_data=False,
                              input_names=list(INPUTS), output_names=[OUTPUT],
                              dynamic_shapes={n: {0: batch, 1: sequence} for n in INPUTS})
    finally:
        quiet.setLevel(level)


def quantize_onnx(source: Path, target: Path) -> None:
    """Write ``source`` with int8 weights (dynamic quantisation, per output channel) to ``target``."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()
    hint = _DropMessage("pre-processing before quantization")  # the pre-processing fails on this graph
    root.addFilter(hint)
    try:
        quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8, per_channel=True)
    finally:
        root.removeFilter(hint)


class _DropMessage(logging.Filter):
    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def filter(self, record: logging.LogRecord) -> bool:
        return self.text not in record.getMessage()


def check_onnx(model_dir: Path, path: Path, quantized: bool) -> None:
    """Raise `RuntimeError` unless the file's vectors of `CHECK_TEXTS` match the torch model's."""
    from sentence_transformers import SentenceTransformer

    reference = SentenceTransformer(str(model_dir), device="cpu").encode(list(CHECK_TEXTS), normalize_embeddings=True)
    got = OnnxEmbedding.from_file(path, model_dir, query_threads=0).encode(list(CHECK_TEXTS))
    cosine = float(np.min(np.sum(reference * got, axis=1)))
    if cosine < CHECK_MIN_COSINE[quantized]:
        raise RuntimeError(f"the ONNX export {path.name} disagrees with the torch model (cosine {cosine:.4f})")


class WordPieces:
    """The fast tokenizer of a model folder (its ``tokenizer.json``), run by the ``tokenizers``
    library itself, called as transformers' tokenizer is called here: one text's ids
    (``add_special_tokens=False``, for `index.embedding.token_counter`) or a padded, truncated
    batch as numpy arrays. It is what ``AutoTokenizer`` runs for such a folder, without importing
    transformers and torch (about 3 s of every start-up)."""

    def __init__(self, path: Path, max_length: int):
        from tokenizers import Tokenizer

        self._counting = Tokenizer.from_file(str(path))  # two instances: their settings are not per call
        self._counting.no_truncation()
        self._counting.no_padding()
        self._batching = Tokenizer.from_file(str(path))
        self._batching.enable_truncation(max_length)
        pad = self._batching.padding or {}
        self._batching.enable_padding(pad_id=pad.get("pad_id", 0), pad_type_id=pad.get("pad_type_id", 0),
                                      pad_token=pad.get("pad_token", "[PAD]"))

    def __call__(self, texts: str | Sequence[str], add_special_tokens: bool = True, **_: Any) -> dict[str, Any]:
        if isinstance(texts, str):
            return {"input_ids": self._counting.encode(texts, add_special_tokens=add_special_tokens).ids}
        encodings = self._batching.encode_batch(list(texts), add_special_tokens=add_special_tokens)
        return {"input_ids": np.array([e.ids for e in encodings]),
                "attention_mask": np.array([e.attention_mask for e in encodings]),
                "token_type_ids": np.array([e.type_ids for e in encodings])}


@functools.cache
def _huggingface_prompts() -> ModuleType:
    """llama-index's table of the instructions HuggingFaceEmbedding prefixes for some models
    (``llama_index.embeddings.huggingface.utils``), loaded on its own: importing it as a module of
    its package runs the package's ``__init__``, which imports sentence-transformers and torch
    (about 5 s of every start-up) for a backend that needs neither."""
    package = importlib.util.find_spec("llama_index.embeddings.huggingface")
    path = Path(next(iter(package.submodule_search_locations))) / "utils.py"
    spec = importlib.util.spec_from_file_location("_llama_index_huggingface_prompts", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class OnnxEncoder:
    """An exported model, its tokenizer and its onnxruntime sessions: the ``SentenceTransformer`` of this backend.

    A session is created per thread count, lazily, and kept: `query_threads` outside bulk work
    (1 by default: a chat server has other work beside it), every core inside
    `index.embedding.torch_threads` (an index build), the split ``torch_threads`` makes for torch.
    ``tokenizer`` and ``max_seq_length`` are what `index.embedding.token_counter` reads.
    """

    def __init__(self, path: Path, model_dir: Path, query_threads: int = 1):
        self.path = Path(path)
        self.query_threads = query_threads
        self.max_seq_length, self.do_lower_case = model_config(Path(model_dir))
        # The tokenizer sentence-transformers loads for this folder, capped as it caps it.
        if (Path(model_dir) / "tokenizer.json").is_file():
            self.tokenizer = WordPieces(Path(model_dir) / "tokenizer.json", self.max_seq_length)
        else:
            from transformers import AutoTokenizer

            self.tokenizer = AutoTokenizer.from_pretrained(str(model_dir), model_max_length=self.max_seq_length)
        self._sessions: dict[int, Any] = {}
        self._lock = threading.Lock()

    def session(self, threads: int) -> Any:
        """The inference session with ``threads`` intra-op threads (0: every core), created once."""
        import onnxruntime as ort

        threads = threads or os.cpu_count() or 1
        with self._lock:
            if threads not in self._sessions:
                options = ort.SessionOptions()
                options.intra_op_num_threads = threads
                options.inter_op_num_threads = 1
                options.log_severity_level = 3
                self._sessions[threads] = ort.InferenceSession(str(self.path), options, providers=["CPUExecutionProvider"])
            return self._sessions[threads]

    def encode(self, texts: Sequence[str], batch_size: int = 32, threads: int | None = None) -> np.ndarray:
        """Unit vectors of ``texts`` (float32, a row each), tokenized as sentence-transformers tokenizes them.

        ``threads`` defaults to the enclosing `index.embedding.torch_threads` block's count,
        else `query_threads`.
        """
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        session = self.session(encode_threads(self.query_threads) if threads is None else threads)
        texts = [t.lower() for t in texts] if self.do_lower_case else list(texts)
        vectors = []
        for start in range(0, len(texts), batch_size):
            batch = self.tokenizer(texts[start:start + batch_size], padding=True, truncation="longest_first",
                                   max_length=self.max_seq_length, return_tensors="np")
            vectors.append(session.run([OUTPUT], {n: np.asarray(batch[n], dtype=np.int64) for n in INPUTS})[0])
        return np.concatenate(vectors).astype(np.float32, copy=False)


class OnnxEmbedding(BaseEmbedding):
    """A sentence-transformers model run by onnxruntime (an `OnnxEncoder`), behind llama-index's
    embedding interface, as ``HuggingFaceEmbedding`` runs it with torch (its ``_model`` likewise)."""

    model_dir: str
    onnx_path: str
    quantized: bool = False
    query_instruction: str = ""
    text_instruction: str = ""
    _model: OnnxEncoder = PrivateAttr()

    @classmethod
    def load(cls, model: str | Path, cache_dir: Path, quantized: bool = False, query_threads: int = 1,
             embed_batch_size: int = 32) -> OnnxEmbedding:
        """The ONNX model of ``model`` (a sentence-transformers folder or cached hub name), exported on first use.

        Raises `UnsupportedModel` before exporting anything for a model the graph does not compute.
        """
        model_dir = model_folder(str(model))
        model_config(model_dir)
        return cls.from_file(onnx_file(model_dir, cache_dir, quantized), model_dir, quantized=quantized,
                             query_threads=query_threads, embed_batch_size=embed_batch_size)

    @classmethod
    def from_file(cls, path: Path, model_dir: Path, quantized: bool = False, query_threads: int = 1,
                  embed_batch_size: int = 32) -> OnnxEmbedding:
        """An embedding running the ONNX file ``path`` with the tokenizer of ``model_dir``."""
        name = str(model_dir)
        prompts = _huggingface_prompts()  # as HuggingFaceEmbedding's
        embedding = cls(model_name=name, model_dir=name, onnx_path=str(path), quantized=quantized,
                        query_instruction=prompts.get_query_instruct_for_model_name(name),
                        text_instruction=prompts.get_text_instruct_for_model_name(name), embed_batch_size=embed_batch_size)
        embedding._model = OnnxEncoder(Path(path), Path(model_dir), query_threads)
        return embedding

    @classmethod
    def class_name(cls) -> str:
        return "OnnxEmbedding"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors of ``texts`` (no instruction prefixed), in batches of ``embed_batch_size``."""
        return self._model.encode(texts, batch_size=self.embed_batch_size)

    def _get_query_embedding(self, query: str) -> list[float]:
        return self.encode([self.query_instruction + query])[0].tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self.encode([self.text_instruction + text])[0].tolist()

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self.encode([self.text_instruction + t for t in texts]).tolist()
