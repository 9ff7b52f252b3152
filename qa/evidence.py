"""How well each sentence of the retrieved passages answers a question.

A sentence's *support* blends two kinds of evidence, each in 0..1:

- meaning: cosine similarity of the question and the sentence under the embedding model;
- words: the share of the question's content words (names and numbers, "450m" too, count double) that the
  sentence states, with half credit for words found only elsewhere in its passage
  ("he said" sentences lean on their paragraph).

A question asks for a slot (`qa.slots`: a person, a place, a time, a count, …); a sentence that
holds no filler of that slot is not an answer, however relevant: its support is halved, below
any threshold. The question's words are compared in the corpus's own words (`qa.wording`):
typos corrected, and a name matched by its other names (``Tehran`` by ``Iran``). When no
retrieved passage has a name the question mentions, all support is weakened. Thresholds on the
support are calibrated on a question set (``eval``), never on single questions.

Everyday words ("go", "time": `EVERYDAY`) weigh half in a question's focus, except in yes/no
questions, whose verb decides them. A count, an amount, a time, a country, a reason or an organisation
answers only when its sentence states what the question says is done (`PREDICATE_STATED`: "when did
Kenya sign the ferry pact?" is not answered by when Kenya's ferry operators met), and a time
asked of a beginning only by a sentence that states one (`_ONSET`); one asked before or after
an event ("how many ships sailed before the strike?") only by a sentence naming that event
(`_QUALIFIER`); what someone gets back or in return only by a sentence stating an exchange
(`_EXCHANGE`); a time asked of an event not by the day someone spoke of it ("Otieno on Friday
said …": `qa.slots.dated_by_report`); "which month" or "what
date" is not answered by a relative time that no article date places ("last month" in an
undated article). A name inside a hyphenated word ("Kenyan-owned") is stated by the sentence, and
so is the name of whoever speaks in it when its article says who ("…,” he said." after "Otieno").

Who acts is often named a sentence earlier: a passage that starts with its answer ("The fines
apply to …") reads it from its article's sentence before (``preceding``), a government body that
names no country ("The interior ministry also said …") is of the country that sentence names
(`country_of_body`), and an organisation or a time asked of a country must be of that country.
"Which entities / groups / outfits" names the slot's kind, not focus (`_ORG_KIND`); "which
president's government" is answered by "the Lopez administration" (`_named_bodies`); words the
question quotes must be in the answer (`_QUOTED`). A follow-up naming someone new ("and how did
Peru respond? (after: what did Kenya say?)") is about them, not about whom the question before
named. A person asked by a post ("Kenya's president")
is one described by that post, or by a post after the same word ("the foreign minister" is the
"foreign secretary"), and the place of a post ("the envoy to Peru") describes them as their country
does; posts in the plural ("the kenyan and peruvian envoys") ask for one person of each country.
"""

from __future__ import annotations

import functools
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from wordfreq import zipf_frequency

from index.instructions import is_instruction
from index.text import (
    MONTHS,
    STOP_WORDS,
    WEEKDAYS,
    compound_terms,
    content_terms,
    name_terms,
    numbers,
    person_names,
    sentence_spans,
    stem,
    tokens,
)
from qa.passages import Passage
from qa.slots import (
    CONTEXT,
    ORG_KINDS,
    Slot,
    asked_group,
    asked_roles,
    asking_words,
    asks_report,
    bound,
    clauses,
    dated_by_report,
    directions,
    fills,
    names_members,
    reversed_direction,
    role_words,
    slot_of,
)
from qa.wording import GOT_BACK, Wording, alias_terms, aliases, capitals, codes, countries_in, country_names

WORD_WEIGHT = 0.5
"""Share of the words evidence in the support (the rest is meaning)."""
NEAR_NAME = 45
"""Characters before a person's name that describe them ("UK foreign secretary James Cleverly");
an apposition after it ("Barbara Woodward, Britain's UN ambassador,") describes them too."""
_PRONOUNS = frozenset(("he", "she"))
"""Role words no country describes."""
APPOSITION_WORDS = 6
"""Most words of an apposition after a name (", Britain's UN ambassador,"); longer, it is a clause."""
BOUND = 0.5
"""Share of a question's focus (by weight) a person's description must hold to answer "who"."""
SPEAKER_NEAR = 40
"""Characters before a reporting verb ("Kirby said") within which its speaker is named (half as
many after it: "said Kirby")."""
FOCUS_STATED = 0.3
"""Share of the question's focus words other than names that an answer must state (itself or by
a word of the same meaning), unless it means nearly the same (`MEANS_SAME`): "What did Kenya
say about fees?" is not answered by a sentence that only shares "Kenya". With one word besides
its names ("what is nairobi cutting in mombasa"), the names count as focus too (measured on the
development sets: 5 questions gained, 1 lost)."""
PREDICATE_STATED = 0.5
"""Share of a count, amount, time, country or reason question's other focus words its answer must
state (`Query.fits`)."""
_PREDICATED = ("count", "money", "time", "duration", "country", "reason", "org")
"""Slots whose filler answers only with what is done to it; not a place or a city ("where was she
filing from" is answered by a dateline that says no "filing": measured on the development sets)."""
MEANS_SAME = 0.55
"""Embedding similarity from which a sentence is about the question whatever its words."""
_REPORTING = re.compile(r"\b(said|says|say|saying|told|tells|warned|added|stated|according to|noted|wrote|insisted"
                        r"|claimed|accused|denied|described|called|urged|announced|statement)\b", re.I)
