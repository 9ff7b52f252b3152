"""Start-up of the app with an existing index, against importing Gradio alone, in one run.

    python benchmarks/bench_startup.py [--runs 3] [--corpus DIR]

The corpus (default: the seed corpus) is indexed first in a temporary data folder; then, in
turn, ``python app.py`` is started on it and timed until it serves, and ``python -c "import
gradio"`` is timed as the floor any Gradio app pays. The ratio of their medians is the figure to
compare between versions (run it on each checkout); the seconds depend on the machine's load.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_scale import app_startup

from index.build import Indexer
from index.settings import PROJECT_ROOT, Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=PROJECT_ROOT / "corpus")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        Indexer.open(Settings(corpus_dir=args.corpus, data_dir=data)).build()
        app, gradio = [], []
        for _ in range(args.runs):
            app.append(app_startup(args.corpus, data))
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", "import gradio"], check=True)
            gradio.append(time.perf_counter() - started)
    print("| runs | app start-up (median) | import gradio (median) | ratio |")
    print("|---:|---:|---:|---:|")
    print(f"| {args.runs} | {statistics.median(app):.1f} s | {statistics.median(gradio):.1f} s | "
          f"{statistics.median(app) / statistics.median(gradio):.2f}× |")


if __name__ == "__main__":
    main()
