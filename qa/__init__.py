"""Questions about a corpus of news articles, answered with cited passages.

>>> from qa import Retriever, Assistant
"""

from index.settings import ANSWER_MODES, RETRIEVAL_MODES, Settings
from qa.assistant import Assistant
from qa.passages import UPLOADED_MARK, Passage
from qa.reply import Citation, Reply, Statement
from qa.retriever import QuestionError, Retriever

__all__ = ["ANSWER_MODES", "RETRIEVAL_MODES", "UPLOADED_MARK", "Assistant", "Citation", "Passage", "QuestionError",
           "Reply", "Retriever", "Settings", "Statement"]