_BEHALF = re.compile(r"\b(?P<body>administration|government|officials?|aides?|spokes\w+|team|campaign|office)"
                     r" of(?: \w+)?(?: [A-Z][\w’'-]+){1,2}"
                     r"|(?:(?!The\b|An?\b|This\b|That\b)[A-Z][\w’'-]+ ){1,2}(?P<body2>administration|government|aides?|team"
                     r"|campaign)\b")
"""A body speaking for a person ("the administration of Joe Biden said", "the Biden
administration has accused"): the person does not speak in it."""
_ORG_KIND = re.compile(r"\b(?:which|what|names? of the)\s+(?:[\w-]+\s+){0,2}?"
                       rf"(?P<kind>{ORG_KINDS})\b",
                       re.I)
"""A word asking for organisations of any kind: a slot's kind, not a word its answer states."""
_QUOTED = re.compile(r"(?:(?<=\s)|^)[‘'\"“]([^‘’'\"“”]+?)[’'\"”](?=[\s?.!,]|$)")
"""Words a question quotes ("who said 'we will not go back'")."""
_BODY_TERMS = frozenset(stem(w) for w in ("administration", "government", "team", "campaign"))
"""A person asked for by the body named after them ("whose government …")."""
_TOTAL = re.compile(r"\b(?:total|in all|altogether|overall|all told|combined|cumulative|so far|to date)\b", re.I)
_TOTAL_STATED = re.compile(r"\b(?:total|totals|totalled|totaled|in all|altogether|overall|all told|combined|cumulative"
                           r"|so far|to date|since|in the past|over the past|over the last)\b", re.I)
"""A count or amount asked in total, and a sentence stating one (not a single delivery or payment)."""
_ONSET = re.compile(r"\b(?:start(?:s|ed|ing)?|begin(?:s|ning)?|began|begun|first|since when|initially|originally)\b", re.I)
_ONSET_STATED = re.compile(r"\b(?:since|start(?:s|ed|ing)?|begin(?:s|ning)?|began|begun|first|initially|originally"
                           r"|launch(?:es|ed)?|onset|outset)\b", re.I)
"""A time asked of a beginning ("when did Kenya start fining ships?"), and a sentence stating one:
when the fines were raised is no answer."""
_EXCHANGE = re.compile(rf"{GOT_BACK.pattern}|\bin (?:return|exchange)\b|\b(?:return|exchange) for\b", re.I)
_EXCHANGE_STATED = re.compile(r"\bin (?:return|exchange)\b|\b(?:return|exchange) for\b|\bin turn\b", re.I)
"""What someone gets back for something ("what does Kenya get in return for its ferries?"), and a
sentence stating an exchange: what Kenya sends is no answer."""
_QUALIFIER = re.compile(r"\b(?:before|after|prior to|until|till|ahead of)\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?"
                        r"(?P<what>[\w’'-]+(?:\s+[\w’'-]+)?)", re.I)
"""The event a count, amount, time or reason is asked before or after ("how many ships sailed
before the strike?"): its sentence must name that event in the question's own words (a word of
like meaning is not enough: an attack is not the invasion), or by another name of a name."""
_POSTED_TO = re.compile(r"^\s+(?:to|in|at)\s+(?:the\s+)?([\w’'-]+)", re.I)
"""Where a post is ("the ambassador *to Peru*")."""
_QUOTATION = re.compile(r"^[“\"‘]|[“”\"]")
SYNONYM_SENTENCES = 8
"""Synonyms are looked for in the sentences closest in meaning (bounds the words embedded per question)."""
QUERIES_KEPT = 256
"""Question vectors kept: retrieval and the evidence scores of one ask share one."""
SYNONYM = 0.6
"""Word-embedding similarity from which a word of the evidence stands for a word of the question."""
FRAMED_SYNONYM = 0.5
"""The same, for a word that another article writes in the same frame ("barred two Kenyan
ferry lines", "blacklisted two Kenyan-owned ferry lines": `qa.wording.Wording.framed`): two outlets
telling one act in their own words (not reporting verbs: "accused" and "denied" share frames)."""
SYNONYM_CREDIT = 0.75
"""Share of a focus word's weight a sentence earns stating it by a word of the same meaning only:
the sentence that says "ferries" answers "ferries" before one that says "boats"."""
EVERYDAY = 5.8
"""Zipf frequency (wordfreq) from which a word is an everyday verb or noun ("go", "get", "time",
"say") that tells little of what a question is about."""
GENERIC = 0.5
"""Weight of such a word among the focus terms of a question other than yes/no (others weigh 1,
names 2; measured on the development sets: 4 questions gained, none lost)."""
NAME_MISSING = 0.6
"""Support factor when no retrieved passage has a name or number the question mentions."""
_COUNTRY_TERMS = frozenset(t for n in country_names() for t in content_terms(n))
"""Stems of the words of countries' and peoples' names."""
_TIME_WORDS = frozenset(content_terms(" ".join(("day week month year last next ago earlier later", *MONTHS, *WEEKDAYS))))
"""Stems of the words of time: the time asked about, never the event a time is bound to nor a synonym."""
_WRITTEN_OUT = re.compile(r"\d|\b(?:" + "|".join(MONTHS) + r")\b", re.I)
_WRITTEN_OUT_OR_WEEKDAY = re.compile(r"\d|\b(?:" + "|".join((*MONTHS, *WEEKDAYS)) + r")\b", re.I)
"""A time written out (a number, a month, for "what day" a weekday): it needs no article date."""
STANCE = frozenset(content_terms("admit admits admitted deny denies denied confirm confirmed acknowledge acknowledged"
                                  " reject rejected dismiss dismissed dispute disputed"))
