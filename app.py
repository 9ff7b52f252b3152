"""The chat app: ``python app.py [--host H] [--port P] [--corpus DIR]``.

A Gradio front end over `qa.Assistant`; it adds presentation only (reply markdown with
clickable citation markers, the source viewer, the corpus table). Everything it answers
comes from the same API a Python user calls. Also serves ``/ask`` for programs::

    from gradio_client import Client
    Client("http://127.0.0.1:7860/").predict("Who is Kirby?", [], api_name="/ask")
"""

from __future__ import annotations

import argparse
import html
import re
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import gradio as gr
import uvicorn
from fastapi import FastAPI
from starlette.middleware.trustedhost import TrustedHostMiddleware

from index.articles import ArticleError
from index.cli import add_store_options, settings_from_args
from index.locks import IndexBusy, claim_owner
from index.settings import Settings
from index.store import StoreUnavailable
from qa import UPLOADED_MARK, Assistant, Reply
from qa.export import as_text
from qa.suggestions import SUGGESTIONS

ALL_OUTLETS = "All outlets"
TIMELINE_TURN = "tl"
"""Citation links of the timeline panel are ``#cite-tl-N``; the chat's are ``#cite-TURN-N``."""
CSS = """
#viewer { max-height: 520px !important; overflow-y: auto !important; }
#viewer mark { background: #ffe066; padding: 0 2px; }
.refusal { border-left: 4px solid #999; padding-left: 8px; color: #555; }
"""
# Citation links carry "#cite-TURN-NUMBER"; a click hands that key to the hidden textbox and
# presses the hidden button, which opens the source viewer on the passage.
JS = """
() => {
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[href*="#cite-"]');
    if (!link) return;
    event.preventDefault();
    event.stopPropagation();
    const box = document.querySelector('#cite-key textarea, #cite-key input');
    box.value = link.getAttribute('href').split('#cite-')[1];
    box.dispatchEvent(new Event('input', {bubbles: true}));
    setTimeout(() => document.querySelector('#cite-open').click(), 100);
  }, true);
}
"""
SCROLL_TO_MARK = "() => { setTimeout(() => document.querySelector('#viewer mark')?.scrollIntoView({block: 'center'}), 200); }"


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+!|~>])")


def safe(text: str) -> str:
    """Article or user text made inert in chat markdown: no HTML, links, images or emphasis.

    >>> safe("![x](http://e.vil/p.png) <b>hi</b>")
    '\\!\\[x\\]\\(http://e.vil/p.png\\) &lt;b&gt;hi&lt;/b&gt;'
    """
    return _MARKDOWN.sub(r"\\\1", html.escape(text, quote=False))


def reply_markdown(reply: Reply, turn: int | str, show_scores: bool = False) -> str:
    """The reply as chat markdown: markers become citation links, sources listed under it."""
    if not reply.answered:
        related = "".join(f"\n- *{safe(p.outlet or p.title)}*: {safe(p.text[:180])}…" for p in reply.passages[:3])
        body = f'<div class="refusal">\n\n{safe(reply.text)}\n\n</div>'
        return body + (f"\n\n**Related passages** (not support):{related}" if related else "")
    body = []
    for part in reply.parts or [reply]:
        if reply.parts:
            body.append(f"**{safe(part.heading or '')}**")
        if not part.answered:
            body.append(f'<span class="refusal">{safe(part.text)}</span>')
            continue
        body += [safe(part.intro)] if part.intro else []
        for s in part.statements:
            links = "".join(f"[[{n}]](#cite-{turn}-{n})" for n in s.citations)
            body.append(f"{safe(s.glossed)} {links}".rstrip())
    lines = ["\n\n".join(body), "", "**Sources**"]
    for c in reply.citations:
        p = c.passage
        details = safe(", ".join(x for x in (p.outlet, p.date or "undated", p.uploaded and UPLOADED_MARK) if x))
        score = f" · score {p.score:.3f}" if show_scores else ""
        lines.append(f"- [[{c.number}]](#cite-{turn}-{c.number}) {safe(p.title)}"
                     f"{f' — {details}' if details else ''}{score}")
    for s in reply.statements:
        articles = {reply.cited(n).article_id for n in s.citations}
        if len(articles) > 1:
            lines.append(f"- *stated by {len(articles)} articles:* {s.markers}")
    lines += [f"- *note:* {safe(n)}" for n in reply.notes]
    return "\n".join(lines)


