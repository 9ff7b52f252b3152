"""The corpus as a news reader sees it: which outlets, which articles, every sentence with its
dates, and who says what.

Questions about the coverage itself (a digest, one outlet's story, what happened on a day, who
is quoted) need the whole corpus, not the five passages retrieval returns. `Coverage` is that
view, built once from the indexed chunks (their dates were resolved at index time, see
`index.dates`) and rebuilt when the corpus changes.

Sentences that are not news text are left out: headlines and captions without a full stop,
bylines, datelines on their own, and instructions addressed to an AI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz

from index.articles import Article
from index.dates import question_dates
from index.instructions import is_instruction
from index.text import content_terms, person_names, sentence_spans, tokens
from qa.evidence import Sentence
from qa.passages import Passage

MIN_WORDS = 8
"""A sentence shorter than this (a headline, a caption, a byline) is not news text."""
_ENDS = re.compile(r"[.!?…][”\"’']?\s*$")
_QUOTE = re.compile(r"[“\"]([^”\"]{12,})[”\"]")
_SAID = re.compile(r"\b(said|says|told|tells|added|warned|stated|wrote|insisted|argued|according to)\b")
_PRONOUN = re.compile(r"\b(he|she)\s+(said|says|told|added|warned)\b", re.I)
_ARTICLE_WORDS = r"(?:article|story|piece|report|coverage|write-?up|one)s?"
_ARTICLE = re.compile(r"(?:\b(?:in|from|per|according to|of|on|by|for)\s+)?\b(?:the|that|this)\s+"
                      r"(?P<ref>[‘'\"“][^’'\"”]{3,}[’'\"”]|(?:(?!(?:the|on|of|in|about|from|by|for)\b)[\w’'./-]+\s+){1,5}?)"
                      rf"\s*{_ARTICLE_WORDS}\b", re.I)
"""A phrase pointing at articles: "the FT story", "in the dec 10 article", "the 'US warns …' piece"."""
_PERSON_WORD = re.compile(r"\b(guy|guys|person|man|woman|dude|fella|bloke|lady|chap|official|spokes\w+|minister|secretary"
                          r"|ambassador|envoy|diplomat|president|chief|head|boss|leader|general|commander|director"
                          r"|adviser|advisor|reporter|journalist|correspondent|he|she|him|her)\b", re.I)
"""A description of a person has a word for one ("the brit UN envoy", "the russian guy")."""
_GENERIC_PEOPLE = frozenset(content_terms("guy guys person man woman dude fella bloke official people lady chap one"))
"""Words of a description that say it is a person, not which."""
_TITLE_ALIKE = 80
"""rapidfuzz token-set ratio from which words in a question are an article's title (typed from memory)."""
_TITLE_BEFORE = re.compile(r"((?:[A-Z][\w’'.-]*\s+|(?:of|for|and|the)\s+)*(?:[a-z]+\s+)?"
                           r"(?:spokesman|spokeswoman|spokesperson|ambassador|secretary|minister|president|envoy"
                           r"|official|chief|director|adviser|general|commander|leader|[A-Z][a-z]+)"
                           r"(?:\s+[a-z]+)?)\s*,?\s*$", re.I)


@dataclass(frozen=True)
class Reference:
    """Articles a question points at, and where in it the words that point are."""

    articles: tuple[str, ...]
    start: int
    end: int

    def without(self, text: str) -> str:
        """``text`` without the words that point ("in the FT story, who …" → "who …")."""
        rest = " ".join(f"{text[:self.start]} {text[self.end:]}".split())
        return re.sub(r"\s+([?.,;:])", r"\1", rest).strip(" ,;:") or text


@dataclass(frozen=True)
class Quote:
    """A quotation in an article, with who says it."""

    sentence: Sentence
    speaker: str | None
    """The person's name (for "he said", the person last named before it in the article)."""


