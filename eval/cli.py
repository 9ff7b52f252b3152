"""``python -m eval run QUESTIONS`` and ``python -m eval compare QUESTIONS --vary retrieval=hybrid,bm25``.

``python -m eval from-feedback --out FILE`` turns users' feedback reports into a question set.

Both print a metrics table and write metrics.json, results.jsonl, report.md and PNG charts
into ``--out`` (default: eval/runs/<question-set>-<time>). The exit status is 1 when a
``--min-*`` threshold is not met (by every compared configuration), 2 for unusable input.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

from eval.feedback import feedback_questions, write_question_set
from eval.hotpotqa import import_hotpotqa
from eval.metrics import QUALITY
from eval.questions import QuestionSetError, load_question_set
from eval.report import table, write
from eval.runner import Config, run
from eval.suggestions import check_suggestions
from index.cli import add_store_options, dispatch, settings_from_args
from index.settings import PROJECT_ROOT
from qa import ANSWER_MODES, RETRIEVAL_MODES, Assistant
from qa.feedback import FeedbackLog

VARIABLE = {"k": int, "answer_mode": str, "retrieval": str}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    add_commands(parser.add_subparsers(dest="command", required=True))
    return dispatch(parser, argv)


def add_commands(commands: argparse._SubParsersAction) -> None:
    """``run`` and ``compare``: evaluate question sets."""
    for name in ("run", "compare"):
        cmd = commands.add_parser(name, help="evaluate one configuration" if name == "run"
                                  else "evaluate several configurations on the same index, side by side")
        cmd.add_argument("questions", type=Path, help="question set (.yaml, .json or .jsonl)")
        cmd.add_argument("--corpus", type=Path, help="folder of articles (default: the set's corpus, else corpus/)")
        cmd.add_argument("--k", type=int, help="passages to retrieve")
        cmd.add_argument("--answer-mode", "--mode", dest="answer_mode", choices=ANSWER_MODES,
                         help="how replies are written")
        cmd.add_argument("--retrieval", choices=RETRIEVAL_MODES, help="retriever")
        cmd.add_argument("--out", type=Path, help="output folder (default: eval/runs/SET-TIME)")
        for metric in QUALITY:
            cmd.add_argument(f"--min-{metric.replace('_', '-')}", type=float, metavar="X",
                             help=f"exit 1 when {metric} is below X")
        add_store_options(cmd)
        if name == "compare":
            cmd.add_argument("--vary", action="append", required=True, metavar="NAME=V1,V2",
                             help="a setting and its values (k, answer_mode, retrieval); repeat for a grid")
        cmd.set_defaults(handler=evaluate)
    hotpot = commands.add_parser("import-hotpotqa", help="a corpus and question set from a HotpotQA distractor file",
                                 description=import_hotpotqa.__doc__)
    hotpot.add_argument("source", type=Path, help="hotpot_dev_distractor_v1.json (downloaded; not in this repository)")
    hotpot.add_argument("--out", type=Path, required=True, help="folder for corpus/ and questions.yaml")
    hotpot.add_argument("--questions", type=int, help="only the first N questions (and their paragraphs)")
    hotpot.set_defaults(handler=import_command)
    feedback = commands.add_parser("from-feedback", help="a question set from users' feedback reports",
                                   description="Turn the app's feedback reports into a question set.")
    feedback.add_argument("--feedback", type=Path, help="feedback.jsonl (default: the data folder's)")
    feedback.add_argument("--out", type=Path, default=Path("feedback-questions.yaml"), help="question set to write")
    add_store_options(feedback)
    feedback.set_defaults(handler=from_feedback_command)
    suggestions = commands.add_parser("suggestions", help="check that suggested questions are answered",
                                      description=check_suggestions.__doc__)
    suggestions.add_argument("--corpus", type=Path, help="folder of articles (default: corpus/)")
    suggestions.add_argument("--conversations", type=int, default=50)
    suggestions.add_argument("--turns", type=int, default=3, help="suggestions followed per conversation")
    add_store_options(suggestions)
    suggestions.set_defaults(handler=suggestions_command)


def suggestions_command(args: argparse.Namespace) -> int:
    assistant = Assistant.load(corpus=args.corpus, settings=settings_from_args(args))
    check = check_suggestions(assistant, args.conversations, args.turns)
    print(f"{check.conversations} conversations: {check.answered} of {check.shown} suggestions answered "
          f"({check.answered_share:.1%})")
    for asked, question in check.unanswered:
        print(f"  not answered: {question!r} after {list(asked)}")
    return 0 if not check.unanswered else 1


def from_feedback_command(args: argparse.Namespace) -> int:
    path = args.feedback or settings_from_args(args).data_dir / "feedback.jsonl"
    if not path.exists():
        print(f"error: no feedback file at {path}", file=sys.stderr)
        return 2
    read = FeedbackLog(path).read()
    for problem in read.problems:
        print(f"{path}: {problem} (skipped)", file=sys.stderr)
    records = feedback_questions(read.reports)
    write_question_set(records, args.out)
    print(f"{len(records)} questions from {len(read.reports)} reports: {args.out}")
    return 0


def import_command(args: argparse.Namespace) -> int:
    try:
        imported = import_hotpotqa(args.source, args.out, args.questions)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"{imported.records} questions, {imported.articles} articles: {imported.questions}")
    return 0


def evaluate(args: argparse.Namespace) -> int:
    """Run the question set once per configuration, write the outputs, apply the gates."""
    try:
        questions, set_corpus = load_question_set(args.questions)
        configs = _configs(args)
    except (QuestionSetError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    settings = settings_from_args(args)
    try:
        assistant = Assistant.load(corpus=args.corpus or set_corpus, settings=settings, progress=sys.stderr.isatty())
    except (ValueError, FileNotFoundError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    unknown = {c.answer_mode for c in configs if c.answer_mode} - set(assistant.answerers)
    if unknown:
        print(f"error: answer mode {', '.join(unknown)} is not configured (set QA_LLM_URL or QA_LLM_GGUF)",
              file=sys.stderr)
        return 2

    runs = [run(assistant, questions, c, progress=sys.stderr.isatty()) for c in configs]
    out = args.out or PROJECT_ROOT / "eval" / "runs" / f"{args.questions.stem}-{time.strftime('%Y%m%d-%H%M%S')}"
    write(runs, out, title=f"Evaluation of {args.questions.name}")
    print(table(runs))
    print(f"\nreport: {out / 'report.md'}")
    return _gate(args, runs)


def _configs(args: argparse.Namespace) -> list[Config]:
    base = {"k": args.k, "answer_mode": args.answer_mode, "retrieval": args.retrieval}
    if args.command == "run":
        return [Config(**base)]
    axes = []
    for vary in args.vary:
        name, _, values = vary.partition("=")
        if name not in VARIABLE or not values:
            raise ValueError(f"--vary {vary!r}: expected NAME=V1,V2 with NAME one of {', '.join(VARIABLE)}")
        axes.append([(name, VARIABLE[name](v)) for v in values.split(",")])
    return [Config(**{**base, **dict(combo)}) for combo in itertools.product(*axes)]


def _gate(args: argparse.Namespace, runs) -> int:
    status = 0
    for metric in QUALITY:
        floor = getattr(args, f"min_{metric}")
        if floor is None:
            continue
        for r in runs:
            value = r.metrics[metric]
            if value is None or value < floor:
                print(f"FAIL {metric} = {value} < {floor} ({r.config.label})", file=sys.stderr)
                status = 1
    return status
