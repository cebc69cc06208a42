"""License intelligence: the knowledge base, identification, and the pipeline's license stage."""

from .identify import Identification, identify_any, identify_claim, identify_expression, identify_text
from .kb import KnowledgeBase, knowledge_base
from .model import License, Term, TermKey
from .resolve import governing_license, resolve

__all__ = [
    "Identification",
    "KnowledgeBase",
    "License",
    "Term",
    "TermKey",
    "governing_license",
    "identify_any",
    "identify_claim",
    "identify_expression",
    "identify_text",
    "knowledge_base",
    "resolve",
]