def viewer_html(assistant: Assistant, article_id: str, start: int, end: int, field: str | None = None) -> str:
    """The whole cleaned article with ``start:end`` highlighted, under its metadata; a citation of
    a metadata ``field`` (`qa.Citation.field`) highlights that field instead."""
    a = assistant.article(article_id)
    shown = {"outlet": a.outlet, "date": a.date, "byline": a.byline and f"by {a.byline}", "dateline": a.dateline}
    meta = " · ".join(f'<mark id="cited">{html.escape(x)}</mark>' if name == field else html.escape(x)
                      for name, x in shown.items() if x)
    cited = "" if field else f'<mark id="cited">{html.escape(a.text[start:end])}</mark>'
    body = (html.escape(a.text[:start]) + cited + html.escape(a.text[end:])).replace("\n\n", "</p><p>")
    return f"<h3>{html.escape(a.title)}</h3><p><small>{meta or 'no outlet or date stated'} · id {a.id}</small></p><p>{body}</p>"


def articles_table(assistant: Assistant) -> list[list]:
    counts = assistant.chunk_counts()
    return [[a.id, a.title, a.outlet or "", a.date or "", counts.get(a.id, 0)] for a in assistant.articles()]


def build_ui(assistant: Assistant, read_only: bool = False) -> gr.Blocks:
    """The Blocks app for one assistant (each browser session keeps its own history).

    ``read_only`` leaves out uploading and removing articles.
    """
    with gr.Blocks(title="News QA") as demo:
        history = gr.State([])
        gr.Markdown("## Ask the news articles\nEvery statement cites the passage it comes from; "
                    "click a citation to read it in its article.")
        with gr.Row():
            with gr.Column(scale=3):
                chat = _chat_panel()
                feedback = _feedback_panel()
            with gr.Column(scale=2):
                viewer = gr.HTML("<p><em>Click a citation such as [1] to see it in its article.</em></p>",
                                 elem_id="viewer", label="Source")
                settings = _settings_panel(assistant)
                timeline = _timeline_panel()
                corpus = _corpus_panel(assistant, read_only)
        _wire_chat(assistant, chat, settings, history, viewer, timeline, demo)
        _wire_feedback(assistant, feedback, history)
        _wire_corpus(assistant, corpus, demo, read_only)

        def ask_api(question: str, history: list[str] | None = None) -> dict:
            """The reply as data (`Reply.to_dict`); ``history`` is the earlier questions of the conversation."""
            return assistant.ask(question, history=assistant.replay(history or [])).to_dict()

        gr.api(ask_api, api_name="ask")

        def feedback_api(question: str, history: list[str] | None = None, verdict: str = "down",
                         correction: str | None = None, unanswerable: bool = False) -> dict:
            """Record a verdict on the reply to ``question`` (after ``history``); returns the report kept."""
            turns = assistant.replay([*(history or []), question])
            report = assistant.record_feedback(turns[-1], turns[:-1], verdict, correction, unanswerable)
            return {"recorded": True, "time": report.time}

        gr.api(feedback_api, api_name="feedback")
    return demo


@dataclass
class _Chat:
    chatbot: gr.Chatbot
    question: gr.Textbox
    new_chat: gr.Button
    suggestions: list[gr.Button]
    """Next questions (`Assistant.suggest`), hidden when there are fewer."""


@dataclass
class _Feedback:
    up: gr.Button
    down: gr.Button
    wrong_citation: gr.Button
    correction: gr.Textbox
    unanswerable: gr.Checkbox
    status: gr.Markdown
    export_markdown: gr.Button
    export_json: gr.Button
    exported: gr.File


@dataclass
class _Settings:
    k: gr.Slider
    answer_mode: gr.Radio
    show_scores: gr.Checkbox
    outlet: gr.Dropdown


@dataclass
class _Timeline:
    show: gr.Button
    events: gr.Markdown
    reply: gr.State


@dataclass
class _Corpus:
    table: gr.Dataframe
    upload: gr.File
    remove_id: gr.Dropdown
    remove: gr.Button
    status: gr.Markdown


