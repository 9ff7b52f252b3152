"""The running app under load: concurrent chat sessions on ``/ask``, idle and beside an index build.

    python benchmarks/bench_load.py [--sessions 50] [--questions 5] [--no-build] [--build-chunks 2000]

Starts ``python app.py`` on a free 127.0.0.1 port over a copy of the seed corpus, then runs
``--sessions`` chat sessions at once (a thread and an HTTP connection each, on Gradio's HTTP API
for ``/ask``; `gradio_client` adds about 0.1 s of its own per call here, which would be timed as
the app's), every session asking ``--questions`` questions as one conversation: each question is sent
with the session's earlier questions as its history, as the README's ``/ask`` example does (the
app replays them, so the n-th question of a conversation costs n answers on the server).

Two rows, in one run: (a) the machine otherwise idle; (b) while ``python -m index build``
indexes a generated corpus (`bench_index.generate_corpus`, ``--build-chunks`` chunks) in another
process, with its own corpus folder and ``QA_DATA_DIR``, as an operator re-indexing another
corpus on the same machine would. Each row gets a freshly started app (so neither row finds the
other's questions in its caches) and the same questions; the table gives both rows and b ÷ a.

Per row: questions per second over the row's wall time (from the moment every session is
connected until the last reply), latency p50/p95/p99 of one ``/ask`` call as the client sees it
(queueing included), errors (exceptions and timeouts), cross-talk, and replies not as asked alone.
Every question of the run is different, so a reply can be traced to the question it answers: its
``question`` field (the self-contained question retrieved for: the question as sent, a pronoun
named, "(after: …)" naming the previous question, spelling mended, "according to the FT" dropped)
must be the resolution the same conversation gets when asked alone — each conversation is first
asked in this process, one question after another, by `qa.Assistant` with the app's settings on
an index of its own built from the same articles (`reference_replies`). A reply whose ``question``, or the earlier question
it names as context, is nearer another session's question than its own (the share of its words
found in order, `_contained`) is cross-talk; any other reply whose ``question`` or ``text`` differs
from the reference counts under "≠ asked alone".

The questions are the development question sets about the seed corpus (`DEVELOPMENT_SETS`:
never the held-out ones), those without a history of their own, each once, shuffled with a fixed
seed. `bench_index.query_list` is not used: past its ten questions it makes them distinct with a
number ("… (17)"), and the answerer refuses a question asking about a number no article has, so
the load would be almost all refusals.

Markdown goes to stdout; the rows, latency by turn and every question's record (with the reply's
text where it differs from the reference) as JSON to ``--out``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from difflib import SequenceMatcher
from pathlib import Path

import httpx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_index import generate_corpus
from bench_scale import BUILD_WARMUP_SECONDS, free_port, start_build, wait_for

from eval.questions import load_questions
from index.settings import PROJECT_ROOT, Settings
from index.text import tokens
from qa import Assistant, Reply

DEVELOPMENT_SETS = ("seed", "holdout", "holdout2", "holdout3", "holdout4", "paraphrase", "issue_examples",
                    "own_words", "news", "own_words_final")
"""Question sets the README lists as development sets; ``*_heldout.yaml`` are not to be run."""
ENV = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False",
       "GRADIO_ANALYTICS_ENABLED": "False"}
"""Set for the app and the build unless the environment already says otherwise (as the Makefile does)."""
REQUEST_SECONDS = 60.0
"""One ``/ask`` call taking longer is an error (timeout)."""
ROW_SECONDS = 300.0
"""A session starts no new question after this long; the questions it did not ask count as errors."""
CONNECT_SECONDS = 120.0
"""Every session must be connected (the app's config read) within this, or the row fails."""
WARMUP_QUESTIONS = ("What is this story about?", "Who is Felicia Schwartz?")
"""Asked on each freshly started app before a row (not timed, never in the load): the first calls of
a coverage reply and of retrieval and answering, which load what the app loads lazily."""

NEAR = 0.5
"""Text is near a question when at least this share of its words are the question's, in order."""

_CONTEXT = re.compile(r"\s*\(after: (.*)\)$")


def session_questions(sessions: int, questions: int, seed: int = 11) -> list[list[str]]:
    """``sessions`` conversations of ``questions`` questions each, no question asked twice in the run."""
    pool: dict[str, str] = {}  # by its case-folded text: "Who is Kirby?" and "who is kirby?" are one question
    for name in DEVELOPMENT_SETS:
        for q in load_questions(PROJECT_ROOT / "eval" / "questions" / f"{name}.yaml"):
            text = " ".join(q.question.split())
            if not q.history and text.casefold() not in {w.casefold() for w in WARMUP_QUESTIONS}:
                pool.setdefault(text.casefold(), text)
    unique = list(pool.values())
    needed = sessions * questions
    if needed > len(unique):
        raise SystemExit(f"error: {sessions} sessions × {questions} questions needs {needed} different questions; "
                         f"the development sets have {len(unique)}")
    random.Random(seed).shuffle(unique)
    return [unique[s * questions:(s + 1) * questions] for s in range(sessions)]


def reference_replies(corpus: Path, data: Path, plan: list[list[str]]) -> list[list[dict]]:
    """Each conversation asked alone, in this process, with the settings the app gets: the
    ``question`` and ``text`` each reply under load must have."""
    assistant = Assistant.load(settings=Settings.from_env(corpus_dir=corpus, data_dir=data))
    found = []
    for questions in plan:
        turns: list[Reply] = []
        for question in questions:
            turns.append(assistant.ask(question, history=turns))  # what /ask's replay of the history gives
        found.append([{"question": r.question, "text": r.text} for r in turns])
    return found


def classify(asked: str, session: int, turn: int, plan: list[list[str]], reference: list[list[dict]]) -> str:
    """``own`` when a reply's ``question`` field (the self-contained question the app retrieved
    for: the session's question, a pronoun named, "(after: …)" naming the previous one, spelling
    mended) is the one the same conversation gets alone; otherwise ``cross-talk`` when it, or the
    earlier question it names as context, is nearer another session's question than this
    session's (as sent or as resolved alone), and ``unmatched`` when not."""
    expected = reference[session][turn]["question"]
    if asked == expected:
        return "own"
    theirs = [t for other in range(len(plan)) if other != session
              for q, r in zip(plan[other], reference[other], strict=True)
              for t in (q, *filter(None, _parts(r["question"])))]
    body, context = _parts(asked)
    own_body, own_context = _parts(expected)
    for part, own in ((body, [plan[session][turn], own_body]),
                      (context, [*plan[session][max(turn - 1, 0):turn], *filter(None, [own_context])])):
        if part is None:
            continue
        words = tokens(part)
        nearest = max((_contained(words, t) for t in theirs), default=0.0)
        if nearest >= NEAR and nearest > max((_contained(words, t) for t in own), default=0.0):
            return "cross-talk"
    return "unmatched"


def _parts(question: str) -> tuple[str, str | None]:
    """A resolved question and the earlier question it names as context ("… (after: EARLIER)"), if any."""
    context = _CONTEXT.search(question)
    return (question[:context.start()], context[1]) if context else (question, None)


def _contained(words: list[str], question: str) -> float:
    """The share of ``words`` that ``question``'s words hold in the same order."""
    if not words:
        return 0.0
    blocks = SequenceMatcher(None, words, tokens(question), autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks) / len(words)


@contextmanager
def running_app(root: Path, corpus: Path, data: Path) -> Iterator[str]:
    """``python app.py`` on a free loopback port over ``corpus``; its URL once it serves; stopped on exit.

    The same few lines as ``tests/app/conftest.running_app`` (tests/ is not importable from here),
    with `bench_scale.free_port` and `bench_scale.wait_for`.
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log_path = root / f"app-{port}.log"
    with open(log_path, "w") as log:
        app = subprocess.Popen([sys.executable, str(PROJECT_ROOT / "app.py"), "--host", "127.0.0.1", "--port",
                                str(port), "--corpus", str(corpus)], cwd=PROJECT_ROOT,
                               env={**ENV, **os.environ, "QA_DATA_DIR": str(data)}, stdout=log, stderr=subprocess.STDOUT)
        try:
            try:
                wait_for(url, 300, app)
            except (RuntimeError, TimeoutError):
                print(log_path.read_text()[-3000:], file=sys.stderr)
                raise
            yield url
        finally:
            app.terminate()
            try:
                app.wait(timeout=30)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait(timeout=30)


class Session:
    """One chat session: its own HTTP connection to the app, on Gradio's HTTP API (``POST
    …/call/ask`` then the reply's event stream), as ``curl`` users of the app's API page call it."""

    def __init__(self, url: str):
        self.http = httpx.Client(base_url=url, timeout=REQUEST_SECONDS, trust_env=False)  # no proxy: loopback only
        config = self.http.get("config")
        config.raise_for_status()
        self.prefix = config.json().get("api_prefix", "/gradio_api").strip("/")

    def ask(self, question: str, history: list[str]) -> dict:
        """The ``/ask`` reply to ``question`` after ``history``; raises on an error or after `REQUEST_SECONDS`."""
        deadline = time.monotonic() + REQUEST_SECONDS
        call = self.http.post(f"{self.prefix}/call/ask", json={"data": [question, history]})
        call.raise_for_status()
        event = None
        with self.http.stream("GET", f"{self.prefix}/call/ask/{call.json()['event_id']}") as stream:
            stream.raise_for_status()
            for line in stream.iter_lines():  # each read bounded by the client's timeout, the whole by `deadline`
                if time.monotonic() > deadline:
                    raise TimeoutError(f"no reply in {REQUEST_SECONDS:.0f} s")
                if line.startswith("event:"):
                    event = line.removeprefix("event:").strip()
                elif line.startswith("data:") and event in ("complete", "error"):
                    data = json.loads(line.removeprefix("data:"))
                    if event == "error":
                        raise RuntimeError(f"the app's error event: {data}")
                    return data[0]
        raise RuntimeError("the event stream ended without a reply")

    def close(self) -> None:
        self.http.close()


def run_session(url: str, session: int, plan: list[list[str]], reference: list[list[dict]],
                start: threading.Barrier, deadline: list[float]) -> list[dict]:
    """One conversation: each question sent with the session's earlier ones; a record per question."""
    questions = plan[session]
    client, failure = None, None
    try:
        client = Session(url)
    except Exception as err:  # counted below: every question of this session is an error
        failure = f"connect: {type(err).__name__}: {err}"
    try:
        start.wait(timeout=CONNECT_SECONDS)
    except threading.BrokenBarrierError:
        failure = failure or "connect: other sessions did not connect in time"
    records = []
    try:
        for turn, question in enumerate(questions):
            record = {"session": session, "turn": turn, "question": question}
            records.append(record)
            if failure:
                record.update(outcome="error", error=failure)
                continue
            if time.monotonic() > deadline[0]:
                record.update(outcome="error", error=f"not asked: the row's {ROW_SECONDS:.0f} s were up")
                continue
            started = time.monotonic()
            try:
                reply = client.ask(question, questions[:turn])
            except Exception as err:
                record.update(outcome="error", error=f"{type(err).__name__}: {err}"[:300],
                              seconds=time.monotonic() - started)
                continue
            record["seconds"] = time.monotonic() - started
            asked = reply.get("question") if isinstance(reply, dict) else None
            if not isinstance(asked, str):
                record.update(outcome="error", error=f"not a reply: {str(reply)[:200]}")
                continue
            outcome = classify(asked, session, turn, plan, reference)
            record.update(outcome=outcome, asked=asked, answered=reply.get("answered"),
                          same_text=reply.get("text") == reference[session][turn]["text"])
            if outcome != "own" or not record["same_text"]:
                record.update(expected=reference[session][turn]["question"], text=reply.get("text"))
    finally:
        if client is not None:
            client.close()
    return records


def load_row(url: str, plan: list[list[str]], reference: list[list[dict]]) -> tuple[list[dict], float]:
    """Every session at once; the records and the wall time from all connected to the last reply."""
    start = threading.Barrier(len(plan) + 1)
    deadline = [float("inf")]
    with ThreadPoolExecutor(len(plan)) as pool:
        futures = [pool.submit(run_session, url, s, plan, reference, start, deadline) for s in range(len(plan))]
        deadline[0] = time.monotonic() + CONNECT_SECONDS + ROW_SECONDS  # a bound until all are connected
        try:
            start.wait(timeout=CONNECT_SECONDS)
        except threading.BrokenBarrierError:
            start.abort()
        began = time.monotonic()
        deadline[0] = began + ROW_SECONDS
        records = [r for f in futures for r in f.result()]
    return records, time.monotonic() - began


def summary(name: str, records: list[dict], wall: float) -> dict:
    """A row: throughput, latency, and how many replies were not the session's own or not as asked alone."""
    replied = [r for r in records if r["outcome"] != "error"]
    ms = np.asarray([r["seconds"] for r in replied]) * 1000
    by_turn = {turn + 1: float(np.percentile([r["seconds"] * 1000 for r in replied if r["turn"] == turn], 50))
               for turn in sorted({r["turn"] for r in replied})}
    differs = [r for r in replied if r["outcome"] == "unmatched" or (r["outcome"] == "own" and not r["same_text"])]
    return {"row": name, "sessions": len({r["session"] for r in records}), "questions": len(records),
            "replies": len(replied), "wall_s": wall, "questions_per_s": len(replied) / wall if wall else 0.0,
            **{f"p{p}_ms": float(np.percentile(ms, p)) if len(ms) else None for p in (50, 95, 99)},
            "p50_ms_by_turn": by_turn, "answered": sum(bool(r.get("answered")) for r in replied),
            "errors": sum(r["outcome"] == "error" for r in records),
            "cross_talk": sum(r["outcome"] == "cross-talk" for r in records), "differs": len(differs),
            "error_examples": sorted({r["error"] for r in records if r["outcome"] == "error"})[:5],
            "records": records}


def measure(name: str, root: Path, corpus: Path, data: Path, plan: list[list[str]], reference: list[list[dict]],
            build_corpus: Path | None = None, build_chunks: int | None = None) -> dict:
    """One row on a freshly started app; with ``build_corpus``, beside ``python -m index build`` of it."""
    with running_app(root, corpus, data) as url:
        warm = Session(url)
        try:
            for question in WARMUP_QUESTIONS:
                warm.ask(question, [])
        finally:
            warm.close()
        if build_corpus is None:
            records, wall = load_row(url, plan, reference)
            return summary(name, records, wall)
        build_log = root / "build.log"
        with open(build_log, "w") as log:
            build = start_build(build_corpus, root / "build-data", log, env={**ENV, **os.environ})
            build_started = time.monotonic()
            build_ended: list[float] = []  # the moment it exits (its only waiter is this thread)
            threading.Thread(target=lambda: (build.wait(), build_ended.append(time.monotonic())), daemon=True).start()
            try:
                time.sleep(BUILD_WARMUP_SECONDS)
                if build_ended:
                    raise RuntimeError(f"the build ended before the load started:\n{build_log.read_text()[-2000:]}")
                began = time.monotonic()
                records, wall = load_row(url, plan, reference)
                row = summary(name, records, wall)
                ended = build_ended[0] - began if build_ended else None
                row["build"] = {"chunks": build_chunks, "seconds_before_load": began - build_started,
                                "running_at_end": not build_ended, "returncode": build.returncode,
                                "ended_s_into_load": ended, "share_of_load": min(1.0, (ended or wall) / wall)}
                return row
            finally:
                if not build_ended:
                    build.terminate()  # builds are safe to kill (index/build.py)
                    try:
                        build.wait(timeout=30)
                    except subprocess.TimeoutExpired:
                        build.kill()
                        build.wait(timeout=30)


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f} ms"


