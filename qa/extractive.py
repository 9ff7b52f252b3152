"""The default answerer: a reply composed of sentences quoted from the retrieved passages.

Faithful by construction: every statement of the reply is a sentence of the passage it
cites. The steps:

1. score every sentence of the retrieved passages (`qa.evidence`);
2. refuse when even the best sentence is weak evidence (below ``Settings.min_support``);
3. group sentences that state the same thing in several articles (another article's sentence
   joins when it says nearly every word pair of the statement, with the same dates and
   amounts), so a fact is said once and cited to every article that carries it;
4. answer with the best group, then at most a few other well-supported ones;
5. where another article gives a different detail (a date, a number) in an otherwise similar
   sentence, show both, each with its own citations, under a line that says they differ;
6. a yes/no question starts with Yes or No when a sentence states nearly all it asks, every
   name and place it names, and most of what it asks besides them by the words themselves (or
   other forms of them: "sent" for "send"); when none does but one states most of it
   (names included), the reply says the articles give no verdict and shows what bears on it;
   otherwise it is refused.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field

import numpy as np

from index.text import MONTHS, content_terms, lemma_terms, stem, tokens, words_covered
from qa.evidence import STANCE, Query, Scored, Sentence, SentenceEncoder, score, sentences_of
from qa.passages import NEAR_DUPLICATE, Passage
from qa.reply import DISAGREE, NO, UNDECIDED, YES, Citation, Reply, Statement, cite, refusal, render
from qa.wording import Wording

MAX_STATEMENTS = 3
"""The direct answer and at most two supporting statements."""
SUPPORTING = 0.8
"""A supporting statement needs at least this share of the best statement's support."""
SAME_TOPIC = 0.6
"""Meaning similarity above which two sentences with different details are a disagreement."""

DECIDES = 0.75
"""Share of a yes/no question's focus the deciding sentence must state itself."""
PREDICATE = 0.5
"""Share of a yes/no question's focus besides its names that the deciding sentence must exceed
by the words themselves (`_predicate_stated`): of "ship troops" both, of "fees will rise" two
words ("will not raise harbour fees" decides it)."""
REPORTS = 0.6
"""Share of a yes/no question's focus a sentence must state itself to be reported as evidence
when no sentence decides the question (with every name and place the question names)."""
_NEGATION = re.compile(r"\b(not|no|never|neither|nor|denied|denies|deny|denying|rejected|without)\b|n[’']t\b", re.I)
_SLOT_UNITS = {
    "time": {"year", "month", "week", "summer", "winter", "spring", "autumn", *MONTHS},
    "money": {"mn", "bn", "million", "billion"},
    "count": {"count", "million", "billion", "per cent", "%"},
}
"""The details of a sentence that fill each slot (`_details` units; a four-digit year counts as time)."""
_DETAIL = re.compile(
    r"\b(?:within|next|last|this|early|late|by|since|before|until|in)\s+(?:the\s+)?"
    r"(?P<unit>year|month|week|summer|winter|spring|autumn|" + "|".join(MONTHS) + r"|\d{4})\b"
    r"|(?P<amount>\d[\d,.]*)\s?(?P<scale>mn|bn|million|billion|per cent|%)?",
    re.IGNORECASE,
)
"""Details that outlets report differently: relative times ("within the year") and amounts."""


@dataclass
class Fact:
    """One thing said, in one or more articles: the best-supported sentence leads."""

    members: list[Scored] = field(default_factory=list)

    @property
    def lead(self) -> Scored:
        return self.members[0]

    @property
    def articles(self) -> set[str]:
        return {m.sentence.passage.article_id for m in self.members}