def _chat_panel() -> _Chat:
    chatbot = gr.Chatbot(label="Chat", height=520, elem_id="chat", feedback_options=None)
    question = gr.Textbox(placeholder="Ask a question about the articles…", show_label=False,
                          elem_id="question", submit_btn=True)
    with gr.Row(elem_id="suggestions"):
        suggestions = [gr.Button(visible=False, size="sm", elem_id=f"suggest-{i}") for i in range(SUGGESTIONS)]
    with gr.Row():
        new_chat = gr.Button("New chat", elem_id="new-chat", size="sm")
    return _Chat(chatbot, question, new_chat, suggestions)


def _feedback_panel() -> _Feedback:
    """Verdicts on the latest reply, and the conversation's export."""
    with gr.Row():
        up = gr.Button("👍", size="sm", elem_id="fb-up", min_width=60)
        down = gr.Button("👎", size="sm", elem_id="fb-down", min_width=60)
        wrong = gr.Button("Wrong or missing citation", size="sm", elem_id="fb-wrong-citation")
    with gr.Row():
        correction = gr.Textbox(placeholder="Optional: the right answer", show_label=False, elem_id="fb-correction",
                                scale=3)
        unanswerable = gr.Checkbox(label="The articles do not say", elem_id="fb-unanswerable", scale=1)
    status = gr.Markdown(elem_id="fb-status")
    with gr.Row():
        export_markdown = gr.Button("Export Markdown", size="sm", elem_id="export-md")
        export_json = gr.Button("Export JSON", size="sm", elem_id="export-json")
    exported = gr.File(label="Exported conversation", elem_id="exported", interactive=False)
    return _Feedback(up, down, wrong, correction, unanswerable, status, export_markdown, export_json, exported)


def _settings_panel(assistant: Assistant) -> _Settings:
    modes = list(assistant.answerers)
    with gr.Accordion("Settings", open=False):
        k = gr.Slider(1, 10, value=assistant.settings.top_k, step=1, label="Passages to retrieve")
        answer_mode = gr.Radio(modes, value=assistant.answer_mode, label="Answer mode",
                               info=None if "llm" in modes else "Configure QA_LLM_URL or QA_LLM_GGUF for 'llm'.")
        show_scores = gr.Checkbox(False, label="Show retrieval scores")
        outlet = gr.Dropdown([ALL_OUTLETS, *assistant.outlets()], value=ALL_OUTLETS, label="Outlet",
                             info="Answer from one outlet's articles only", elem_id="outlet")
    return _Settings(k, answer_mode, show_scores, outlet)


def _timeline_panel() -> _Timeline:
    with gr.Accordion("Timeline", open=False, elem_id="timeline-panel"):
        show = gr.Button("Show the timeline", size="sm", elem_id="timeline-show")
        events = gr.Markdown(elem_id="timeline")
    return _Timeline(show, events, gr.State(None))


def _corpus_panel(assistant: Assistant, read_only: bool) -> _Corpus:
    with gr.Accordion("Articles", open=False):
        table = gr.Dataframe(articles_table(assistant), headers=["id", "title", "outlet", "date", "chunks"],
                             interactive=False, elem_id="articles")
        upload = gr.File(label="Add articles (.txt, .md, .html)", file_count="multiple",
                         file_types=[".txt", ".md", ".html", ".htm"], elem_id="upload", visible=not read_only)
        with gr.Row(visible=not read_only):
            remove_id = gr.Dropdown([a.id for a in assistant.articles()], label="Remove article")
            remove = gr.Button("Remove", size="sm", variant="stop")
        status = gr.Markdown(elem_id="corpus-status")
    return _Corpus(table, upload, remove_id, remove, status)


