"""Command line of the qa package: ``python -m qa ask "question"`` (also ``newsqa ask``).

``ask`` prints the reply, its citations and their sources; ``--json`` prints the reply
object; without a question it is interactive, and follow-ups keep the conversation.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from index.cli import add_store_options, dispatch, settings_from_args
from index.settings import ANSWER_MODES, RETRIEVAL_MODES
from qa.assistant import Assistant
from qa.export import as_text
from qa.passages import UPLOADED_MARK
from qa.reply import Reply


def format_reply(reply: Reply) -> str:
    """The reply as a person reads it in a terminal: text, then one line per citation."""
    lines = []
    for part in reply.parts or [reply]:
        if reply.parts:
            lines.append(part.heading or "")
        if not part.answered:
            lines.append(part.text)
            continue
        lines += [part.intro] if part.intro else []
        lines += [f"{s.glossed} {s.markers}" for s in part.statements]
    if reply.question and reply.answered:
        lines.insert(0, f"(question: {reply.question})")
    for c in reply.citations:
        p = c.passage
        source = ", ".join(x for x in (p.outlet, p.date, p.uploaded and UPLOADED_MARK) if x) or p.article_id
        lines.append(f"  [{c.number}] {p.title} ({source}) — “{c.quote}”")
    if not reply.answered and reply.passages:
        lines.append("Related passages:")
        lines += [f"  - {p.title}: {p.text[:160]}…" for p in reply.passages[:3]]
    lines += [f"note: {n}" for n in reply.notes]
    return "\n".join(lines)


def add_commands(commands: argparse._SubParsersAction, stdin: TextIO | None = None,
                 stdout: TextIO | None = None) -> None:
    """``ask``: answer a question, or chat when none is given."""
    ask = commands.add_parser("ask", help="answer a question (interactive without one)",
                              description="Answer a question about the articles; without one, chat.")
    ask.add_argument("question", nargs="?", help="the question; omit it to chat")
    ask.add_argument("--corpus", type=Path, help="folder of articles (default: corpus/)")
    ask.add_argument("--json", action="store_true", help="print the reply's data as JSON (Reply.to_dict)")
    ask.add_argument("--k", type=int, help="passages to retrieve")
    ask.add_argument("--answer-mode", "--mode", dest="answer_mode", choices=ANSWER_MODES,
                     help="how the reply is written (default: settings)")
    ask.add_argument("--retrieval", choices=RETRIEVAL_MODES, help="how passages are found (default: settings)")
    add_store_options(ask)
    ask.set_defaults(handler=lambda args: ask_command(args, stdin or sys.stdin, stdout or sys.stdout))


def ask_command(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    settings = settings_from_args(args).replace(answer_mode=args.answer_mode)
    try:
        assistant = Assistant.load(corpus=args.corpus, settings=settings)
    except (ValueError, FileNotFoundError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2

    def answer(question: str, history: list[Reply]) -> Reply:
        reply = assistant.ask(question, history=history, k=args.k, retrieval=args.retrieval)
        out = json.dumps(reply.to_dict(), ensure_ascii=False, indent=2) if args.json else format_reply(reply)
        print(out, file=stdout, flush=True)
        return reply

    if args.question is not None:
        answer(args.question, [])
        return 0
    history: list[Reply] = []
    print("Ask about the articles (empty line or Ctrl-D to stop; /export FILE.md or FILE.json saves the "
          "conversation).", file=stdout)
    for line in stdin:
        if not line.strip():
            break
        if line.startswith("/export"):
            print(export(history, line.removeprefix("/export").strip()), file=stdout, flush=True)
            continue
        history.append(answer(line.strip(), history))
    return 0


def export(history: list[Reply], target: str) -> str:
    """Save the conversation as Markdown (``.md``) or JSON (``.json``); what happened, in one line."""
    try:
        text = as_text(history, target)
    except ValueError as err:
        return f"usage: /export FILE.md or /export FILE.json ({err})"
    try:
        Path(target).expanduser().write_text(text, encoding="utf-8")
    except OSError as err:
        return f"could not export to {target}: {err.strerror}"
    return f"exported {len(history)} replies to {target}"


def main(argv: list[str] | None = None, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m qa", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    add_commands(parser.add_subparsers(dest="command", required=True), stdin, stdout)
    return dispatch(parser, argv)
