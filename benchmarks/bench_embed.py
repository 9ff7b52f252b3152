"""The embedding backends side by side: torch, ONNX fp32 and ONNX int8 (`QA_EMBED_BACKEND`).

    python benchmarks/bench_embed.py [--texts 400] [--repeats 2] [--queries 60] [--quality] [--sets seed,own_words,news,holdout4]

Speed, in one process: each backend's bulk encode (``get_text_embedding_batch`` inside
``torch_threads(0)``, shortest texts first, batches of 32, as an index build calls it) of the
seed corpus's chunk texts and of ``--texts`` generated chunk texts (`bench_index.generate_corpus`),
on every core and on one, and its query encode p50 with one thread (as answering runs:
``QA_QUERY_THREADS=1``) over `bench_index.query_list`, each with its ratio to torch. Backends
take turns on every batch and every query, so all share the machine's noise (see
`bulk_seconds`). Agreement: each backend's vectors against torch's (cosine) for the seed
corpus's chunks, sentences and words (what a build stores).

``--quality``: for each backend, a cold ``python -m index build`` of the seed corpus in its own
data folder, then ``python -m eval run eval/questions/SET.yaml`` for each of ``--sets``, with
``QA_EMBED_BACKEND`` set; prints supported and refusal accuracy per set and backend, and which
questions' verdicts differ from torch's. The held-out sets are refused.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_index import generate_corpus, query_list
from index.articles import scan_corpus
from index.chunking import chunk_text
from index.embedding import load_embed_model, token_counter, torch_threads
from index.settings import EMBED_BACKENDS, PROJECT_ROOT, Settings
from index.text import STOP_WORDS, sentence_spans, tokens

BATCH = 32
"""Texts per encode call, as `load_embed_model` sets ``embed_batch_size``."""
HELD_OUT = {"own_words_heldout", "news_heldout"}
"""Question sets run only at a round's start and end, never by a benchmark."""


def chunk_texts(folder: Path, settings: Settings, count) -> list[str]:
    """The chunk texts an index build of ``folder`` embeds, in file order."""
    return [c.text for a in scan_corpus(folder, settings.max_file_bytes).articles
            for c in chunk_text(a.id, a.text, count, settings.chunk_max_tokens, settings.chunk_min_tokens)]


def bulk_seconds(models: dict, texts: list[str], threads: int, repeats: int) -> dict[str, float]:
    """Each backend's time to encode ``texts`` in batches of 32, shortest first, with ``threads`` (0: all cores).

    Backends take turns on every batch, each batch ``repeats`` times, and a backend's time is
    the sum of its fastest try per batch: on a shared machine the fastest try is the one least
    disturbed, and taking turns gives every backend the same disturbances.
    """
    ordered = sorted(texts, key=len)
    batches = [ordered[i:i + BATCH] for i in range(0, len(ordered), BATCH)]
    total = dict.fromkeys(models, 0.0)
    with torch_threads(threads):
        for batch in batches:
            best = dict.fromkeys(models, float("inf"))
            for _ in range(repeats):
                for name, model in models.items():
                    started = time.perf_counter()
                    model.get_text_embedding_batch(batch)
                    best[name] = min(best[name], time.perf_counter() - started)
            for name in models:
                total[name] += best[name]
    return total


def query_ms(models: dict, queries: list[str]) -> dict[str, list[float]]:
    """Each backend's milliseconds per query encode with one thread, backends taking turns on every query."""
    import torch

    torch.set_num_threads(1)  # what Retriever.load sets for answering; ONNX has query_threads=1
    for model in models.values():
        model.get_query_embedding("warm up")
    times: dict[str, list[float]] = {name: [] for name in models}
    for q in queries:
        for name, model in models.items():
            started = time.perf_counter()
            model.get_query_embedding(q)
            times[name].append((time.perf_counter() - started) * 1000)
    return times


