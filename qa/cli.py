"""Command line: ``python -m qa ask "question"`` (or ``newsqa ask``); ``newsqa build`` and
``newsqa eval`` run ``python -m index build`` and ``python -m eval``.

``ask`` prints the reply, its citations and their sources; ``--json`` prints the reply
object; without a question it is interactive, and follow-ups keep the conversation.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from index.__main__ import add_store_options, settings_from_args
from index.__main__ import main as index_main
from qa.assistant import Assistant
from qa.reply import Reply


def format_reply(reply: Reply) -> str:
    """The reply as a person reads it in a terminal: text, then one line per citation."""
    lines = [reply.text]
    if reply.question and reply.answered:
        lines.insert(0, f"(question: {reply.question})")
    for c in reply.citations:
        p = c.passage
        source = ", ".join(x for x in (p.outlet, p.date) if x) or p.article_id
        lines.append(f"  [{c.number}] {p.title} ({source}) — “{c.quote}”")
    if not reply.answered and reply.passages:
        lines.append("Related passages:")
        lines += [f"  - {p.title}: {p.text[:160]}…" for p in reply.passages[:3]]
    lines += [f"note: {n}" for n in reply.notes]
    return "\n".join(lines)


def main(argv: list[str] | None = None, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    parser = argparse.ArgumentParser(prog="python -m qa", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    ask = commands.add_parser("ask", help="answer a question (interactive without one)")
    ask.add_argument("question", nargs="?", help="the question; omit it to chat")
    ask.add_argument("--corpus", type=Path, help="folder of articles (default: corpus/)")
    ask.add_argument("--json", action="store_true", help="print the reply object as JSON")
    ask.add_argument("--k", type=int, help="passages to retrieve")
    ask.add_argument("--mode", choices=["extractive", "llm"], help="answerer (default: settings)")
    add_store_options(ask)
    commands.add_parser("build", help="index a folder of articles (same as python -m index build)", add_help=False)
    commands.add_parser("eval", help="run question sets (same as python -m eval)", add_help=False)
    args, rest = parser.parse_known_args(argv)
    if args.command == "build":
        return index_main(["build", *rest])
    if args.command == "eval":
        from eval.cli import main as eval_main

        return eval_main(rest)
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")

    settings = settings_from_args(args).replace(answer_mode=args.mode)
    try:
        assistant = Assistant.load(corpus=args.corpus, settings=settings)
    except (ValueError, FileNotFoundError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2

    def answer(question: str, history: list[Reply]) -> Reply:
        reply = assistant.ask(question, history=history, k=args.k)
        out = json.dumps(reply.to_json(), ensure_ascii=False, indent=2) if args.json else format_reply(reply)
        print(out, file=stdout, flush=True)
        return reply

    if args.question is not None:
        answer(args.question, [])
        return 0
    history: list[Reply] = []
    print("Ask about the articles (empty line or Ctrl-D to stop).", file=stdout)
    for line in stdin:
        if not line.strip():
            break
        history.append(answer(line.strip(), history))
    return 0


def console_main() -> None:
    sys.exit(main())
