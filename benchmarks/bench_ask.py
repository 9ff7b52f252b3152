"""Latency of `Assistant.ask` on the seed corpus (extractive mode), against retrieval alone.

    python benchmarks/bench_ask.py [--rounds 3]

The questions are the seed question set's (follow-ups asked after their history). The
first round meets every sentence for the first time (sentence embeddings not yet cached);
later rounds are warm. Retrieval alone, timed in the same run, is the baseline.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.questions import load_questions
from index.settings import PROJECT_ROOT, Settings
from qa import Assistant


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    questions = load_questions(PROJECT_ROOT / "eval" / "questions" / "seed.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        assistant = Assistant.load(settings=Settings(data_dir=Path(tmp)))
        assistant.ask("warm up the model")
        rounds = []
        for _ in range(args.rounds):
            ask_s, retrieve_s = [], []
            for q in questions:
                history = assistant.replay(q.history)
                started = time.perf_counter()
                reply = assistant.ask(q.question, history=history)
                ask_s.append(time.perf_counter() - started)
                retrieve_s.append(reply.retrieval_seconds)
            rounds.append((np.asarray(ask_s) * 1000, np.asarray(retrieve_s) * 1000))
    print("| round | questions | ask p50 | ask p95 | retrieve p50 | ask p50 ÷ retrieve p50 |")
    print("|---|---:|---:|---:|---:|---:|")
    for i, (ask, retrieve) in enumerate(rounds, 1):
        label = "1 (sentences new)" if i == 1 else f"{i} (warm)"
        print(f"| {label} | {len(ask)} | {np.percentile(ask, 50):.1f} ms | {np.percentile(ask, 95):.1f} ms "
              f"| {np.percentile(retrieve, 50):.1f} ms | {np.percentile(ask, 50) / np.percentile(retrieve, 50):.2f}× |")


if __name__ == "__main__":
    main()
