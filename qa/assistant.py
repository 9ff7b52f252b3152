"""The assistant: follow-ups resolved, passages retrieved, a reply composed and checked.

>>> from qa import Assistant
>>> assistant = Assistant.load()               # the default corpus/, indexed on first use
>>> reply = assistant.ask("Who is the British ambassador to the UN?")
>>> "Barbara Woodward" in reply.text, reply.citations[0].quote in reply.citations[0].passage.text
(True, True)
>>> assistant.ask("What did she say Russia wants?", history=[reply]).question
'What did Barbara Woodward say Russia wants?'
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Protocol

import chromadb
import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.llms import LLM
from wordfreq import zipf_frequency

from index.articles import Article
from index.build import BuildReport
from index.dates import question_dates, without_dates
from index.settings import ANSWER_MODES, Settings
from index.text import STOP_WORDS, content_terms, tokens, vocabulary_words
from qa.corroboration import corroboration
from qa.coverage import Coverage, describes_person
from qa.evidence import EVERYDAY, Query, Sentence, SentenceEncoder, first_articles, score, similar_words
from qa.extractive import ExtractiveAnswerer
from qa.feedback import Feedback, FeedbackLog
from qa.followup import CONTEXT, Turn, another_article, other_articles, question_of, resolve
from qa.kinds import Request, recognise, source_topic
from qa.outlets import asks_field_only, metadata, unknown_outlet
from qa.overview import overview
from qa.parts import join_parts, split_parts
from qa.passages import Passage
from qa.quotes import About, people, quoted, said_by
from qa.reply import NEVER_MENTIONED, NOT_ANSWERED, RELATED, Reply, refusal
from qa.retriever import QuestionError, Retriever, check_question
from qa.slots import Slot, slot_of, speaker_phrase
from qa.suggestions import SUGGESTIONS, suggest
from qa.timeline import on_date, timeline
from qa.wording import Wording, aliases


class Answerer(Protocol):
    """Composes a reply to a (self-contained) question from retrieved passages."""

    def answer(self, question: str | Wording, passages: list[Passage]) -> Reply: ...


class Assistant:
    """Answers questions about one corpus; every statement cites its passage.

    Build it with `Assistant.load`, or hand in a `Retriever` (and an LLM) you made.
    """

    def __init__(self, retriever: Retriever, llm: LLM | None = None):
        self.retriever = retriever
        self.settings = retriever.settings
        self.encoder = SentenceEncoder(retriever.embed_model, stored=retriever.text_vectors,
                                       stored_words=retriever.word_vectors, word_prompt=retriever.settings.word_prompt)
        self.extractive = ExtractiveAnswerer(self.encoder, self.settings.min_support,
                                             speaker_of=lambda s: self.retriever.coverage.speaker_of(s),
                                             preceding=lambda s: self.retriever.coverage.preceding(s))
        self.answerers: dict[str, Answerer] = {"extractive": self.extractive}
        """Answerers by answer mode: ``extractive`` always, ``llm`` when a model is configured."""
        if llm is not None:
            from qa.generative import GenerativeAnswerer

            self.answerers["llm"] = GenerativeAnswerer(llm, self.encoder, fallback=self.extractive)
        self.answer_mode = "llm" if llm is not None and self.settings.answer_mode == "llm" else "extractive"
        """The answer mode used when `ask` is not given one."""

    @classmethod
    def load(cls, corpus: str | Path | None = None, settings: Settings | None = None,
             embed_model: BaseEmbedding | None = None, client: chromadb.ClientAPI | None = None,
             llm: LLM | None = None, progress: bool = False) -> Assistant:
        """Open (indexing first, incrementally) the corpus, with the answerer the settings ask for.

        With ``answer_mode="llm"`` replies come from a generative model (``llm``, or the one
        the settings configure) whose every sentence is checked against its citations; the
        default is extractive. A configured model is also offered as answer mode ``llm``.
        """
        settings = settings or Settings.from_env()
        if settings.answer_mode not in ANSWER_MODES:
            raise ValueError(f"answer_mode must be one of {', '.join(ANSWER_MODES)}, not {settings.answer_mode!r}")
        if llm is None and (settings.answer_mode == "llm" or settings.llm_url or settings.llm_gguf):
            from qa.llm import load_llm

            llm = load_llm(settings)
        return cls(Retriever.load(corpus, settings, embed_model, client, progress=progress), llm)

    def ask(self, question: str, history: Sequence[Turn] = (), k: int | None = None,
            answer_mode: str | None = None, retrieval: str | None = None, outlet: str | None = None) -> Reply:
        """The reply to ``question``; ``history`` holds the earlier turns of the conversation.

        ``k`` passages are retrieved (default: settings) by ``retrieval`` (one of
        `qa.RETRIEVAL_MODES`; default: settings); ``answer_mode`` picks an answerer of `answerers`
        (default: `answer_mode`); ``outlet`` keeps to one outlet's articles (as a question naming
        it does). Questions about the coverage (a digest, a timeline, quotes, …) are answered by
        their own kind (`qa.kinds`); ``Reply.kind`` says which. Never raises for a bad question:
        the reply says what is wrong with it (``answered=False``).
        """
        answerer = self.answerers.get(answer_mode or self.answer_mode)
        if answerer is None:
            raise ValueError(f"answer mode must be one of {', '.join(self.answerers)}, not {answer_mode!r}")
        try:
            question = check_question(question)
        except QuestionError as err:
            return refusal(str(question)[:200] if isinstance(question, str) else "", [],
                           reason=f"I cannot answer that: {err}.")
        coverage = self.retriever.coverage
        articles = coverage.outlets.get(outlet) if outlet else None
        previous = CONTEXT.sub("", question_of(history[-1])) if history else None
        if previous and (swapped := another_article(question, previous, coverage.referred)):
            resolved = swapped  # "who wrote the HT story?" "and the may 14 one?"
        elif previous and (others := other_articles(question, previous, coverage.referred)):
            resolved, named = others  # "and who wrote the remaining ones?"
            articles = [a for a in (articles or coverage.articles) if a not in named]
        else:
            resolved = resolve(question, history[-self.settings.max_history:])
        resolved = self.retriever.vocabulary.normalise(resolved).text  # "wat did otieno say" is a quote question
        reference = coverage.referred(resolved)  # "the FT story", "per the dec 10 article"
        request = recognise(reference.without(resolved) if reference else resolved, self._speaks)
        if reference is not None:
            articles = [a for a in reference.articles if articles is None or a in articles]
            if request.kind == "answer" and asks_field_only(request.asked):
                request = Request("metadata", resolved)  # "whats the date on the washington article"
            elif request.kind == "answer" and (whole := recognise(resolved, self._speaks)).kind != "answer":
                request = whole  # "how does the FT cover the sanctions?": a digest, its kind in the words around the name
            else:
                pointing = resolved[reference.start:reference.end].lower()
                request = _digest_asked(request, resolved, lambda source: source.lower() in pointing)
            request = replace(request, question=resolved)
        own = CONTEXT.sub("", resolved)
        if request.outlet_asked and reference is not None and reference.end <= len(own) \
                and request.outlet_asked.lower() not in own.lower():
            request = replace(request, outlet_asked=None)  # "and who wrote the 'x' one?" after "… the FT story?"
        if request.outlet_asked:
            named = coverage.outlet_named(request.outlet_asked)
            if named is not None:
                articles = coverage.outlets[named]
                asked_outlet = request.outlet_asked.lower()
                request = _digest_asked(request, resolved, lambda source: source.lower() == asked_outlet)
            elif _names_an_outlet(request.outlet_asked, coverage, self.retriever.vocabulary.acronyms) \
                    and not self._speaks(request.outlet_asked):
                return unknown_outlet(resolved, request.outlet_asked, coverage, [])
            else:  # "according to the White House": a source in the articles, part of what is asked
                kept = request.outlet_asked.lower() in request.asked.lower()  # "what did the NSC say", not cut out
                request = replace(request, outlet_asked=None, asked=request.asked if kept else request.question)
        parts = split_parts(request.asked)
        if len(parts) == 1:
            return self._reply(request, coverage, articles, answerer, k, retrieval)
        # Each part by its own kind: "who wrote the HT piece and what did Otieno say?"
        replies = [self._reply(replace(recognise(part, self._speaks), outlet_asked=None), coverage, articles,
                               answerer, k, retrieval) for part in parts]
        return replace(join_parts(resolved, replies), retrieval_seconds=sum(r.retrieval_seconds for r in replies))

    def _reply(self, request: Request, coverage: Coverage, articles: list[str] | None,
               answerer: Answerer, k: int | None, retrieval: str | None) -> Reply:
        """The reply to one part of a question, by its kind."""
        if request.kind == "answer":
            asked = request.asked if any(c.isalnum() for c in request.asked) else request.question
            return self._answer(asked, answerer, k, retrieval, articles)
        return self._coverage_reply(request, coverage, articles, answerer, k, retrieval)

    def _coverage_reply(self, request: Request, coverage: Coverage, articles: list[str] | None,
                        answerer: Answerer, k: int | None, retrieval: str | None) -> Reply:
        """The reply to a question about the coverage itself, by its kind (see `qa.kinds`)."""
        question, ids = request.question, articles or list(coverage.articles)
        if request.kind == "metadata":
            return metadata(question, coverage, ids, [])
        if request.kind == "corroboration":
            return corroboration(question, request.topic or question, coverage,
                                 lambda claim, only: self._answer(claim, answerer, k, retrieval, only))
        about = None
        if request.kind == "quotes" and request.topic:
            wording = self._unmentioned(self.retriever.vocabulary.normalise(request.topic), ids)
            if wording.unknown:  # "what did otieno say about ghana?"
                return _never_mentioned(question, wording, [])
            about = self._about(wording)
        if request.kind == "quotes" and request.speaker:
            speaker = self._person(request.speaker) or request.speaker  # "what did the brit UN envoy say?"
            return said_by(question, speaker, _within(coverage, ids), [], about, request.topic)
        if request.kind == "quotes":
            return quoted(question, _within(coverage, ids), [], about, request.one_speaker)
        if request.kind == "people":
            places = frozenset(t for name, others in aliases(request.topic).items() for n in (name, *others)
                               for t in content_terms(n))
            return people(question, _within(coverage, ids), [], places, quoted_only="quoted" in question.lower())
        sentences = [s for s in coverage.sentences if s.passage.article_id in ids]
        passages: list[Passage] = []
        wording = self.retriever.vocabulary.normalise(CONTEXT.sub("", request.topic)) if request.topic else None
        wording = self._unmentioned(wording, ids) if wording is not None else None
        if wording is not None and wording.unknown:  # "summarise what Chile said", "timeline of Peru's role"
            return replace(_never_mentioned(question, wording, []), kind=request.kind)
        topic = wording.searched if wording is not None else ""
        # A topic narrows the sentences only when the articles use its words ("exactly", "these articles" are no topic).
        if not (set(content_terms(topic)) - _THE_COVERAGE) & coverage.terms:
            topic = ""
        if topic and request.kind == "overview":  # the sentences that would answer about the topic ("the wages stuff")
            used = " ".join(w for w in topic.split() if set(content_terms(w)) <= coverage.terms)
            about = self._about(self.retriever.vocabulary.normalise(used))(sentences)
            if not about and articles is not None:  # "what does the Coast Daily say about Lamu?": nothing
                return refusal(question, [], kind="overview",
                               reason=f"{NOT_ANSWERED} I found nothing about {used} in {_their(coverage, ids)}.")
            sentences = about or sentences  # a topic the evidence cannot score ("the wages bits"): all of it
        elif topic and request.kind in ("timeline", "date"):
            passages = self.retriever.retrieve(topic, k=k, retrieval=retrieval, articles=ids)
            topical = {(p.article_id, p.start) for hit in passages for p in hit.copies}
            # A dated sentence about the topic counts though its passage ranks low ("what did Lima do last month").
            dated = [s for s in sentences if request.kind == "date" and s.passage.dates_within(s.start, s.end)]
            about = {id(s) for s in self._about(wording)(dated)} if dated else set()
            sentences = [s for s in sentences
                         if (s.passage.article_id, s.passage.start) in topical or id(s) in about] or sentences
        if request.kind == "overview":
            lengths = {a: len(coverage.articles[a].text) for a in ids}
            return overview(question, sentences, self.encoder, passages, lengths, topic)
        if request.kind == "timeline":
            return timeline(question, sentences, passages)
        newest = max((coverage.articles[a].date for a in ids if coverage.articles[a].date), default=None)
        return on_date(request.asked or question, sentences, passages, newest)

    def _answer(self, question: str, answerer: Answerer, k: int | None, retrieval: str | None,
                articles: list[str] | None = None) -> Reply:
        """The reply to one self-contained question (one part of what was asked), from ``articles`` only
        when given; refused when it names what no article mentions (`qa.wording.Wording.unknown`)."""
        phrase = speaker_phrase(question) if slot_of(question).kind == "quote" else None
        if phrase and (name := self._person(phrase)) not in (None, phrase):  # "what did russia's envoy say …"
            question = question.replace(phrase, name)
        wording = self.retriever.vocabulary.normalise(question)
        started = time.perf_counter()
        passages = self.retriever.retrieve(wording.searched, k=k, retrieval=retrieval, articles=articles,
                                           vector=self.encoder.query(wording.searched))
        retrieval_seconds = time.perf_counter() - started
        if not passages:
            reply = refusal(wording.text, [], reason="There are no articles to answer from: add some first.")
        elif wording.unknown:
            reply = _never_mentioned(wording.text, wording, passages)
        else:
            reply = answerer.answer(wording, passages)
        return replace(reply, retrieval_seconds=retrieval_seconds)

    def _unmentioned(self, topic: Wording, ids: list[str], known: Iterable[str] = ()) -> Wording:
        """``topic`` (of a digest, a timeline, quotations) with the words no article of ``ids``
        uses, in any inflection or by a word of the same meaning in the passages nearest it
        (`qa.evidence.similar_words`), added to its ``unknown``: "timeline of the ferry collision"
        is about what the articles never mention, however much else of them is about the port.
        Everyday words ("say"), fillers ("the strike stuff", "in bullet points"), words for an act
        or a quality (`_ABSTRACT`: "the union's reaction"), dates ("the one dated may 13"), the
        coverage's own words ("the ferry story") and ``known`` words (of the same meaning as a
        corpus word by another measure) name no topic."""
        terms = self.retriever.coverage.terms
        text = without_dates(topic.text, question_dates(topic.text, None))
        missing = [w for w in tokens(text) if w.isalpha() and w not in STOP_WORDS and w not in topic.expansions
                   and w not in known and not set(content_terms(w)) & (_THE_COVERAGE | _FILLER) and not _ABSTRACT.search(w)
                   and not set(content_terms(w)) <= terms and zipf_frequency(w, "en") < EVERYDAY]
        if not missing:
            return topic
        passages = self.retriever.retrieve(topic.searched, articles=ids, vector=self.encoder.query(topic.searched))
        nearby = sorted(vocabulary_words(p.text for p in passages))  # words stored with a vector: none embedded now
        alike = similar_words(missing, nearby, self.encoder)
        absent = [w for w in missing if w not in alike]
        return replace(topic, unknown=tuple(dict.fromkeys((*topic.unknown, *absent)))) if absent else topic

    def _about(self, topic: Wording) -> About:
        """What of some sentences is about ``topic``: those that would support an answer to it
        (the evidence score of `qa.evidence`, the answerer's threshold), most supporting first;
        of more than `ABOUT_AT_MOST`, only that many nearest the topic in meaning are scored."""
        query = replace(Query.of(topic, self.encoder), slot=Slot("other"))  # a topic asks for nothing in particular

        def about(sentences: Sequence[Sentence]) -> list[Sentence]:
            if len(sentences) > ABOUT_AT_MOST:  # by meaning, a vector per text (a quote repeats in many copies)
                first = first_articles(sentences)
                meaning = dict(zip(first, self.encoder.encode(list(first), list(first.values())) @ query.vector, strict=True))
                nearest = np.argsort(-np.array([meaning[s.text] for s in sentences]), kind="stable")
                sentences = [sentences[i] for i in sorted(nearest[:ABOUT_AT_MOST])]
            scored = score(query, sentences, self.encoder)
            return [s.sentence for s in scored if s.support >= self.settings.min_support]
        return about

    def _speaks(self, words: str) -> bool:
        """Whether ``words`` name someone who can be quoted: a person the articles name ("otieno",
        "tunde bakre") or a description of a person ("the ghanaian UN envoy", whom the reply
        then says no article quotes); not "the UK" or "the port authority"."""
        return describes_person(words) or self._person(words) is not None

    def _person(self, speaker: str) -> str | None:
        """``speaker`` when the articles name such a person, else the one person they describe so
        ("the brit UN envoy" → "Barbara Woodward", `qa.coverage.Coverage.described`), else None
        (also when the description has a word the articles never use: `_unmentioned`)."""
        coverage = self.retriever.coverage
        if coverage.is_person(speaker):
            return speaker
        wording = self.retriever.vocabulary.normalise(speaker)
        if named := coverage.person_named(wording.text):
            return named
        # A description in other words than the articles' ("kenya's envoy" for "Kenya's UN Ambassador").
        roles = sorted({w for name in coverage.people for w in tokens(coverage.role(name) or "") if w not in STOP_WORDS})
        typed = [w for w in tokens(wording.text) if w not in STOP_WORDS and w not in roles]
        others = {**{w: tuple(alike) for w, alike in similar_words(typed, roles, self.encoder).items()}, **wording.expansions}
        if self._unmentioned(wording, list(coverage.articles), known=others).unknown:  # "the navy spokesman"
            return None
        return coverage.described(wording.text, others)

    def replay(self, questions: Sequence[str], k: int | None = None, answer_mode: str | None = None,
               retrieval: str | None = None) -> list[Reply]:
        """The replies to ``questions`` asked in order as one conversation (a script of
        earlier turns, as the ``/ask`` endpoint and question sets give them); only the last
        ``settings.max_history`` are replayed, as only they are used."""
        turns: list[Reply] = []
        for question in questions[-self.settings.max_history:]:
            turns.append(self.ask(question, history=turns, k=k, answer_mode=answer_mode, retrieval=retrieval))
        return turns

    def stream(self, question: str, history: Sequence[Turn] = (), k: int | None = None,
               answer_mode: str | None = None, outlet: str | None = None) -> Iterator[str | Reply]:
        """The reply as it is written: text pieces (one line at a time), then the final `Reply`.

        Replies are checked as a whole before they are shown, so pieces come once it is done.
        """
        reply = self.ask(question, history, k, answer_mode, outlet=outlet)
        lines = reply.text.split("\n")
        for i, line in enumerate(lines):
            yield line + ("\n" if i < len(lines) - 1 else "")
        yield reply

    def timeline(self, topic: str = "", outlet: str | None = None) -> Reply:
        """The dated events of the corpus (or of ``topic``, of ``outlet``'s articles) in date order."""
        coverage = self.retriever.coverage
        request = Request("timeline", f"timeline {topic}".strip(), topic)
        answerer = self.answerers[self.answer_mode]
        return self._coverage_reply(request, coverage, coverage.outlets.get(outlet) if outlet else None,
                                    answerer, None, None)

    def suggest(self, history: Sequence[Turn] = (), n: int = SUGGESTIONS) -> list[str]:
        """Up to ``n`` next questions about what the last reply cites (the corpus, on an empty chat)
        that the conversation has not asked about, each answered with citations before it is offered
        (after "Who is Britain's UN ambassador?": "What did Barbara Woodward say?", say)."""
        return suggest(self.retriever.coverage, history, lambda q: self.ask(q, history=history), n)

    @property
    def feedback(self) -> FeedbackLog:
        """Users' verdicts on replies (``feedback.jsonl`` in the data folder)."""
        return FeedbackLog(self.settings.data_dir / "feedback.jsonl")

    def record_feedback(self, reply: Reply, history: Sequence[Turn], verdict: str, correction: str | None = None,
                        unanswerable: bool = False) -> Feedback:
        """Keep a user's verdict on ``reply`` (asked after ``history``); returns the report kept.

        ``verdict`` is one of `qa.feedback.VERDICTS`; ``correction`` is the right answer in the
        user's words, ``unanswerable`` says the articles do not answer (``eval from-feedback``
        turns either into a question of a question set).
        """
        report = Feedback(reply.question, tuple(question_of(t) for t in history), reply.to_dict(), verdict,
                          correction.strip() if correction and correction.strip() else None, unanswerable)
        self.feedback.record(report)
        return report

    def outlets(self) -> list[str]:
        """The outlets the articles name, alphabetically (articles that name none are not counted).

        Read from the article records, not the corpus views, so a UI can list them before the
        views are loaded."""
        return sorted({a.outlet for a in self.articles() if a.outlet})

    @property
    def last_build(self) -> BuildReport | None:
        """What indexing the corpus did when this assistant was loaded (None: not indexed then)."""
        return self.retriever.last_build

    def articles(self) -> list[Article]:
        """Every indexed article, by id."""
        return self.retriever.articles()

    def chunk_counts(self) -> dict[str, int]:
        """The number of indexed chunks of each article, by article id."""
        return self.retriever.chunk_counts()

    def article(self, article_id: str) -> Article:
        """One whole cleaned article; raises KeyError for an unknown id."""
        return self.retriever.article(article_id)

    def add_article(self, name: str, data: bytes) -> Article:
        """Save one uploaded article file into the corpus and index it.

        Raises `index.articles.ArticleError` naming the file and what is wrong (and changes nothing).
        """
        article = self.retriever.indexer.add_file(name, data)
        self.retriever.refresh()
        return article

    def remove_article(self, article_id: str) -> Article:
        """Remove an article's file and its chunks; raises KeyError for an unknown id."""
        article = self.retriever.indexer.remove(article_id)
        self.retriever.refresh()
        return article


ABOUT_AT_MOST = 300
"""The most sentences a topic is scored against (a speaker quoted thousands of times in a large
corpus): those nearest it in meaning, so the time to answer stays bounded."""
_THE_COVERAGE = frozenset(content_terms("articles article reports report sources source coverage story stories news media"
                                         " press papers paper them these those it reporting outlets two three four"))
"""Words for the corpus itself: "according to the reports", "do all three report …" name no outlet ("sky
news" may)."""
_FILLER = frozenset(content_terms("stuff thing things bit bits part parts side angle aspect issue situation matter"
                                   " whole business lowdown latest events happenings developments"
                                   " guy guys man men woman women lady person people chap bloke fella dude folks"
                                   " bullet bullets pts points list sentences paragraph words far dated role front"))
"""Words a topic or a person is wrapped in ("the strike stuff", "the fares angle", "the
union guy", "in bullet points", "so far"), which name no topic."""
_ABSTRACT = re.compile(r"(?:ing|tion|sion|ment|ness|ance|ence|ity)$")
"""Endings of words for an act or a quality ("briefing", "reaction", "handing", "involvement"),
which readers use for what the articles report in other words: such a word alone names no
topic the articles lack ("the minister's briefing" when the articles say what she told reporters)."""
_SOMEONE = frozenset(content_terms("anyone anybody someone everyone each any all other others both else besides"))
"""Words for some source or other: "does anyone besides the HT mention …" names no outlet."""


def _never_mentioned(question: str, wording: Wording, passages: list[Passage]) -> Reply:
    """The refusal of a question naming what no article mentions (`qa.wording.Wording.unknown`)."""
    words = ", ".join(f"“{w}”" for w in wording.unknown)
    related = f" {RELATED}" if passages else ""
    return refusal(question, passages, reason=f"{NOT_ANSWERED} {NEVER_MENTIONED.format(words=words)}{related}")


def _digest_asked(request: Request, question: str, names_source: Callable[[str], bool]) -> Request:
    """A digest on its topic for a question that asks what a source reports about it ("what does
    the Harbour Times say about the strike?", `qa.kinds.source_topic`), when ``names_source`` says the source
    is the outlet or article the question names; ``request`` otherwise."""
    said = source_topic(question)
    if request.kind == "answer" and said and names_source(said[0]):
        return Request("overview", question, said[1])
    return request


def _their(coverage: Coverage, ids: list[str]) -> str:
    """The articles ``ids`` as a reply names them: by outlet or title."""
    return "; ".join(coverage.label(a) for a in ids)


def _within(coverage: Coverage, ids: list[str]) -> Coverage:
    """The part of ``coverage`` in the articles ``ids``."""
    if len(ids) == len(coverage.articles):
        return coverage
    keep = set(ids)
    return Coverage.of([a for a in coverage.articles.values() if a.id in keep],
                       [p for p in coverage.passages if p.article_id in keep])


def _names_an_outlet(name: str, coverage: Coverage, acronyms: Mapping[str, str]) -> bool:
    """Whether ``name`` ("the BBC") can only be an outlet: nothing in the articles is called so,
    not even by the initials of a name they write out (``acronyms``: "the KPA" is the Kenya Ports
    Authority), and it is neither a place ("according to china" is about what the articles
    never mention; "the mombasa post" is more than a place) nor the coverage itself ("according
    to the articles")."""
    words = [w for w in name.split() if w.lower() != "the"]
    if " ".join(words).lower() in acronyms:
        return False
    terms = set(content_terms(name))
    places = {t for place in aliases(name) for t in content_terms(place)}
    if not words or terms <= places | _THE_COVERAGE or terms & _SOMEONE:  # "according to china/the reports/anyone"
        return False
    written = re.compile(rf"\b{re.escape(' '.join(words))}\b", re.I)  # "ap" is not in "apply"
    return not any(written.search(a.text) for a in coverage.articles.values())