def cosines(a, b) -> np.ndarray:
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return np.sum(a * b, axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


def speed(args: argparse.Namespace, export_dir: Path, work: Path) -> None:
    models, loaded = {}, {}
    for backend in EMBED_BACKENDS:
        started = time.perf_counter()
        models[backend] = load_embed_model(Settings(model_cache_dir=export_dir, embed_backend=backend, query_threads=1))
        loaded[backend] = time.perf_counter() - started
    settings = Settings()
    count, _ = token_counter(models["torch"])
    seed = chunk_texts(PROJECT_ROOT / "corpus", settings, count)
    generate_corpus(work / "generated", args.texts)
    generated = chunk_texts(work / "generated", settings, count)[:args.texts]
    queries = query_list(args.queries)
    load = os.getloadavg()[0]
    seconds = {"seed": bulk_seconds(models, seed, 0, args.repeats),
               "generated": bulk_seconds(models, generated, 0, args.repeats),
               "generated, 1 thread": bulk_seconds(models, generated, 1, args.repeats)}
    sizes = {"seed": len(seed), "generated": len(generated), "generated, 1 thread": len(generated)}
    queried = query_ms(models, queries)
    p50 = {b: statistics.median(v) for b, v in queried.items()}
    print(f"\nload average {load:.1f} → {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; backends taking turns, "
          f"fastest of {args.repeats} tries per batch; {len(queries)} queries\n")
    print("| backend | load (first: export) | " + " | ".join(f"{k} chunks/s ({n})" for k, n in sizes.items())
          + " | query encode p50 / p95, 1 thread | bulk ÷ torch | query ÷ torch |")
    print("|---|---:|" + "---:|" * len(sizes) + "---:|---:|---:|")
    for b in EMBED_BACKENDS:
        rates = {k: sizes[k] / seconds[k][b] for k in sizes}
        ratios = " / ".join(f"{seconds[k]['torch'] / seconds[k][b]:.2f}×" for k in sizes)
        print(f"| {b} | {loaded[b]:.1f} s | " + " | ".join(f"{r:.0f}" for r in rates.values())
              + f" | {p50[b]:.1f} / {np.percentile(queried[b], 95):.1f} ms | {ratios} | {p50[b] / p50['torch']:.2f}× |")

    sentences = sorted({c[s:e] for c in seed for s, e in sentence_spans(c)})
    words = sorted({w for t in sentences for w in tokens(t) if w.isalpha() and w not in STOP_WORDS})
    kinds = {"chunks": seed, "sentences": sentences, "words": words}
    with torch_threads(0):
        vectors = {(b, k): m.get_text_embedding_batch(t) for b, m in models.items() for k, t in kinds.items()}
        alone = [models["torch"].get_text_embedding(t) for t in seed]  # torch itself, batch of one
    print("\n| vectors vs torch's | " + " | ".join(f"{k} ({len(t)}) min / mean cosine" for k, t in kinds.items()) + " |")
    print("|---|" + "---:|" * len(kinds))
    print("| torch, one text per batch | " + f"{cosines(alone, vectors['torch', 'chunks']).min():.7f} / – | – | – |")
    for b in EMBED_BACKENDS[1:]:
        cells = [cosines(vectors[b, k], vectors["torch", k]) for k in kinds]
        print(f"| {b} | " + " | ".join(f"{c.min():.7f} / {c.mean():.7f}" for c in cells) + " |")
    diff = np.abs(np.asarray(vectors["onnx", "chunks"]) - np.asarray(vectors["torch", "chunks"])).max()
    print(f"\nlargest component difference, onnx vs torch chunks: {diff:.1e}; torch batch of one vs batched: "
          f"{np.abs(np.asarray(alone) - np.asarray(vectors['torch', 'chunks'])).max():.1e}")


def quality(args: argparse.Namespace, export_dir: Path, work: Path) -> None:
    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    if HELD_OUT & set(sets):
        raise SystemExit(f"refusing to run held-out sets: {sorted(HELD_OUT & set(sets))}")
    metrics: dict[tuple[str, str], dict] = {}
    verdicts: dict[tuple[str, str], dict[str, bool]] = {}
    builds: dict[str, float] = {}
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}
    for backend in EMBED_BACKENDS:  # each backend its own store, all sharing the one export
        data = work / f"data-{backend}"
        env_b = {**env, "QA_DATA_DIR": str(data), "QA_EMBED_BACKEND": backend, "QA_MODEL_CACHE_DIR": str(export_dir)}
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "index", "build"], cwd=PROJECT_ROOT, env=env_b, check=True,
                       stdout=subprocess.DEVNULL)
        builds[backend] = time.perf_counter() - started
    for name in sets:  # per set, the backends back to back
        for backend in EMBED_BACKENDS:
            out = work / f"eval-{backend}-{name}"
            env_b = {**env, "QA_DATA_DIR": str(work / f"data-{backend}"), "QA_EMBED_BACKEND": backend,
                     "QA_MODEL_CACHE_DIR": str(export_dir)}
            subprocess.run([sys.executable, "-m", "eval", "run", f"eval/questions/{name}.yaml", "--out", str(out)],
                           cwd=PROJECT_ROOT, env=env_b, check=True, stdout=subprocess.DEVNULL)
            found = next(out.rglob("metrics.json"))
            metrics[backend, name] = json.loads(found.read_text())
            verdicts[backend, name] = {r["id"]: _verdict(r)
                                       for r in map(json.loads, (found.parent / "results.jsonl").read_text().splitlines())}
    print("\ncold build of the seed corpus (python -m index build, one process): "
          + ", ".join(f"{b} {s:.1f} s" for b, s in builds.items()))
    print("\n| set | " + " | ".join(f"{b} supported / refusal" for b in EMBED_BACKENDS)
          + " | largest difference from torch |")
    print("|---|" + "---|" * (len(EMBED_BACKENDS) + 1))
    worst = 0.0
    for name in sets:
        cells, gaps = [], []
        for b in EMBED_BACKENDS:
            m = metrics[b, name]
            cells.append(f"{_num(m['supported_accuracy'])} / {_num(m['refusal_accuracy'])}")
            gaps += [abs((m[k] or 0) - (metrics["torch", name][k] or 0)) for k in ("supported_accuracy", "refusal_accuracy")]
        worst = max(worst, *gaps)
        print(f"| {name} ({metrics['torch', name]['questions']}) | " + " | ".join(cells) + f" | {max(gaps):.3f} |")
    print(f"\nlargest difference from torch on any set: {worst:.3f} (the bar: 0.01)")
    print("\n| set | " + " | ".join(f"{b} retrieval / answer p50" for b in EMBED_BACKENDS) + " |")
    print("|---|" + "---:|" * len(EMBED_BACKENDS))
    for name in sets:
        print(f"| {name} | " + " | ".join(f"{metrics[b, name]['retrieval_p50_ms']} / {metrics[b, name]['answer_p50_ms']} ms"
                                         for b in EMBED_BACKENDS) + " |")
    for name in sets:
        for b in EMBED_BACKENDS[1:]:
            changed = sorted(q for q, v in verdicts[b, name].items() if v != verdicts["torch", name].get(q))
            if changed:
                print(f"{name}, {b}: verdict differs from torch on {', '.join(changed)}")


def _verdict(record: dict) -> tuple[bool, bool]:
    """A results.jsonl line's (supported, refusal correct): what the two reported metrics count."""
    return bool(record["verdict"]["supported"]), bool(record["verdict"]["refusal_correct"])


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", type=int, default=400, help="generated chunk texts to encode")
    parser.add_argument("--repeats", type=int, default=2, help="tries per batch and backend (the fastest counts)")
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--quality", action="store_true", help="also build and evaluate with each backend")
    parser.add_argument("--no-speed", dest="speed", action="store_false", help="skip the speed tables")
    parser.add_argument("--sets", default="seed,own_words,news,holdout4", help="question sets for --quality")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        export_dir = work / "export"
        if args.speed:
            speed(args, export_dir, work)
        if args.quality:
            for backend in EMBED_BACKENDS[1:]:  # exported once into the shared model cache
                load_embed_model(Settings(model_cache_dir=export_dir, embed_backend=backend))
            quality(args, export_dir, work)


if __name__ == "__main__":
    main()
