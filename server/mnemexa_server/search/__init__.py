"""Search behind interfaces: lexical (FTS5 BM25), vector (in-process exact/HNSW), and their
fusion. A backend supplies one ``LexicalSearch`` and one ``VectorSearch``."""

from .interfaces import LexicalSearch, VectorSearch

__all__ = ["LexicalSearch", "VectorSearch"]