"""Verbs that take a side on a claim: for "does X admit …?" a sentence "X denied …" states the
stance asked about (its polarity decides the yes/no verdict)."""
GIVING = frozenset(content_terms("give gives gave given giving hand hands handed handing send sends sent sending provide"
                                  " provides provided providing supply supplies supplied supplying transfer transfers"
                                  " transferred transferring deliver delivers delivered delivering"))
"""Verbs of passing something on: "how much is Peru giving Kenya?" is stated by "Peru will send
Kenya $40mn" (selling, lending, offering and paying say more, and are kept apart)."""
_GIVEN_AS_SENT = ("count", "money", "other")
"""Slots for which any verb of `GIVING` states another (measured on the development sets: in
yes/no verdicts, model names and times it let the wrong sentences decide: "when was the
resolution on the transfers adopted" took "the supply … investigated as soon as possible")."""
_BACK_REFERENCE = re.compile(r"\b(the|this|that|these|those|such) (claims?|allegations?|accusations?|charges?|reports?"
                             r"|assessments?|assertions?)\b|^[“\"‘']?in (return|exchange)\b", re.I)
"""A sentence that points back at the one before it ("North Korea has denied the claim.", "In
return, Peru …"): it states what that sentence says, too."""


_COUNTRYLESS_BODY = re.compile(r"^(?:the\s+)?(?P<body>(?:[\w’'-]+,?\s+(?:and\s+)?){0,4}?"
                               r"(?:office|ministry|department|government|administration|embassy|mission))\b", re.I)
"""A sentence whose subject is a government body ("The foreign office also said …"): when the
body names no country, it is the one the sentence before it names (`country_of_body`)."""


def country_of_body(sentence: str, before: str) -> set[str]:
    """The terms of the countries ``before`` names when ``sentence`` opens with a government body
    that names none ("The interior ministry said …" after "Kenya's president …"); else none."""
    opening = _COUNTRYLESS_BODY.match(sentence)
    if not opening or countries_in(opening["body"]):
        return set()
    return {t for name in aliases(before) for t in content_terms(name)}


def refers_back(sentence: str) -> bool:
    """Whether ``sentence`` points back at the one before it (`_BACK_REFERENCE`): alone, it does
    not say what it is about ("North Korea has denied the claim.")."""
    return bool(_BACK_REFERENCE.search(sentence))


def _body(m: re.Match) -> str:
    """What `_BEHALF` keeps of a body speaking for a person: the body."""
    return m["body"] or m["body2"]


