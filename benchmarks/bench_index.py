"""Indexing and retrieval speed, on the seed corpus and on a generated corpus of 10,000+ chunks.

    python benchmarks/bench_index.py [--chunks 10000] [--queries 50]

Prints, per corpus: cold build time, chunks per second, the same model's raw ``encode`` of
the same chunk texts (so the ratio is the pipeline's overhead, measured in the same run on
the same machine), no-op re-index time, and retrieval latency p50/p95.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from index.build import Indexer
from index.embedding import load_embed_model
from index.settings import PROJECT_ROOT, Settings
from qa import Retriever

QUERIES = ["Who is Britain's UN ambassador?", "How much lethal aid will the US send?", "Which entities were sanctioned?",
           "When could Iran receive Su-35 jets?", "What did Kirby say about drones?", "What did Russia deny at the UN?",
           "Who called it a desperate alliance?", "What is Russia offering Iran?", "Where is the drone assembly line?",
           "What weapons might Iran sell to Russia?"]


def query_list(n: int) -> list[str]:
    """``n`` questions: `QUERIES`, then repeats made distinct by a number so no cache answers them."""
    return [QUERIES[i % len(QUERIES)] + ("" if i < len(QUERIES) else f" ({i})") for i in range(n)]


def generate_corpus(folder: Path, min_chunks: int, seed: int = 7) -> None:
    """Articles recombined from the seed articles' sentences, numbers and names varied, so no two repeat."""
    rng = random.Random(seed)
    sentences = [s for p in sorted((PROJECT_ROOT / "corpus").glob("*.txt"))
                 for s in re.split(r"(?<=[.!?”])\s+", p.read_text()) if len(s.split()) > 8]
    places = ["Kyiv", "Tehran", "Moscow", "Brussels", "Ankara", "Riyadh", "Minsk", "Warsaw", "Tbilisi", "Baku"]
    folder.mkdir(parents=True)
    paragraphs_per_article = 15
    for n in range(min_chunks // paragraphs_per_article + 1):
        paragraphs = []
        for _ in range(paragraphs_per_article):
            picked = rng.sample(sentences, 2)
            text = " ".join(re.sub(r"\d+", lambda _m: str(rng.randint(2, 999)), s) for s in picked)
            paragraphs.append(text.replace("Washington", rng.choice(places)))
        (folder / f"gen_{n:05d}.txt").write_text(f"Report {n} from {rng.choice(places)}\n\n" + "\n\n".join(paragraphs))


def bench(name: str, corpus: Path, data: Path, model, queries: list[str]) -> dict:
    settings = Settings(corpus_dir=corpus, data_dir=data)
    started = time.perf_counter()
    report = Indexer.open(settings, embed_model=model).build(progress=sys.stderr.isatty())
    build = time.perf_counter() - started
    texts = [n.get_content() for n in Indexer.open(settings, embed_model=model).store.chunk_nodes()]
    started = time.perf_counter()
    model._model.encode(texts, batch_size=64)  # the same SentenceTransformer, no pipeline around it
    raw = time.perf_counter() - started
    started = time.perf_counter()
    again = Indexer.open(settings, embed_model=model).build()
    noop = time.perf_counter() - started
    assert again.embedded == 0
    retriever = Retriever.load(settings=settings, embed_model=model, sync=False)
    retriever.retrieve(queries[0])
    latencies = []
    for q in queries:
        started = time.perf_counter()
        retriever.retrieve(q, k=5)
        latencies.append(time.perf_counter() - started)
    ms = np.asarray(latencies) * 1000
    return {"corpus": name, "articles": report.articles, "chunks": report.chunks, "build_s": build,
            "chunks_per_s": report.chunks / build, "raw_encode_chunks_per_s": len(texts) / raw,
            "overhead": build / raw, "noop_s": noop, "p50_ms": float(np.percentile(ms, 50)),
            "p95_ms": float(np.percentile(ms, 95))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chunks", type=int, default=10_000, help="size of the generated corpus (chunks)")
    parser.add_argument("--queries", type=int, default=50, help="retrieval queries per corpus")
    args = parser.parse_args()
    model = load_embed_model(Settings())
    queries = query_list(args.queries)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        rows.append(bench("seed (3 articles)", PROJECT_ROOT / "corpus", tmp / "seed-data", model, queries))
        generate_corpus(tmp / "generated", args.chunks)
        rows.append(bench("generated", tmp / "generated", tmp / "gen-data", model, queries))
    print("| corpus | articles | chunks | cold build | chunks/s | raw encode chunks/s | build ÷ raw encode "
          "| no-op re-index | retrieve p50 | retrieve p95 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['corpus']} | {r['articles']} | {r['chunks']} | {r['build_s']:.1f} s | {r['chunks_per_s']:.0f} "
              f"| {r['raw_encode_chunks_per_s']:.0f} | {r['overhead']:.2f}× | {r['noop_s']:.2f} s "
              f"| {r['p50_ms']:.1f} ms | {r['p95_ms']:.1f} ms |")
    print(f"\nqueries: {statistics.mean(len(q) for q in queries):.0f} characters on average; k=5, hybrid retrieval")


if __name__ == "__main__":
    main()