def _wire_chat(assistant: Assistant, chat: _Chat, settings: _Settings, history: gr.State, viewer: gr.HTML,
               timeline: _Timeline, demo: gr.Blocks) -> None:
    """Questions stream into the chat; a clicked citation (or timeline event) opens the source viewer;
    suggested next questions follow each reply (and the page load)."""
    cite_key = gr.Textbox(visible="hidden", elem_id="cite-key")
    cite_open = gr.Button(visible="hidden", elem_id="cite-open")

    def respond(message: str, messages: list, turns: list, k: int, answer_mode: str, show_scores: bool,
                outlet: str) -> Iterator:
        messages = [*messages, {"role": "user", "content": message}, {"role": "assistant", "content": ""}]
        outlet = None if outlet == ALL_OUTLETS else outlet
        try:
            for piece in assistant.stream(message, history=turns, k=int(k), answer_mode=answer_mode, outlet=outlet):
                if isinstance(piece, Reply):
                    turns = [*turns, piece]
                    messages[-1] = {"role": "assistant", "content": reply_markdown(piece, len(turns) - 1, show_scores)}
                else:
                    messages[-1] = {"role": "assistant", "content": messages[-1]["content"] + safe(piece)}
                yield messages, turns, ""
        except StoreUnavailable as err:
            messages[-1] = {"role": "assistant", "content": f'<div class="refusal">\n\n{safe(str(err))}\n\n</div>'}
            yield messages, turns, message

    def open_citation(key: str, turns: list, events: Reply | None) -> str:
        try:
            turn, number = key.split("-")
            reply = events if turn == TIMELINE_TURN else turns[int(turn)]
            c = reply.cited(int(number))
        except (ValueError, IndexError, StopIteration, AttributeError):
            return "<p>That citation is not part of this conversation.</p>"
        try:
            return viewer_html(assistant, c.article_id, c.start, c.end, c.field)
        except KeyError:
            return f"<p>The article {html.escape(c.article_id)} has been removed since this reply.</p>"

    def show_timeline(outlet: str) -> tuple[str, Reply]:
        events = assistant.timeline(outlet=None if outlet == ALL_OUTLETS else outlet)
        return reply_markdown(events, TIMELINE_TURN), events

    def suggested(turns: list) -> list:
        found = assistant.suggest(turns)
        return [gr.Button(value=q, visible=True) for q in found] + [gr.Button(visible=False)] * (SUGGESTIONS - len(found))

    asked = [chat.question, chat.chatbot, history, settings.k, settings.answer_mode, settings.show_scores,
             settings.outlet]
    answered = [chat.chatbot, history, chat.question]
    chat.question.submit(respond, asked, answered, api_name="chat").then(
        suggested, history, chat.suggestions, api_name=False)
    for button in chat.suggestions:  # a click asks it
        button.click(lambda q: q, button, chat.question, api_name=False).then(
            respond, asked, answered, api_name=False).then(suggested, history, chat.suggestions, api_name=False)
    demo.load(suggested, history, chat.suggestions, api_name=False)
    timeline.show.click(show_timeline, settings.outlet, [timeline.events, timeline.reply], api_name=False)
    chat.new_chat.click(lambda: ([], [], "<p><em>New chat.</em></p>"), None, [chat.chatbot, history, viewer],
                        api_name=False).then(suggested, history, chat.suggestions, api_name=False)
    cite_open.click(open_citation, [cite_key, history, timeline.reply], viewer,
                    api_name=False).then(None, js=SCROLL_TO_MARK)


def _wire_feedback(assistant: Assistant, feedback: _Feedback, history: gr.State) -> None:
    """A verdict applies to the latest reply; exports write a file the browser downloads."""

    def send(verdict: str, turns: list, correction: str, unanswerable: bool):
        if not turns:
            return "Ask a question first: a verdict is about a reply.", correction, unanswerable
        try:
            assistant.record_feedback(turns[-1], turns[:-1], verdict, correction, unanswerable)
        except ValueError as err:
            return f"❌ {safe(str(err))}", correction, unanswerable
        return f"Thanks: your report on “{safe(turns[-1].question)}” is kept.", "", False

    inputs = [history, feedback.correction, feedback.unanswerable]
    outputs = [feedback.status, feedback.correction, feedback.unanswerable]
    for button, verdict in ((feedback.up, "up"), (feedback.down, "down"), (feedback.wrong_citation, "wrong-citation")):
        button.click(lambda *values, v=verdict: send(v, *values), inputs, outputs, api_name=False)

    def export(turns: list, suffix: str) -> str | None:
        if not turns:
            return None
        folder = Path(tempfile.mkdtemp(prefix="newsqa-export-"))
        target = folder / f"conversation{suffix}"
        target.write_text(as_text(turns, target.name), encoding="utf-8")
        return str(target)

    feedback.export_markdown.click(lambda turns: export(turns, ".md"), history, feedback.exported, api_name=False)
    feedback.export_json.click(lambda turns: export(turns, ".json"), history, feedback.exported, api_name=False)