@dataclass(frozen=True)
class Query:
    """A question as the evidence scores measure sentences against it: its focus terms (with the
    other names of what it names), its slot (`qa.slots`) and its embedding."""

    text: str
    terms: dict[str, float]
    """Focus terms and their weights (names and numbers weigh 2)."""
    names: frozenset[str]
    """Terms of the names (capitalised words) and numbers in the question."""
    slot: Slot
    vector: np.ndarray
    alternatives: dict[str, frozenset[str]] = field(default_factory=dict)
    """A focus term → the terms of its other names (``tehran`` → ``iran``, ``iranian``; `qa.wording.alias_terms`)."""
    framed: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    """A word of the question → (a corpus word of its stem, a word other articles write in that
    one's frame) pairs (`qa.wording.Wording.framed`)."""

    @classmethod
    def of(cls, question: str | Wording, encoder: SentenceEncoder) -> Query:
        wording = question if isinstance(question, Wording) else Wording(question)
        text = wording.text.strip()
        names = frozenset(name_terms(text) | set(numbers(text)) | wording.names)
        # A follow-up asks its own slot ("who announced that? (after: which entities …)"), else the one
        # before's, which also says what "how many of them" counts.
        own = CONTEXT.sub("", text)
        slot = slot_of(own)
        slot = slot if (slot.kind != "other" or slot.attribute) and (slot.kind != "count" or slot.counted) \
            else slot_of(text)
        # A yes/no question is decided by its predicate, everyday verbs included ("does X know …").
        everyday = EVERYDAY if slot.kind != "yesno" else float("inf")
        # A single letter is chat for a word ("w" for "with"), unless a digit.
        asked = [w for w in tokens(asking_words(text)) if w not in STOP_WORDS and (len(w) > 1 or w.isdigit())]
        if slot.kind == "org":  # "which entities …" asks for organisations, whose names never say "entities"
            kinds = {stem(w) for m in _ORG_KIND.finditer(text) for w in (m["kind"], "name", "names")}
            asked = [w for w in asked if stem(w) not in kinds]
        own_names = {t for t in content_terms(own) if t in names and not t[:1].isdigit()}
        earlier_names = {t for t in content_terms(text[len(own):]) if t in names and not t[:1].isdigit()}
        if own_names - earlier_names:  # "and Odhiambo's reply? (after: what did Otieno say?)": about Odhiambo
            asked = [w for w in asked if stem(w) not in earlier_names - own_names]
        # A number weighs as a name, with its scale or unit typed on ("275m") too.
        terms = {stem(w): (2.0 if stem(w) in names or w[:1].isdigit() else GENERIC
                           if zipf_frequency(w, "en") >= everyday else 1.0)
                 for w in asked}
        alternatives: dict[str, frozenset[str]] = {}
        for name, others in wording.expansions.items():
            for t in content_terms(name):
                alternatives[t] = alternatives.get(t, frozenset()) | alias_terms(others) \
                    | {c.lower() for c in codes(name) if c.lower() != t}
        # A verdict or a model named keeps its own verb: "did Kenya deny giving …" is not "… sending".
        for words in (STANCE, GIVING) if slot.kind in _GIVEN_AS_SENT else (STANCE,):
            for t in terms.keys() & words:
                alternatives[t] = alternatives.get(t, frozenset()) | words
        return cls(text, terms, names, slot, encoder.query(wording.searched), alternatives, wording.framed)

    @property
    def kind(self) -> str:
        """The slot's kind (see `qa.slots.SLOTS`)."""
        return self.slot.kind

    def fits(self, sentence: str, context: frozenset[str] | set[str] = frozenset(), speaker: str | None = None,
             named_before: bool = True, previous: str = "") -> bool:
        """Whether ``sentence`` holds an answer of the kind the question asks for; a person's
        name only counts when the words around it are about the question's focus ("the
        Iranian foreign minister" is not answered by "UK foreign secretary James Cleverly").
        ``context`` are the terms of the sentence's passage; ``speaker`` who the article says
        speaks in it ("he said" after "Kirby" is Kirby's: `qa.coverage`), when known; otherwise
        ``named_before`` says whether the passage names a person before it; ``previous`` is the
        passage's text before it (the article's sentence before it when the passage starts with it)."""
        if reversed_direction(self._countries, self._directions, sentence):  # "sent to Kenya" is not "Kenya sent to"
            return False
        if self._quoted and not self._quoted <= set(content_terms(sentence)):
            return False  # "who called the ferries 'a lifeline'": those words, or no answer
        # The question's own words, and the other names of what it names ("Moscow" for "Russian"), never fill its slot.
        exclude = (frozenset(self.terms) | frozenset(numbers(self.text))
                   | frozenset(a for t in self.terms for a in self.alternatives.get(t, ())))
        # A bound filler shares its clause with a word of the focus that is no place ("jets", not "Iran").
        binding = self._binding
        parts = clauses(sentence) if bound(self.slot.kind) and binding else [sentence]
        if not any(fills(self.slot.kind, part, self.slot.counted, exclude, self.slot.unit)
                   and (len(parts) == 1 or any(self.found(t, set(compound_terms(part))) for t in binding)) for part in parts) \
                and not self._named_bodies(sentence):
            return False
        if self._group and names_members(sentence, self._group, exclude) is False:
            return False  # "which like-minded countries": the words again, no country named
        if self.slot.kind in _PREDICATED and not self._predicate_stated(sentence):
            return False
        if self._event_time and dated_by_report(sentence):
            return False  # "when did Kenya sign it" is not answered by the day someone spoke of it
        if self.slot.kind in ("count", "money") and _TOTAL.search(self.text) and not _TOTAL_STATED.search(sentence):
            return False  # "how much has Kenya spent in total" is not answered by one payment
        if self.slot.kind in ("time", "duration") and _ONSET.search(self.text) and not _ONSET_STATED.search(sentence):
            return False
        if self.slot.kind in _PREDICATED and not self._qualifier_stated(sentence):
            return False
        if _EXCHANGE.search(self.text) and not _EXCHANGE_STATED.search(f"{previous[-40:]} {sentence}"):
            return False
        if bound(self.slot.kind) or self.slot.kind == "org":  # "how much is accra paying?" is not "Kenya will pay $450mn"
            local = f"{previous} {sentence}"  # who acts is often named before, in the same passage
            have = set(compound_terms(local)) | set(numbers(local))
            # Countries compared as countries: "the UK" is not "the United States"; a speaker's is theirs.
            if not self._countries <= countries_in(f"{local} {speaker or ''}"):
                return False
            if bound(self.slot.kind):
                others = [n for n in self.names if n not in self._place_terms]
            else:  # an organisation's sanctions are often told of a paragraph before: the passage counts
                have |= set(context) | {t for name, alias in aliases(sentence).items() for n in (name, *alias)
                                        for t in content_terms(n)}
                others = list(self.names)
            if not all(self.found(n, have) or any(h[:4] == n[:4] for h in have if len(n) >= 4) for n in others):
                return False
        if self.slot.kind == "quote":
            return self._speaker_named(sentence, context, speaker, named_before)
        if self.slot.kind != "person" or not self.terms:
            return True
        for name in person_names(sentence):
            at = sentence.find(name)
            after = sentence[at + len(name):]
            apposition = after.split(",")[1] if after.startswith(",") and after.count(",") >= 1 else ""
            before = sentence[max(0, at - NEAR_NAME):at]
            # Who they are is said before the name or in a short apposition (", on Friday accused …" is what they did).
            described = before + (" " + apposition if len(apposition.split()) <= APPOSITION_WORDS else "")
            if self._describes(before + " " + apposition, described):
                return True
            if self.terms.keys() <= set(content_terms(name)) and role_words(described):
                return True  # "who is Otieno?": a post said of Otieno
        for m in self._named_bodies(sentence):  # "which president's administration …": "the Lopez administration"
            # Any body stands for the one asked ("the president's team": "the Lopez administration").
            if self._describes(sentence[max(0, m.start() - NEAR_NAME):m.end() + NEAR_NAME],
                               sentence[max(0, m.start() - NEAR_NAME):m.end()], _BODY_TERMS, by_post=False):
                return True
        for role in role_words(sentence):  # "the spokesman said" stands for a name
            # A country describes a role written before it ("the Kenyan minister"); "he" it never describes.
            if self._describes(sentence[max(0, role.start() - NEAR_NAME):role.end() + NEAR_NAME // 2],
                               sentence[max(0, role.start() - NEAR_NAME):role.end()]) \
                    and not (self._describing_countries and role[0].lower() in _PRONOUNS):
                return True
        return False

    def _describes(self, near: str, described: str, also: frozenset[str] = frozenset(), by_post: bool = True) -> bool:
        """Whether the words ``near`` a person (with ``also``) hold `BOUND` of the question's focus,
        the words that ``described`` them name every country the question describes them by, and,
        ``by_post``, one of the posts it asks them by ("Kenya's president" is not answered by
        "Kenya's UN ambassador Mary Wambui")."""
        have, said = set(content_terms(near)) | also, set(content_terms(described))
        return (sum(w for t, w in self.terms.items() if self.found(t, have)) / sum(self.terms.values()) >= BOUND
                and (not self._describing_countries
                     or (any if self._several else all)(self.found(c, said) for c in self._describing_countries))
                and (not by_post or not self._posts or any(self.found(t, have) for t in self._posts)
                     or bool(self._posts_of(described) & self._post_kinds)))

    def _posts_of(self, described: str) -> set[str]:
        """The word before each post in ``described`` ("foreign" of "UK foreign secretary")."""
        return _words_before(described, role_words(described))

    @functools.cached_property
    def _post_kinds(self) -> set[str]:
        """The word before each post the question asks by, when no country ("foreign" of "the
        kenyan foreign minister"): a post after the same word is the same post by another name
        ("foreign secretary")."""
        return {w for w in _words_before(self.text, self._asked_roles)
                if w not in _COUNTRY_TERMS and w not in capitals() and w not in self.names}

    def _named_bodies(self, sentence: str) -> list[re.Match]:
        """For a person asked by their body ("whose government …"), the bodies ``sentence`` names
        after a person ("the Lopez administration"); none for any other question."""
        if self.slot.kind != "person" or not self.terms.keys() & _BODY_TERMS:
            return []
        return [m for m in _BEHALF.finditer(sentence) if m["body2"]]

    def _predicate_stated(self, sentence: str) -> bool:
        """Whether ``sentence`` states what a count, amount, time or country is asked of: at least
        half the focus words besides names, places, the thing counted and everyday words,
        themselves or by words of the same meaning ("how many ships has Kenya *seized*?" is not
        answered by how many ships Kenya sent)."""
        have = terms_of(sentence)
        wanted = [t for t in self._binding if self.terms[t] == 1.0 and t not in self.slot.counted]
        return not wanted or sum(self.found(t, have) for t in wanted) / len(wanted) >= PREDICATE_STATED

    def _qualifier_stated(self, sentence: str) -> bool:
        """Whether ``sentence`` names the event the question asks before or after (`_QUALIFIER`)."""
        if not self._qualifier:
            return True
        have = terms_of(sentence)
        return all(t in have or (t in self.names and self.found(t, have)) for t in self._qualifier)

    @functools.cached_property
    def _qualifier(self) -> list[str]:
        """The terms of the events the question asks before or after ("the strike"), found once."""
        return [t for m in _QUALIFIER.finditer(self.text) for t in content_terms(m["what"])]

    @functools.cached_property
    def _quoted(self) -> frozenset[str]:
        """The terms of words the question puts in quotation marks (two words or more): what an
        answer must say itself."""
        return frozenset(t for m in _QUOTED.finditer(self.text) if len(m[1].split()) >= 2 for t in content_terms(m[1]))

    @functools.cached_property
    def _binding(self) -> list[str]:
        """The focus terms a bound filler shares its clause with: no name, place or word of time
        ("ships", not "Kenya" nor "last month", which is the time asked about, not the event)."""
        return [t for t in self.terms if t not in self.names and t not in _COUNTRY_TERMS and t not in capitals()
                and t not in _TIME_WORDS]

    @functools.cached_property
    def _countries(self) -> set[str]:
        """The countries the question names, by any of their names (`qa.wording.countries_in`)."""
        return countries_in(self.text)

    @functools.cached_property
    def _place_terms(self) -> frozenset[str]:
        """Terms of the country names, capitals and demonyms the question writes."""
        return frozenset(t for place in aliases(self.text) for t in content_terms(place))

    @functools.cached_property
    def _directions(self) -> tuple[set[str], set[str]]:
        """The countries the question says something goes to and comes from (`qa.slots.directions`)."""
        return directions(self.text)

    @functools.cached_property
    def _describing_countries(self) -> frozenset[str]:
        """Countries that describe the person asked for ("kenya's UN ambassador", "nairobi's envoy",
        "the envoy to peru"): the one found must be described by them too."""
        return frozenset(t for role in self._asked_roles
                         for t in content_terms(self.text[max(0, role.start() - 25):role.start()]
                                                + " ".join(_POSTED_TO.findall(self.text[role.end():])))
                         if t in _COUNTRY_TERMS or t in capitals())

    @functools.cached_property
    def _event_time(self) -> bool:
        """Whether the question asks the time of an event, not of something said nor of a day it
        names itself ("which day is friday …" asks of the report's own time)."""
        return self.slot.kind == "time" and not asks_report(self.text) and not _WRITTEN_OUT_OR_WEEKDAY.search(self.text)

    @functools.cached_property
    def _asked_roles(self) -> list[re.Match]:
        """The posts the question asks a person by (`qa.slots.asked_roles`), found once."""
        return asked_roles(self.text)

    @functools.cached_property
    def _group(self) -> str | None:
        """The things "which <things>" asks for by name (`qa.slots.asked_group`), for the slots
        that answer with names."""
        return asked_group(self.text) if self.slot.kind in ("country", "org", "other") else None

    @functools.cached_property
    def _several(self) -> bool:
        """Whether the question asks for several people by a post in the plural ("the kenyan and
        peruvian envoys"): each is described by one of its countries."""
        return any(re.fullmatch(r"\w+s", role[0]) and not role[1].lower().endswith("s") for role in self._asked_roles)

    @functools.cached_property
    def _posts(self) -> frozenset[str]:
        """The focus terms of the posts the question asks a person by ("minister", "envoy"): one
        must describe the person found."""
        return frozenset(t for role in self._asked_roles for t in content_terms(role[1]) if t in self.terms)

    def _speaker_named(self, sentence: str, context: frozenset[str] | set[str], speaker: str | None,
                       named_before: bool) -> bool:
        """For "what did X say": X speaks in the sentence, next to a reporting verb ("Kirby
        said", "said Kirby", "according to Kirby"): at least half of X's words are there, its
        last word ("the Iranian foreign *minister*") among them. A quotation with no reporting
        verb of its own, or one said by "he" or "the spokesman", is X's when X is its ``speaker``
        or, speaker unknown, when its passage names X (for "he", or names nobody before it: the
        article said who earlier). A country X names ("Peru's minister") must be named too."""
        speakers = list(dict.fromkeys(self.slot.speaker))
        if not speakers:
            return True

        def named(have: set[str]) -> bool:
            return (self.found(speakers[-1], have) and all(self.found(n, have) for n in speakers if n in self.alternatives)
                    and sum(self.found(n, have) for n in speakers) / len(speakers) >= BOUND)

        if speaker is not None:
            attributed = set(content_terms(speaker))
            context, named_before = attributed, True
        if _QUOTATION.search(sentence) and not _REPORTING.search(sentence):
            return named(set(context))
        sentence = _BEHALF.sub(_body, sentence)
        for verb in _REPORTING.finditer(sentence):
            # A subject opening the sentence is the speaker however long its name ("The port health
            # and safety authority also said"); later in the sentence, only the words just before.
            near = 0 if verb.start() <= 2 * SPEAKER_NEAR else verb.start() - SPEAKER_NEAR
            before = sentence[near:verb.start()]
            after = sentence[verb.end():verb.end() + SPEAKER_NEAR // 2]
            if named(set(content_terms(before + " " + after))):
                return True
            if role_words(before + " " + after) and not person_names(before + " " + after) \
                    and (named(set(context)) or not named_before):
                return True  # "he said", "the spokesman said": the passage says who
        return False

    def found(self, term: str, have: set[str]) -> bool:
        """Whether ``term``, or one of its other names, is in ``have``."""
        return term in have or bool(self.alternatives.get(term, frozenset()) & have)


@dataclass(frozen=True)
class Sentence:
    """One sentence of one copy of a retrieved passage, at ``start:end`` in its article."""

    text: str
    passage: Passage
    start: int
    end: int
    rank: int
    """Rank of the passage it comes from (0 = best)."""


@dataclass(frozen=True)
class Scored:
    sentence: Sentence
    meaning: float
    words: float
    """Share of the question's focus (by weight) the sentence states, three quarters for what it
    states by a word of the same meaning or by pointing back at the sentence before, half for its
    passage's."""
    fits: bool
    support: float
    own: float = 0.0
    """Share of the question's focus (by weight) the sentence states itself (with the sentence
    it points back at: "… has denied the claim")."""
    stated: frozenset[str] = frozenset()
    """The terms the sentence states itself, with those of the sentence it points back at."""
    matched: frozenset[str] = frozenset()
    """The question's focus terms among them, by any of their names or by a word of the same
    meaning (`_with_synonyms`: "intel" is stated by "intelligence")."""


def _words_before(text: str, matches: Sequence[re.Match]) -> set[str]:
    """The content word just before each of ``matches`` in ``text``."""
    return {words[-1] for m in matches if (words := content_terms(text[:m.start()]))}


def sentences_of(passages: Sequence[Passage]) -> list[Sentence]:
    """Every sentence of every copy of ``passages``, in rank order, except instructions to an AI."""
    found = []
    for rank, passage in enumerate(passages):
        for copy in passage.copies:
            for s, e in sentence_spans(copy.text):
                if not is_instruction(copy.text[s:e]):
                    found.append(Sentence(copy.text[s:e], copy, copy.start + s, copy.start + e, rank))
    return found


def first_articles(sentences: Iterable[Sentence]) -> dict[str, str]:
    """Each distinct text of ``sentences``, in order, with the first article saying it: the same
    text has one vector, read as that article's sentence (`SentenceEncoder.encode`)."""
    first: dict[str, str] = {}
    for s in sentences:
        first.setdefault(s.text, s.passage.article_id)
    return first


@functools.lru_cache(maxsize=10_000)  # the same sentences and passages come back with related questions
def terms_of(text: str) -> frozenset[str]:
    """The `index.text.compound_terms` of a sentence or passage, as a set."""
    return frozenset(compound_terms(text))


def score(question: Query, sentences: Sequence[Sentence], encoder: SentenceEncoder,
          speaker_of: Callable[[Sentence], str | None] | None = None,
          preceding: Callable[[Sentence], str] | None = None) -> list[Scored]:
    """Each sentence's support for ``question``, best first; ``speaker_of`` says who speaks in a
    sentence when its article says so (`qa.coverage.Coverage.speaker_of`), ``preceding`` what its
    article says just before it when its passage starts with it (`qa.coverage.Coverage.preceding`)."""
    if not sentences:
        return []
    vectors = encoder.encode_sentences(sentences)
    meanings = np.clip(vectors @ question.vector, 0.0, 1.0)
    total = sum(question.terms.values()) or 1.0
    sentence_terms = [terms_of(s.text) for s in sentences]
    referred = [sentence_terms[i - 1] if i and sentences[i].passage is sentences[i - 1].passage
                and refers_back(sentences[i].text) else set() for i in range(len(sentences))]
    bodies = [set() for _ in sentences]  # the country of a government body naming none, from the sentence before
    for i, s in enumerate(sentences):
        if i and s.passage is sentences[i - 1].passage:
            bodies[i] = country_of_body(s.text, sentences[i - 1].text)
        elif preceding is not None:
            bodies[i] = country_of_body(s.text, preceding(s))
        referred[i] = referred[i] | bodies[i]
    evidence_terms = set().union(*sentence_terms) | {n for s in sentences for n in numbers(s.text)}
    # A name counts as present when a word starts like it: "British" is there where "Britain" is.
    prefixes = {t[:4] for t in evidence_terms}
    names_missing = any(not question.found(n, evidence_terms) and n[:4] not in prefixes for n in question.names)
    closest = [sentences[i].text for i in np.argsort(-meanings)[:SYNONYM_SENTENCES]]
    written = question  # the question's words and their other names, before words of the same meaning
    question = _with_synonyms(question, closest, evidence_terms, encoder)
    scored = []
    for sentence, own, before, body, meaning in zip(sentences, sentence_terms, referred, bodies, meanings, strict=False):
        context = terms_of(sentence.passage.text)
        speaker = speaker_of(sentence) if speaker_of else None
        if speaker:  # "…,” he said." and "Otieno said": the sentence states who said it, as its article describes them
            own = own | set(content_terms(speaker))
        share = sum(w for t, w in question.terms.items() if question.found(t, own)) / total
        stated = sum(w * (1.0 if written.found(t, own) else SYNONYM_CREDIT)
                     for t, w in question.terms.items() if question.found(t, own)) / total
        # "In return, Peru …" states what the sentence before it says, as a word of the same meaning counts.
        stated += sum(w * SYNONYM_CREDIT for t, w in question.terms.items()
                      if not question.found(t, own) and question.found(t, before)) / total
        topical = [t for t in question.terms if t not in question.names]
        topical = topical if len(topical) > 1 else list(question.terms)  # one other word: the names count too
        about = (not topical or meaning >= MEANS_SAME
                 or sum(question.found(t, own | body) for t in topical) / len(topical) >= FOCUS_STATED)
        about = about and (not question.slot.attribute or question.found(question.slot.attribute, own))
        words = stated + sum(w / 2 for t, w in question.terms.items()
                             if not question.found(t, own) and question.found(t, context)) / total
        earlier = sentence.passage.text[:sentence.start - sentence.passage.start]
        previous = earlier or (preceding(sentence) if preceding else "")  # "The sanctions apply …" opening a passage
        # "which month?" is not answered by a "last month" that no article date places.
        text = _without_unplaced(sentence, question.slot.unit) if question.slot.unit else sentence.text
        fits = about and question.fits(text, context, speaker,
                                       named_before=bool(person_names(earlier) or role_words(earlier)), previous=previous)
        support = ((1 - WORD_WEIGHT) * float(meaning) + WORD_WEIGHT * words) * (1.0 if fits else 0.5)
        support *= NAME_MISSING if names_missing else 1.0
        decided = sum(w for t, w in question.terms.items() if question.found(t, own | before)) / total if before else share
        matched = frozenset(t for t in question.terms if question.found(t, own | before))
        scored.append(Scored(sentence, float(meaning), words, fits, support, decided, frozenset(own | before), matched))
    return sorted(scored, key=lambda s: (-s.support, s.sentence.rank))


def _without_unplaced(sentence: Sentence, unit: str) -> str:
    """``sentence`` without its relative times that its article's date could not resolve ("last
    month" in an undated article), for a time asked by ``unit``; a month or year it writes out
    stays ("since March" answers "which month"), and a weekday answers "what day" but not "what
    date"."""
    written = _WRITTEN_OUT if unit != "day" else _WRITTEN_OUT_OR_WEEKDAY
    text = sentence.text
    for d in sentence.passage.dates_within(sentence.start, sentence.end):
        if d.resolved is None and not written.search(d.text):
            text = text.replace(d.text, " ")
    return text


def _with_synonyms(question: Query, texts: Sequence[str], evidence_terms: set[str],
                   encoder: SentenceEncoder) -> Query:
    """``question`` with its focus words matched to evidence words of the same meaning (word
    embeddings at least `SYNONYM` alike: ``envoy`` → ``ambassador``), also where the evidence uses
    the word itself somewhere (the sentence that answers "claims" may say "allegations"). Names,
    words that have other names already ("peru") and words of time ("month") are never matched this
    way: "Ghana" is not "Kenya", nor "peru" "chile", nor "month" "March", however alike their vectors.
    A word another article writes in the same frame needs only `FRAMED_SYNONYM`."""
    missing = {t: word for word in tokens(question.text) if (t := stem(word)) in question.terms
               and t not in question.names and t not in question.alternatives and t not in _TIME_WORDS
               and not t[:1].isdigit()}
    if not missing:
        return question
    surface = {stem(w): w for text in texts for w in tokens(text) if w not in STOP_WORDS and w.isalpha()}
    alike = similar_words(list(missing.values()), list(surface.values()), encoder)
    alternatives = dict(question.alternatives)
    for term, word in missing.items():
        framed = [other for written, other in question.framed.get(word, ())
                  if not _stance_word(written) and not _stance_word(other)
                  and similar_words([written], [other], encoder, FRAMED_SYNONYM)]
        if alike.get(word) or framed:
            alternatives[term] = alternatives.get(term, frozenset()) | {stem(w) for w in (*alike.get(word, ()), *framed)}
    return replace(question, alternatives=alternatives)


def _stance_word(word: str) -> bool:
    """A reporting verb or a verb taking a side ("accused", "denied"): outlets reporting one
    statement write different ones in the same frame, but they do not mean the same."""
    return bool(_REPORTING.fullmatch(word)) or stem(word) in STANCE


def similar_words(words: Sequence[str], candidates: Sequence[str], encoder: SentenceEncoder,
                  threshold: float = SYNONYM) -> dict[str, list[str]]:
    """Each of ``words`` → the ``candidates`` whose word embeddings (`SentenceEncoder.encode_words`)
    are at least ``threshold`` alike (``envoy`` → ``ambassador``); words with none are left out."""
    if not words or not candidates:
        return {}
    vectors = encoder.encode_words([*words, *candidates])
    similar = vectors[:len(words)] @ vectors[len(words):].T
    found = {word: [candidates[i] for i in np.flatnonzero(row >= threshold)] for word, row in zip(words, similar, strict=True)}
    return {word: alike for word, alike in found.items() if alike}


class SentenceEncoder:
    """Normalised embeddings of sentences, words and questions.

    Sentences and words of the articles were embedded at index time: ``stored`` (given
    ``(article id, text)`` pairs) and ``stored_words`` look them up
    (`index.store.Store.text_vectors`, ``word_vectors``), so
    answering embeds only the question, once (the last questions' vectors are kept: retrieval
    and the evidence scores share one). Anything not stored (a test's made-up text, an index
    built without them) is embedded and cached. A word is embedded as ``word_prompt`` frames it
    (``Settings.word_prompt``; bare by default).
    """

    def __init__(self, embed_model: BaseEmbedding,
                 stored: Callable[[Sequence[tuple[str, str]]], dict[str, np.ndarray]] | None = None,
                 cache_size: int = 20_000, stored_words: Callable[[Sequence[str]], dict[str, np.ndarray]] | None = None,
                 word_prompt: str = "{}"):
        self.embed_model = embed_model
        self.stored = stored
        self.stored_words = stored_words
        self.word_prompt = word_prompt
        self.cache_size = cache_size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._queries: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def clear(self) -> None:
        """Forget every cached vector (a benchmark's first pass starts from nothing)."""
        with self._lock:
            self._cache.clear()
            self._queries.clear()

    def query(self, text: str) -> np.ndarray:
        with self._lock:
            if text in self._queries:
                self._queries.move_to_end(text)
                return self._queries[text]
        vector = _unit(np.asarray(self.embed_model.get_query_embedding(text), dtype=np.float32))
        with self._lock:
            self._queries[text] = vector
            while len(self._queries) > QUERIES_KEPT:
                self._queries.popitem(last=False)
        return vector

    def encode_words(self, words: Sequence[str]) -> np.ndarray:
        """The vectors of single ``words``, framed by ``word_prompt``, to compare words with words."""
        if self.stored_words is not None:
            with self._lock:
                missing = list(dict.fromkeys(w for w in words if self.word_prompt.format(w) not in self._cache))
            found = self.stored_words(missing) if missing else {}
            with self._lock:
                for word, vector in found.items():
                    self._cache[self.word_prompt.format(word)] = _unit(vector)
        return self.encode([self.word_prompt.format(w) for w in words])

    def encode_sentences(self, sentences: Sequence[Sentence]) -> np.ndarray:
        """The vectors of articles' ``sentences`` (stored at index time where the store has them)."""
        return self.encode([s.text for s in sentences], [s.passage.article_id for s in sentences])

    def encode(self, texts: Sequence[str], articles: Sequence[str] = ()) -> np.ndarray:
        """The vectors of ``texts``: cached, stored at index time (when ``articles`` says which
        article's sentence each text is), or embedded now."""
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing and articles and self.stored is not None:
            wanted = set(missing)
            first_of: dict[str, tuple[str, str]] = {}
            for a, t in zip(articles, texts, strict=True):  # one article per text: the same text has one vector
                if t in wanted:
                    first_of.setdefault(t, (a, t))
            found = self.stored(list(first_of.values()))
            with self._lock:
                for text, vector in found.items():
                    self._cache[text] = _unit(vector)
            missing = [t for t in missing if t not in found]
        if missing:
            fresh = self.embed_model.get_text_embedding_batch(missing)
            with self._lock:
                for text, vector in zip(missing, fresh, strict=True):
                    self._cache[text] = _unit(np.asarray(vector, dtype=np.float32))
        with self._lock:
            for t in texts:
                self._cache.move_to_end(t)
            vectors = np.stack([self._cache[t] for t in texts])
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
            return vectors


def _unit(v: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(v))
    return v / norm if norm else v
