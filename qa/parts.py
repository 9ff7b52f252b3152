"""Questions in several parts: split, answered one by one, joined into one reply.

People ask two things at once: "who was fined and how much aid is going to Mombasa?",
"what did Kenya and Ghana each say?", "who is Otieno? what did he say?". Each part is
answered on its own (its own retrieval, its own evidence, its own refusal), and the reply
gives every part under a line naming it, so a part the articles do not answer is said to be
unanswered while the others are answered.

Split where a second question starts (a question word or an auxiliary verb after "and", a
comma or a question mark), and where "each" or "both" follows two things joined by "and"
("what did X and Y each say" → "what did X say", "what did Y say"; a head noun the two share
goes to both: "the kenyan and ghanaian chiefs" → "the kenyan chief", "the ghanaian chief").

>>> split_parts("who was fined and how much aid is going to mombasa?")
['who was fined?', 'how much aid is going to mombasa?']
>>> split_parts("What did Kenya and Ghana each say about the fees?")
['What did Kenya say about the fees?', 'What did Ghana say about the fees?']
>>> split_parts("name the kenyan port chief and the ghanaian envoy")
['name the kenyan port chief?', 'name the ghanaian envoy?']
>>> split_parts("According to Otieno, who is on strike and how many ships wait?")
['According to Otieno, who is on strike?', 'how many ships wait?']
>>> split_parts("names of the port chief, the union leader and lagos's mayor")
['names of the port chief?', 'names of the union leader?', "names of lagos's mayor?"]
>>> split_parts("what is Lagos getting from Accra, and what from Lome?")
['what is Lagos getting from Accra?', 'what is Lagos getting from Lome?']
>>> split_parts("who's the kenyan port chief and who's the ghanaian one")
["who's the kenyan port chief?", "who's the ghanaian chief?"]
>>> split_parts("what did the kenyan and ghanaian port chiefs each say?")
['what did the kenyan port chief say?', 'what did the ghanaian port chief say?']
>>> split_parts("port chief and union leader names")
['port chief name?', 'union leader name?']
>>> split_parts("what are otieno's and odhiambo's jobs")
["what is otieno's job?", "what is odhiambo's job?"]
>>> split_parts("strike demands + size of the pay offer?")
['strike demands?', 'size of the pay offer?']
>>> split_parts("ok and what did Otieno say?")
['ok and what did Otieno say?']
>>> split_parts("What did Kenya and Ghana agree?")
['What did Kenya and Ghana agree?']
>>> split_parts("Who wrote the song and who died in 2007?")
['Who wrote the song and who died in 2007?']
>>> split_parts("What is the song of the university in Lawrence and which was founded in 1865?")
['What is the song of the university in Lawrence and which was founded in 1865?']
>>> split_parts("Which club has a stadium in Leeds and whose fans are known as the Loiners?")
['Which club has a stadium in Leeds and whose fans are known as the Loiners?']
"""

from __future__ import annotations

import re

from qa.reply import Citation, Reply, Statement, cite, render

PART = "On “{question}”:"
"""The line that names a part of a question, above its answer."""
_ASKING = (r"(?:who|whom|whose|what|whats|which|when|where|why|how|is|are|was|were|do|does|did|will|would|can"
           r"|could|has|have|had|should)")
_NEXT_QUESTION = re.compile(rf"(?:\?\s+|[,;]\s*(?:and\s+)?|\s+and\s+(?:also\s+)?)(?={_ASKING}\b)"
                            rf"(?!(?:who|which|that)\s+(?!{_ASKING}\b)\w+(?:ed|s)?\b)"
                            rf"(?!which\s+(?:is|are|was|were|has|have|had)\b|whose\b)", re.I)
"""Where a second question starts; "… and who died in 2007", "… and which was founded in 1865"
and "… and whose campus is …" go on describing the first one (an interrogative "and whose
…?" is rarer than a relative one, so it is not split)."""
_EACH = re.compile(r"^(?P<head>.*?\b(?:did|do|does|is|are|was|were|has|have|had|will|would|can|could))\s+"
                   r"(?P<a>.+?)\s+and\s+(?P<b>.+?)\s+(?:each|both|respectively|separately)\s+(?P<rest>.+)$", re.I)
_ITEM = r"(?:the\s|[\w-]+['’]s\s)"
_BOTH_NAMED = re.compile(rf"^(?P<head>name|names of|who(?:'?s| is| are)|whos)\s+(?P<list>the\s.+?\s+and\s+{_ITEM}.+?)\??$",
                         re.I)
"""Several people asked for at once: "name the port chief and the union leader",
"names of the A, the B and the C"."""
_THEIR_ROLES = re.compile(r"^(?:(?:what|whats|what's)(?:\s+(?:is|are|were))?\s+)?(?P<a>(?:[\w’'-]+\s+){0,3}?[\w’'-]+)\s+and\s+"
                          r"(?P<b>(?:[\w’'-]+\s+){0,3}?[\w’'-]+)\s+(?P<noun>name|job|role|title|position)s\s*\??$", re.I)
"""Two people's names or jobs asked at once: "the spokesman and the envoy names", "what are
otieno's and odhiambo's jobs"."""
_LISTED = re.compile(rf"\s*,\s*(?:and\s+)?(?={_ITEM})|\s+and\s+(?={_ITEM})", re.I)
_PLUS = re.compile(r"\s+\+\s+")
"""'sanction targets + size of the aid?': two things asked, joined by a sign."""
_ELLIPTIC_PART = re.compile(r"^(?P<ask>what|who|which|how much|how many)\s+(?P<prep>from|for|about|on|in|to|with|of|by)\s+"
                            r"(?P<object>[^?]+?)\??$", re.I)