def _wire_corpus(assistant: Assistant, corpus: _Corpus, demo: gr.Blocks, read_only: bool) -> None:
    """Uploads and removals go through the assistant; the table and the status say what happened.
    The table is read afresh for each page load (another session may have changed the corpus)."""

    def add_files(files: list | None):
        messages = []
        for f in files or []:
            path = Path(f if isinstance(f, str) else f.name)
            try:
                article = assistant.add_article(path.name, path.read_bytes())
                messages.append(f"✅ added **{safe(article.title)}** (`{article.id}`)")
            except ArticleError as err:
                messages.append(f"❌ {safe(str(err))}")
        return [*updates("\n\n".join(messages)), None]

    def remove_article(article_id: str | None):
        if not article_id:
            return updates("Choose an article to remove.")
        try:
            article = assistant.remove_article(article_id)
        except KeyError as err:
            return updates(f"❌ {safe(str(err))}")
        return updates(f"removed **{safe(article.title)}** (`{article.id}`)")

    def updates(message: str) -> list:
        ids = [a.id for a in assistant.articles()]
        return [articles_table(assistant), gr.Dropdown(choices=ids, value=None), message]

    outputs = [corpus.table, corpus.remove_id, corpus.status]
    if not read_only:  # not wired at all, so no request can reach them
        corpus.upload.upload(add_files, corpus.upload, [*outputs, corpus.upload], api_name=False)
        corpus.remove.click(remove_article, corpus.remove_id, outputs, api_name=False)
    demo.load(lambda: updates(""), None, outputs, api_name=False)


LOOPBACK = ("127.0.0.1", "localhost", "::1")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python app.py", description="Chat with the news articles in a browser.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: loopback only)")
    parser.add_argument("--port", type=int, default=7860)
    parser.add_argument("--corpus", type=Path, help="folder of articles (default: corpus/)")
    parser.add_argument("--auth", metavar="USER:PASSWORD", help="require this login (Gradio auth)")
    parser.add_argument("--read-only", action="store_true", help="no uploading or removing articles")
    parser.add_argument("--allowed-host", action="append", default=[], metavar="NAME",
                        help="a Host header to accept besides the loopback names (repeatable)")
    add_store_options(parser)
    args = parser.parse_args(argv)
    if args.host not in LOOPBACK and not (args.auth or args.read_only):
        raise SystemExit(f"error: --host {args.host} lets other machines in; give --auth USER:PASSWORD "
                         "or --read-only (or listen on 127.0.0.1)")
    auth = None
    if args.auth:
        user, _, password = args.auth.partition(":")
        if not user or not password:
            raise SystemExit("error: --auth must be USER:PASSWORD")
        auth = (user, password)
    settings: Settings = settings_from_args(args)
    owner = claim_owner(settings.data_dir, "the app (python app.py)")
    print(f"Opening the index of {args.corpus or settings.corpus_dir} (indexing what changed)…", flush=True)
    try:
        owner.acquire()
        assistant = Assistant.load(corpus=args.corpus, settings=settings, progress=True)
    except (ValueError, FileNotFoundError, IndexBusy, StoreUnavailable) as err:
        raise SystemExit(f"error: {err}") from None
    if assistant.last_build is not None:
        print(assistant.last_build.summary(), flush=True)
    demo = build_ui(assistant, read_only=args.read_only)
    demo.queue(default_concurrency_limit=4)
    hosts = [*LOOPBACK, *([args.host] if args.host not in ("0.0.0.0", "::") else []), *args.allowed_host]
    server = FastAPI()
    server.add_middleware(TrustedHostMiddleware, allowed_hosts=hosts)  # DNS rebinding: foreign Host refused
    server = gr.mount_gradio_app(server, demo, path="/", css=CSS, js=JS, footer_links=["api"], auth=auth,
                                 max_file_size=settings.max_file_bytes)
    print(f"News QA is at http://{args.host}:{args.port}/", flush=True)
    # Read (or build) the whole-corpus views while the server starts, not on the first question.
    threading.Thread(target=assistant.retriever.views, name="corpus-views", daemon=True).start()
    uvicorn.run(server, host=args.host, port=args.port, log_level="warning", timeout_graceful_shutdown=5)


if __name__ == "__main__":
    main()