class Coverage:
    """What the corpus holds, by article and outlet. Build it with `Coverage.of`."""

    def __init__(self, articles: list[Article], passages: list[Passage]):
        self.articles = {a.id: a for a in articles}
        self.passages = passages
        self._speakers: dict[tuple[str, int], str | None] = {}

    @classmethod
    def of(cls, articles: list[Article], passages: list[Passage]) -> Coverage:
        return cls(articles, passages)

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Every news sentence of the corpus, in article and reading order."""
        found = []
        for rank, passage in enumerate(self.passages):
            for s, e in sentence_spans(passage.text):
                text = passage.text[s:e]
                if len(tokens(text)) >= MIN_WORDS and _ENDS.search(text) and not is_instruction(text):
                    found.append(Sentence(text, passage, passage.start + s, passage.start + e, rank))
        return found

    @cached_property
    def outlets(self) -> dict[str, list[str]]:
        """Outlet → the ids of its articles (articles that state no outlet are not listed)."""
        found: dict[str, list[str]] = {}
        for a in self.articles.values():
            if a.outlet:
                found.setdefault(a.outlet, []).append(a.id)
        return found

    def label(self, article_id: str) -> str:
        """How a reader names an article: its outlet, or its title when it states none."""
        a = self.articles[article_id]
        return a.outlet or f"“{a.title}” (no outlet stated)"

    def outlet_named(self, text: str) -> str | None:
        """The corpus outlet that ``text`` names, by its name or initials ("FT" for "The Financial Times")."""
        lowered = f" {' '.join(tokens(text))} "
        for outlet in self.outlets:
            words = [w for w in tokens(outlet) if w not in ("the",)]
            initials = "".join(w[0] for w in words)
            if f" {' '.join(words)} " in lowered or (len(initials) >= 2 and f" {initials} " in lowered):
                return outlet
        return None

    def referred(self, text: str) -> Reference | None:
        """The articles ``text`` points at by outlet (in any case, by name or initials: "according
        to the ft", "the FT's version"), or by a phrase naming an article by its title, date or
        dateline ("the dec 10 article", "the washington-datelined story", "in the 'US warns …'
        piece"); None when it points at none of this corpus's articles.

        >>> from index.articles import Article
        >>> a = Article("a", "Port strike ends", "text", outlet="Harbour News", date="2024-03-05", dateline="Lagos")
        >>> b = Article("b", "Strike talks stall", "text", date="2024-03-01")
        >>> coverage = Coverage.of([a, b], [])
        >>> [coverage.referred(q).articles for q in ("what does harbour news say about pay",
        ...  "who wrote the mar 1 story", "in the 'strike talks stall' piece, who spoke?")]
        [('a',), ('b',), ('b',)]
        >>> coverage.referred("what did the union say?") is None
        True
        """
        for m in _ARTICLE.finditer(text):
            ids = self._named_by(m["ref"])
            if ids:
                return Reference(tuple(ids), m.start(), m.end())
        for outlet, pattern in self._outlet_phrases.items():
            if m := pattern.search(text):
                return Reference(tuple(self.outlets[outlet]), m.start(), m.end())
        return None

    def _named_by(self, ref: str) -> list[str]:
        """The articles whose outlet, title, date and dateline the words ``ref`` all fit (those it names)."""
        words = set(re.findall(r"[a-z0-9]+", ref.lower()))
        kept = list(self.articles)
        named = False
        outlet = self.outlet_named(ref)
        if outlet is not None:
            kept, named = [a for a in kept if self.articles[a].outlet == outlet], True
        if len(words) >= 3:
            titled = [a for a in kept if self.articles[a].title
                      and fuzz.token_set_ratio(ref.strip("‘'\"“’”").lower(), self.articles[a].title.lower()) >= _TITLE_ALIKE]
            if titled:
                kept, named = titled, True
        datelined = [a for a in kept if self.articles[a].dateline and self.articles[a].dateline.lower() in words]
        if datelined:
            kept, named = datelined, True
        dated = [a for a in kept if self.articles[a].date
                 and any(d.resolved == self.articles[a].date for d in question_dates(ref, self.articles[a].date))]
        if dated or question_dates(ref, None):
            kept, named = dated, True
        return kept if named else []

    @cached_property
    def _outlet_phrases(self) -> dict[str, re.Pattern]:
        """Each outlet → how a question names it as a source ("what does the FT say about",
        "according to the financial times", "the ft's take on")."""
        phrases = {}
        for outlet in self.outlets:
            words = [w for w in tokens(outlet) if w != "the"]
            names = [r"\s+".join(words)] + (["".join(w[0] for w in words)] if len(words) >= 2 else [])
            phrases[outlet] = re.compile(
                r"(?:\bwhat\s+(?:does|did|do)\s+|\b(?:according to|in|from|per|by)\s+)?(?:\bthe\s+)?"
                rf"\b(?:{'|'.join(names)})\b(?:['’]s)?"
                r"(?:\s+(?:say|says|said|report|reports|reported|write|writes|wrote)\b|\s+(?:version|take|account|view)\b"
                r"(?:\s+of)?)?(?:\s+(?:about|on|regarding|re)\b)?", re.I)
        return phrases

    @cached_property
    def quotes(self) -> list[Quote]:
        """Every quotation in the corpus with its speaker, where the text says who."""
        found = []
        for sentence in self.sentences:
            if not _QUOTE.search(sentence.text):
                continue
            found.append(Quote(sentence, self._speaker(sentence)))
        return found

    @cached_property
    def people(self) -> list[str]:
        """Every person the articles name, in order of first mention."""
        return list(dict.fromkeys(n for a in self.articles.values() for n in person_names(a.text)))

    def speaker_of(self, sentence: Sentence) -> str | None:
        """Who speaks in ``sentence`` (one of the corpus's), as the articles describe them ("UK
        Foreign Secretary James Cleverly"); None when the text does not say who."""
        key = (sentence.passage.article_id, sentence.start)
        if key not in self._speakers:
            own = self._by_start.get(key)
            name = self._speaker(own) if own is not None else None
            self._speakers[key] = name and " ".join(filter(None, (self.role(name), name)))
        return self._speakers[key]

    @cached_property
    def _by_start(self) -> dict[tuple[str, int], Sentence]:
        return {(s.passage.article_id, s.start): s for s in self.sentences}

    def is_person(self, name: str) -> bool:
        """Whether ``name`` (or part of it: "Kirby") is a person the articles name."""
        wanted = set(tokens(name)) - {"the", "mr", "ms", "mrs", "dr"}
        return bool(wanted) and any(wanted <= set(tokens(p)) for p in self.people)

    def described(self, description: str, others: dict[str, tuple[str, ...]] | None = None) -> str | None:
        """The one person the articles introduce in words like ``description`` ("the brit UN
        envoy" → "Barbara Woodward", introduced as "Britain's UN ambassador"): at least half its
        words, by their first four letters or by their other names (``others``, as
        `qa.wording.Wording.expansions` gives them: "nsc" → "National Security Council"), are in
        the person's role or name, a country it names among them, and no one else matches as many.
        None when nobody, or several.

        >>> from index.articles import Article
        >>> text = "Port Authority chief Amina Odhiambo spoke. Union leader Tom Baraka, a docker, replied."
        >>> coverage = Coverage.of([Article("a", "t", text)], [])
        >>> coverage.described("the union guy"), coverage.described("the port boss"), coverage.described("the mayor")
        ('Tom Baraka', 'Amina Odhiambo', None)
        >>> Coverage.of([Article("b", "t", "Kenyan minister Amina Odhiambo spoke.")], []).described("kenya")  # a country
        >>> coverage.described("the ghana union leader", {"ghana": ("Ghanaian", "Accra")})  # not the country asked

        """
        wanted = [t for t in content_terms(description) if t not in _GENERIC_PEOPLE]
        if not wanted or not _PERSON_WORD.search(description):
            return None  # "the UK", "the White House": no person described
        alternatives = {t: {a for o in (others or {}).get(word, ()) for a in content_terms(o)}
                        for word in (others or {}) for t in content_terms(word)}

        def found(term: str, have: set[str]) -> bool:
            others = {term} | alternatives.get(term, set())
            return bool(others & have) or any(h[:4] == w[:4] for h in have if len(h) >= 3 for w in others if len(w) >= 3)

        roles = {name: self.role(name) or "" for name in self.people}
        scores = {}
        for name in self.people:
            if any(name in role for role in roles.values()):
                continue  # "Port Authority", in "Port Authority chief Amina Odhiambo": not a person
            have = set(content_terms(f"{roles[name]} {name}"))
            if all(found(t, have) for t in wanted if t in alternatives):  # a country named must be theirs
                scores[name] = sum(found(t, have) for t in wanted) / len(wanted)
        best = max(scores.values(), default=0.0)
        top = [n for n, v in scores.items() if v == best]
        return top[0] if best >= 0.5 and len(top) == 1 else None

    def role(self, name: str) -> str | None:
        """How the articles describe ``name`` ("White House National Security Council spokesman")."""
        for a in self.articles.values():
            at = a.text.find(name)
            if at > 0:
                same_sentence = re.split(r"[.!?][”\"’']?\s+", a.text[max(0, at - 80):at])[-1]
                before = _TITLE_BEFORE.search(same_sentence)
                if before and before[1].strip() and not before[1].strip()[0].islower():
                    return " ".join(before[1].split()).rstrip(",")
        return None

    def _speaker(self, sentence: Sentence) -> str | None:
        """Who says the quotation in ``sentence``: a full name beside the reporting verb, a
        surname the article has named in full ("Kirby said" → "John Kirby"), or, for "he
        said", the person the article last mentioned before it."""
        outside = _QUOTE.sub(" ", sentence.text)
        if not _SAID.search(outside):
            return None
        article = self.articles[sentence.passage.article_id].text
        known = person_names(article)
        names = person_names(outside)
        if names:
            return names[0]
        for word in re.findall(r"\b[A-Z][\w’'-]+\b", outside):
            full = next((n for n in known if n.split()[-1] == word), None)
            if full:
                return full
        if _PRONOUN.search(outside):
            before = article[:sentence.start]
            mentions = [(before.rfind(n.split()[-1]), n) for n in known]
            at, name = max(mentions, default=(-1, None))
            return name if at >= 0 else None
        return None