def print_table(rows: list[dict]) -> None:
    print("| row | sessions × questions | wall | questions/s | p50 | p95 | p99 | errors | cross-talk "
          "| ≠ asked alone |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['row']} | {r['sessions']} × {r['questions'] // max(r['sessions'], 1)} | {r['wall_s']:.1f} s "
              f"| {r['questions_per_s']:.2f} | {_ms(r['p50_ms'])} | {_ms(r['p95_ms'])} | {_ms(r['p99_ms'])} "
              f"| {r['errors']} | {r['cross_talk']} | {r['differs']} |")
    if len(rows) == 2 and all(r["p50_ms"] for r in rows):
        a, b = rows
        print(f"| b ÷ a | | {b['wall_s'] / a['wall_s']:.2f}× | {b['questions_per_s'] / a['questions_per_s']:.2f}× "
              f"| {b['p50_ms'] / a['p50_ms']:.2f}× | {b['p95_ms'] / a['p95_ms']:.2f}× | {b['p99_ms'] / a['p99_ms']:.2f}× "
              "| | | |")
    print()
    for r in rows:
        turns = ", ".join(f"{t}: {v:.0f} ms" for t, v in r["p50_ms_by_turn"].items())
        print(f"{r['row']}: p50 by turn {turns}; {r['answered']} of {r['replies']} replies answered")
        if "build" in r:
            b = r["build"]
            state = ("still running when the load ended" if b["running_at_end"] else
                     f"ended (exit {b['returncode']}) {b['ended_s_into_load']:.0f} s into the load, "
                     f"{b['share_of_load']:.0%} of it")
            print(f"  concurrent build of {b['chunks']} chunks: started {b['seconds_before_load']:.0f} s "
                  f"before the load, {state}")
        for e in r["error_examples"]:
            print(f"  error: {e}")
        for m in [m for m in r["records"] if "expected" in m][:10]:
            what = "its text differs" if m["outcome"] == "own" else f"expected {m['expected']!r}"
            print(f"  {m['outcome']}: session {m['session']} turn {m['turn'] + 1} sent {m['question']!r}, "
                  f"the reply's question {m['asked']!r}; {what}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=50, help="chat sessions at once")
    parser.add_argument("--questions", type=int, default=5, help="questions per session (one conversation)")
    parser.add_argument("--no-build", action="store_true", help="skip row (b), the load beside an index build")
    parser.add_argument("--build-chunks", type=int, default=2000, help="size of the concurrent build's corpus (chunks)")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "benchmarks" / "out" / "bench_load.json")
    args = parser.parse_args()
    if args.sessions < 1 or args.questions < 1:
        parser.error("--sessions and --questions must be at least 1")
    plan = session_questions(args.sessions, args.questions)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus, data = root / "corpus", root / "app-data"
        shutil.copytree(PROJECT_ROOT / "corpus", corpus)
        reference = reference_replies(corpus, root / "reference-data", plan)
        rows.append(measure("(a) idle", root, corpus, data, plan, reference))
        if not args.no_build:
            generate_corpus(root / "build-corpus", args.build_chunks)
            rows.append(measure("(b) beside an index build", root, corpus, data, plan, reference,
                                root / "build-corpus", args.build_chunks))
    print_table(rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"sessions": args.sessions, "questions": args.questions,
                                    "build_chunks": None if args.no_build else args.build_chunks,
                                    "request_timeout_s": REQUEST_SECONDS, "row_timeout_s": ROW_SECONDS,
                                    "rows": rows}, indent=2, ensure_ascii=False) + "\n")
    print(f"\nJSON: {args.out}")


if __name__ == "__main__":
    main()
