"""Questions about a corpus of news articles, answered with cited passages.

>>> from qa import Retriever, Assistant
"""

from index.settings import Settings
from qa.assistant import Assistant
from qa.passages import Passage
from qa.reply import Citation, Reply, Statement
from qa.retriever import QuestionError, Retriever

__all__ = ["Assistant", "Citation", "Passage", "QuestionError", "Reply", "Retriever", "Settings", "Statement"]