class ExtractiveAnswerer:
    """Answers from the passages' own sentences; see the module docstring."""

    def __init__(self, encoder: SentenceEncoder, min_support: float,
                 speaker_of: Callable[[Sentence], str | None] | None = None,
                 preceding: Callable[[Sentence], str] | None = None):
        self.encoder = encoder
        self.min_support = min_support
        self.speaker_of = speaker_of
        """Who speaks in a sentence of the corpus, when its article says (`qa.coverage.Coverage.speaker_of`)."""
        self.preceding = preceding
        """The sentence of the corpus's article before a sentence (`qa.coverage.Coverage.preceding`)."""

    def answer(self, question: str | Wording, passages: list[Passage]) -> Reply:
        query = Query.of(question, self.encoder)
        question = query.text
        scored = score(query, sentences_of(passages), self.encoder, self.speaker_of, self.preceding)
        best = scored[0].support if scored else 0.0
        if best < self.min_support:
            return refusal(question, passages, support=best)
        facts = group_facts(s for s in scored if s.support >= self.min_support * SUPPORTING)
        chosen = [facts[0]]
        for fact in facts[1:]:
            if len(chosen) < MAX_STATEMENTS and fact.lead.support >= best * SUPPORTING:
                chosen.append(fact)
        differing = self._disagreement(query, chosen[0], facts[1:])
        intro = None
        if differing is not None:
            chosen = [chosen[0], differing, *[f for f in chosen[1:] if f is not differing][:MAX_STATEMENTS - 2]]
            intro = DISAGREE
        elif query.kind == "yesno":
            # The well-supported fact that decides the question leads, whichever ranks first.
            deciding = next((f for f in facts if f.lead.support >= self.min_support
                             and _verdict(query, f.lead) is not None), None)
            if deciding is None:  # no verdict; what bears on it, when a sentence states most of what is asked
                lead = chosen[0].lead
                if not (lead.fits and lead.own >= REPORTS and _names_stated(query, lead)
                        and _more_than_names(query, lead.matched)):
                    return refusal(question, passages, support=best)
                return compose(question, passages, chosen, UNDECIDED, best)
            intro = _verdict(query, deciding.lead)
            chosen = [deciding, *[f for f in chosen if f is not deciding]][:MAX_STATEMENTS]
        return compose(question, passages, chosen, intro, best)

    def _disagreement(self, query: Query, answer: Fact, others: list[Fact]) -> Fact | None:
        """Another article's well-supported fact on the same topic that fills the asked slot
        (a time, an amount, a count) with a different detail ("within the year" / "next year")."""
        units = _SLOT_UNITS.get(query.kind, set())
        ours = {u: d for u, d in _details(answer.lead.sentence.text).items()
                if u in units or (query.kind == "time" and u.isdigit())}
        for fact in others:
            if fact.articles & answer.articles or not fact.lead.fits:
                continue
            theirs = _details(fact.lead.sentence.text)
            if any(ours[u] != theirs[u] for u in ours.keys() & theirs.keys()) \
                    and self._similarity(answer, fact) >= SAME_TOPIC:
                return fact
        return None

    def _similarity(self, a: Fact, b: Fact) -> float:
        va, vb = self.encoder.encode_sentences([a.lead.sentence, b.lead.sentence])
        return float(np.dot(va, vb))


def _verdict(query: Query, evidence: Scored) -> str | None:
    """``YES`` or ``NO`` when ``evidence`` states what the yes/no question asks (nearly all its
    focus words, and every name and place it names, in the sentence itself), negated or not as
    the question is; None otherwise."""
    if evidence.own < DECIDES:
        return None
    if not _names_stated(query, evidence) or not _more_than_names(query, _stated_itself(query, evidence)):
        return None  # "did Ghana fine …?" is not decided by what Kenya did, "did Peru invade Kenya?" by their names
    if not _predicate_stated(query, evidence):
        return None  # "did Peru send troops to Kenya?" is not decided by Peru sending ferries there
    if query.terms.keys() & STANCE and not set(content_terms(evidence.sentence.text)) & STANCE:
        return None  # "does X admit …?" is decided by someone admitting or denying, not by the claim
    negated = bool(_NEGATION.search(evidence.sentence.text)) != bool(_NEGATION.search(query.text))
    return NO if negated else YES


def _named(query: Query) -> set[str]:
    """The focus terms that name someone or something (a name, a place, an acronym)."""
    return {t for t in query.terms if t in query.names or t in query.alternatives.keys() - STANCE}


def _names_stated(query: Query, evidence: Scored) -> bool:
    """Whether ``evidence`` states every name and place the question names (by any of its names)."""
    return all(query.found(t, evidence.stated) for t in _named(query))