"""A later part that only changes the object of the first: "what is Lagos getting from
Accra, and what from Lome?"."""
_LEAD = re.compile(r"^(?:according to|per|in|on|from|for|by|after|before|since|as of|regarding|re|about)\b[^?]*$", re.I)
"""A piece that only says where or when the question that follows applies ("according to Otieno,")."""
_FILLER = re.compile(r"(?:\W*\b(?:ok(?:ay)?|so|well|right|alright|hmm+|cool|thanks|thx|yeah|yes|no|and|also|then)\b)+\W*",
                     re.I)
"""A piece that asks nothing: "ok" in "ok and what did Otieno say?"."""
MAX_PARTS = 4


def split_parts(question: str) -> list[str]:
    """The parts of ``question`` (the question itself when it has one part)."""
    text = " ".join(question.split())
    pieces: list[str] = []
    lead = False
    for piece in (p.strip(" ,;") for q in _PLUS.split(text) for p in _NEXT_QUESTION.split(q) if p.strip(" ,;?")):
        if lead:  # "according to X, who …?" is one question
            pieces[-1] = f"{pieces[-1]}, {piece}"
        elif not _FILLER.fullmatch(piece):
            pieces.append(piece)
        lead = not lead and bool(_LEAD.match(piece))
    parts: list[str] = []
    for piece in pieces:
        each = _EACH.match(piece)
        both = _BOTH_NAMED.match(piece)
        roles = _THEIR_ROLES.match(piece)
        elliptic = _ELLIPTIC_PART.match(piece) if parts else None
        first = re.search(rf"\b{elliptic['prep']}\s+[^?]+$", parts[0], re.I) if elliptic else None
        if each:
            parts += [f"{each['head']} {thing} {each['rest']}" for thing in _shared_head(each["a"], each["b"])]
        elif both:
            parts += [f"{both['head']} {item}" for item in _LISTED.split(both["list"]) if item.strip()]
        elif roles:
            ask = "what is " if re.match(r"what", piece, re.I) else ""
            parts += [f"{ask}{roles[who]} {roles['noun']}" for who in ("a", "b")]
        elif elliptic and first:
            parts.append(f"{parts[0][:first.start()]}{elliptic['prep']} {elliptic['object']}")
        else:
            parts.append(_with_head_noun(piece, parts[-1]) if parts else piece)
    if len(parts) <= 1 or len(parts) > MAX_PARTS:
        return [text]
    return [p if p.endswith("?") else p.rstrip(".") + "?" for p in parts]


def _shared_head(a: str, b: str) -> tuple[str, str]:
    """The two things of "X and Y each", a plural head noun they share given to both:
    ("the kenyan", "ghanaian port chiefs") → ("the kenyan port chief", "the ghanaian port chief")."""
    words, before = b.split(), a.split()
    one = _PLURAL.fullmatch(words[-1])
    if len(words) < 2 or not one or words[0].lower() in _DETERMINERS or len(before) > 2 or _PLURAL.fullmatch(before[-1]):
        return a, b
    head = " ".join([*words[1:-1], one[1] + ("y" if one[2] else "")])
    article = before[0] + " " if before[0].lower() in _DETERMINERS else ""
    return f"{a} {head}", f"{article}{words[0]} {head}"


_PLURAL = re.compile(r"([a-z][a-z-]+?)(?:(ie)|(?<![su]))s", re.I)
"""A lower-case plural: "envoys", "ministries" (not "the us", "press")."""
_DETERMINERS = frozenset(("the", "a", "an", "its", "their", "his", "her"))


def _with_head_noun(part: str, before: str) -> str:
    """``part`` with a "the X one" it says for the thing the part before asked about spelled out:
    "who's the kenyan port chief and who's the ghanaian one" → "who's the ghanaian chief"."""
    head = re.search(r"\b([a-z][\w’'-]*?)s?\W*$", before, re.I)
    if head is None or head[1].lower() in _NOT_HEADS:
        return part
    return _ONE.sub(lambda m: f"{m[1]} {head[1]}", part, count=1)


_ONE = re.compile(r"\b((?:the|a|an)\s+[\w’'-]+)\s+one\b(?!\s+of\b)", re.I)
_NOT_HEADS = frozenset(("it", "them", "that", "this", "say", "said", "about", "there", "now", "then", "do", "did", "is"))
"""Last words of a part that name no thing "the other one" could stand for."""


def join_parts(question: str, replies: list[Reply], heading: str = PART) -> Reply:
    """One reply to ``question`` from the replies to its parts, citations numbered anew.

    It is answered when any part is; each part's reply is kept in ``parts`` (with the new
    numbers and its ``heading``, formatted from the part's question), so a reader sees which
    part the articles do not answer.
    """
    citations: list[Citation] = []
    parts: list[Reply] = []
    lines: list[str] = []
    for reply in replies:
        renumber = {c.number: cite(citations, c.passage, c.quote, c.start, c.end, c.field) for c in reply.citations}
        statements = [Statement(s.text, tuple(renumber[n] for n in s.citations), s.dates) for s in reply.statements]
        text = render(statements, reply.intro) if reply.answered else reply.text
        line = heading.format(question=reply.question)
        parts.append(Reply(text=text, citations=[c for c in citations if c.number in renumber.values()],
                           answered=reply.answered, question=reply.question, passages=reply.passages,
                           statements=statements, support=reply.support, notes=reply.notes, intro=reply.intro,
                           heading=line, kind=reply.kind))
        lines += [line, text]
    passages = list({id(p): p for r in replies for p in r.passages}.values())
    return Reply(text="\n".join(lines), citations=citations, answered=any(r.answered for r in replies),
                 question=question, passages=passages, statements=[s for p in parts for s in p.statements],
                 support=max(r.support for r in replies), notes=[n for r in replies for n in r.notes],
                 parts=parts)
