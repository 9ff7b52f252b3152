"""Follow-up questions made self-contained before retrieval.

"What did she say Russia wants?" only makes sense after "Who is the British ambassador to the UN?".
Two rules, no model needed:

- a personal pronoun (he, she, him, her, his, hers) becomes the person the previous reply
  names (or, failing that, the previous question): "What did Barbara Woodward say Russia wants?";
- a question that names its thing first and then asks with a pronoun ("and Accra? how much
  are they paying", "what about the Ghana envoy, what did she say?") is about that thing, not
  the previous turn's: "how much are Accra paying";
- "and about X?" / "what about X?" after a question about something ("What did Otieno say about
  the wages?") asks that question about X: "What did Otieno say about the fares?";
- "just X" / "only the X bits" asks the previous question about X alone: "tl;dr" then "now just
  the fares bits" is "tl;dr about the fares";
- "and peru's?" / "and the peru one?" after "who is kenya's envoy?" asks "who is peru’s envoy?";
- "and the may 14 one?" after a question about an article asks it of that article instead
  (`another_article`), and "the other two" / "the others" are the articles the previous
  question was not about (`other_articles`);
- "how many?" alone counts the last plural word of the previous question ("are they selling
  ferries?" → "how many ferries"), with the previous question as context;
- any other reference to the previous turn (it, they, them, its, their, "that country", "these
  jets", "who ordered that?"; a short question starting "and"/"what about"; a question word
  alone: "why?", "how much?", "when exactly?") keeps the question and adds the previous question
  as context: "What is in it? (after: What loan is Kenya taking?)".

>>> resolve("What did she say?", [("Who is the UK's ambassador?", "The ambassador, Barbara Woodward, spoke.")])
'What did Barbara Woodward say?'
>>> resolve("and about the fares?", [("What did Otieno say about the wages?", "…")])
'What did Otieno say about the fares?'
>>> resolve("what about the ghana envoy, what did she say?", [("What did Otieno say?", "Otieno spoke.")])
'what did the ghana envoy say? (after: What did Otieno say?)'
>>> resolve("Who is Kirby?", [("Any question", "Any answer")])
'Who is Kirby?'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from index.text import STOP_WORDS, content_terms, person_name
from qa.coverage import Reference
from qa.reply import Reply
from qa.slots import CONTEXT

Turn = Reply | tuple[str, str]
"""An earlier turn: a `Reply`, or a (question, reply text) pair as a chat UI keeps it."""

_PERSONAL = re.compile(r"\b(he|she|him|her|his|hers)\b", re.IGNORECASE)
_OTHER = re.compile(r"\b(?i:it|its|they|them|their|theirs)\b"
                    r"|\b(?i:that|this|these|those)\s+(?!(?:the|an?|is|was|are|were|year|month|week|day|time)\b)[a-z]+\b"
                    r"|\b(?i:that|this)\s*\??$")
"""References to the previous turn other than a person; the noun after "that" is lower case,
so "said that Iran ..." is not one; "that" ending the question stands for what was asked ("who
ordered that?")."""
_ELLIPTIC = re.compile(r"^(?:(?:and|what about|how about|also)\b"
                       r"|(?:why|where|when|since when|how(?: many| much| long| come)?|who)(?: exactly)?\s*\??$)",
                       re.IGNORECASE)
"""A question that continues the previous one: "and …", "what about …", or a question word alone
("why?", "how many?", "when exactly?")."""
_HOW_MANY = re.compile(r"^\s*(how many)(?: exactly)?\s*\??\s*$", re.I)
"""A count asked of what the previous question named: "how many?"."""
_NARROWED = re.compile(r"^(?:(?:ok(?:ay)?|now|and|so)\s+)*(?:just|only)\s+(?P<topic>[^?]+?)"
                       r"(?:\s+(?:bits?|parts?|stuff|side|ones?))?\s*\??$", re.I)
"""A question that narrows the previous one to a topic: "now just the fares bits"."""
_ANOTHER = re.compile(r"^(?:ok(?:ay)?\s+|so\s+)?(?:and|what about|how about)\s+(?P<ref>(?:in\s+|for\s+)?(?:the|that)\s+[^?]+?)"
                      r"\s*(?:then|instead)?\s*\??$", re.I)
"""A follow-up naming only another article: "and the may 14 one?", "what about the Coast Daily story?"."""
_OTHERS = re.compile(r"\b(?:in\s+|of\s+)?the\s+(?:other|remaining)\s+"
                     r"(?:two|three|four|ones?|articles?|stories|pieces|reports|outlets)\b"
                     r"|\b(?:in\s+|of\s+)?the\s+others\b|\b(?:in\s+|of\s+)?the\s+rest\b", re.I)
"""The articles other than those the previous turn was about."""
_CONTINUING = re.compile(r"\b(?:and|what|how|about|then|ok|okay|so)\b", re.I)
"""Words that only continue the previous question ("and …?", "what about …?")."""
_ABOUT_ELSE = re.compile(r"^(?:ok(?:ay)?\s+|so\s+)?(?:and|what|how)\s+about\s+(?P<topic>[^?]+?)\s*(?:then|instead)?\s*\??$", re.I)
"""An elliptic question that asks the previous one about something else: "and about the missiles?"."""
_WHOSE_ELSE = re.compile(r"^(?:ok(?:ay)?\s+|so\s+)?(?:and|what about|how about)\s+(?:the\s+)?"
                         r"(?P<owner>[\w-]+?)(?:['’]s|\s+one)\s*(?:then|instead)?\s*\??$", re.I)
"""A follow-up asking the same of another owner: "and peru's?", "what about the peru one?"."""
_OWNER = re.compile(r"\b(?:the\s+)?(?!(?:who|what|where|when|how|why|it|that|there|here|he|she|let)['’]s\b)[\w-]+['’]s\b", re.I)
"""The owner in a question: "kenya's" in "who is kenya's envoy?"."""
_PREVIOUS_TOPIC = re.compile(r"\b(?:about|on|regarding|re)\s+(?P<topic>[^?]+?)\s*\??$", re.I)


_NAMED_FIRST = re.compile(r"^(?:(?:ok(?:ay)?|so)\s+)?(?:and|what about|how about)\s+(?P<thing>[^?,]+?)\s*[?,]\s*"
                          r"(?P<asked>[^?]*?\b(?P<pronoun>he|she|they|it|him|her|them|his|their|its)\b.*)$", re.I)
"""A thing named, then a question about it with a pronoun: "and Accra? how much are they paying"."""
_POSSESSIVE = frozenset(("his", "their", "its"))


def resolve(question: str, history: Sequence[Turn]) -> str:
    """``question`` made self-contained using the last turn of ``history``."""
    if not history:
        return question
    previous_question, previous_answer = _turn(history[-1])
    previous_question = CONTEXT.sub("", previous_question)
    if named := _NAMED_FIRST.match(question):  # "what about the ghana envoy, what did she say?"
        thing = named["thing"] + ("’s" if named["pronoun"].lower() in _POSSESSIVE else "")
        asked = question[named.start("asked"):named.start("pronoun")] + thing + question[named.end("pronoun"):]
        return f"{asked} (after: {previous_question})"
    if _PERSONAL.search(question):
        person = person_name(previous_answer) or person_name(previous_question)
        if person:
            return _PERSONAL.sub(lambda m: person + ("’s" if m[1].lower() == "his" else ""), question)
    whose = _WHOSE_ELSE.match(question)
    owner = _OWNER.search(previous_question)
    if whose and owner:  # "who is kenya's envoy?" "and peru's?" / "and the peru one?"
        the = "the " if owner[0].lower().startswith("the ") else ""
        return f"{previous_question[:owner.start()]}{the}{whose['owner']}’s{previous_question[owner.end():]}"
    swapped = _ABOUT_ELSE.match(question)
    previous_topic = _PREVIOUS_TOPIC.search(previous_question)
    if swapped and previous_topic:  # "what did Otieno say about the wages?" "and about the fares?"
        return f"{previous_question[:previous_topic.start('topic')]}{swapped['topic']}?"
    if narrowed := _NARROWED.match(question):  # "tl;dr" "now just the fares bits" → "tl;dr about the fares"
        kept = previous_question[:previous_topic.start()] if previous_topic else previous_question
        return f"{kept.rstrip(' ?')} about {narrowed['topic']}"
    if (bare := _HOW_MANY.match(question)) and (things := _counted_before(previous_question)):
        return f"{bare[1]} {things} (after: {previous_question})"  # "are they sending jets" "how many?"
    if _OTHER.search(question) or _PERSONAL.search(question) or _ELLIPTIC.search(question):
        return f"{question} (after: {previous_question})"
    return question


def _counted_before(question: str) -> str | None:
    """What a bare "how many?" after ``question`` counts: its last plural word that is no name
    ("is Peru selling Kenya ferries?" → "ferries")."""
    plurals = [w for w in re.findall(r"\b[a-z][a-z-]{2,}s\b", question)
               if not w.endswith("ss") and w not in STOP_WORDS]
    return plurals[-1] if plurals else None


def another_article(question: str, previous: str, referred: Callable[[str], Reference | None]) -> str | None:
    """The previous question asked again of another article, when ``question`` only names one
    ("who wrote the HT story?" then "and the may 14 one?" → "who wrote the may 14 one?");
    ``referred`` finds the words of a text that point at articles (`qa.coverage.Coverage.referred`).
    None when ``question`` is not of that form or either names no article."""
    m = _ANOTHER.match(question)
    if not m or (new := referred(m["ref"])) is None or (old := referred(previous)) is None:
        return None
    return " ".join(f"{previous[:old.start]} {m['ref'][new.start:new.end]} {previous[old.end:]}".split())


def other_articles(question: str, previous: str,
                   referred: Callable[[str], Reference | None]) -> tuple[str, tuple[str, ...]] | None:
    """For a question about the articles the previous one was not about ("and who wrote the
    other two?", "what do the others say?"): the question without the words that say so, and
    the articles the previous question named (to leave out); "and the others?" alone asks the
    previous question again. None when ``question`` is not of that form or ``previous`` named no
    article (``referred``: `qa.coverage.Coverage.referred`)."""
    m = _OTHERS.search(question)
    if not m or (earlier := referred(previous)) is None:
        return None
    rest = " ".join(f"{question[:m.start()]} {question[m.end():]}".split())
    if not content_terms(_CONTINUING.sub(" ", rest)):  # "what does the HT say about fares?" "and the others?"
        rest = earlier.without(previous)
    return rest, earlier.articles


def question_of(turn: Turn) -> str:
    """The question a turn asked."""
    return _turn(turn)[0]


def _turn(turn: Turn) -> tuple[str, str]:
    if isinstance(turn, Reply):
        return turn.question, (turn.text if turn.answered else "")
    question, answer = turn
    return str(question), str(answer or "")