def _more_than_names(query: Query, found: Collection[str]) -> bool:
    """Whether evidence stating the question's terms ``found`` states one besides its names: "is
    Nairobi ready to …?" is not reported on by a sentence that only names Nairobi. A verdict
    needs the word itself or another name of it (`_stated_itself`); evidence reported without one
    may state it by a word of the same meaning (`qa.evidence.Scored.matched`): "is the port's
    warning based on intel" is reported on by a sentence citing intelligence, never answered yes by it."""
    named = _named(query)
    return any(t in found for t in query.terms if t not in named)


def _predicate_stated(query: Query, evidence: Scored) -> bool:
    """Whether ``evidence`` states, by the words themselves (another name, or another form of
    the word: "sent" for "send"), most (`PREDICATE`) of what the question asks besides its
    names: the names weigh double in `Scored.own`, so a sentence naming them and one word asked
    could decide the question by itself, however alike "troops" and "ferries" are. A stance asked
    ("does X admit …?") is decided by the stance, as `_verdict` checks."""
    if query.terms.keys() & STANCE:
        return True  # "did X deny sending …?" is decided by X denying "the claim", worded elsewhere
    asked = {t: w for t, w in query.terms.items() if t not in _named(query)}
    if not asked:
        return True
    forms = {stem(w): lemma_terms(w) for w in tokens(query.text)}
    have = lemma_terms(evidence.sentence.text)
    stated = sum(w for t, w in asked.items() if query.found(t, evidence.stated) or forms.get(t, set()) & have)
    return stated / sum(asked.values()) > PREDICATE


def _stated_itself(query: Query, evidence: Scored) -> frozenset[str]:
    """The question's terms ``evidence`` states by the word itself or another of its names."""
    return frozenset(t for t in query.terms if query.found(t, evidence.stated))


def facts_of(sentences: Iterable[Sentence]) -> list[Fact]:
    """``sentences`` grouped as `group_facts` groups them, each taken as given rather than scored
    against a question (a digest's, a timeline's or a quotation's statements)."""
    return group_facts(Scored(s, 0.0, 0.0, True, 1.0) for s in sentences)


def group_facts(scored) -> list[Fact]:
    """Sentences grouped into facts (near-duplicates together), best-supported fact first."""
    facts: list[Fact] = []
    for s in scored:
        home = next((f for f in facts if s.sentence.passage.article_id not in f.articles
                     and words_covered(f.lead.sentence.text, s.sentence.text) >= NEAR_DUPLICATE
                     and _details(s.sentence.text) == _details(f.lead.sentence.text)), None)
        if home is not None:
            home.members.append(s)
        elif not any(_same_sentence(s, m) for f in facts for m in f.members):
            facts.append(Fact([s]))
    return facts


def _same_sentence(a: Scored, b: Scored) -> bool:
    return a.sentence.passage.article_id == b.sentence.passage.article_id and a.sentence.start == b.sentence.start


@functools.lru_cache(maxsize=20_000)  # `group_facts` compares each sentence with every fact
def _details(sentence: str) -> dict[str, set[str]]:
    """The sentence's details by unit: ``{"year": {"within the year"}, "mn": {"275"}}``."""
    details: dict[str, set[str]] = {}
    for m in _DETAIL.finditer(sentence):
        unit = (m["unit"] or m["scale"] or "count").lower()
        details.setdefault(unit, set()).add(" ".join(m[0].lower().split()))
    return details


def compose(question: str, passages: list[Passage], facts: list[Fact], intro: str | None, support: float,
            kind: str = "answer") -> Reply:
    """The reply stating each of ``facts`` once, cited to every article that carries it."""
    citations: list[Citation] = []
    statements = []
    for fact in facts:
        numbers = [cite(citations, m.sentence.passage, m.sentence.text, m.sentence.start, m.sentence.end)
                   for m in fact.members]
        lead = fact.lead.sentence
        dates = tuple((d.text, d.resolved) for d in lead.passage.dates_within(lead.start, lead.end))
        statements.append(Statement(lead.text, tuple(numbers), dates))
    return Reply(text=render(statements, intro), citations=citations, answered=True, question=question,
                 passages=passages, statements=statements, support=support, intro=intro, kind=kind)
