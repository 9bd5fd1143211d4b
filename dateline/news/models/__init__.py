from .articles import ArticleAuthor, ArticlePage, ArticleTag
from .corrections import Correction, CorrectionKind
from .kinds import ArticleKind, SchemaType
from .people import Person
from .policies import PolicyPage
from .sections import SectionPage

__all__ = [
    "ArticleAuthor",
    "ArticleKind",
    "ArticlePage",
    "ArticleTag",
    "Correction",
    "CorrectionKind",
    "Person",
    "PolicyPage",
    "SchemaType",
    "SectionPage",
]
