from .articles import ArticleAuthor, ArticlePage, ArticleTag
from .corrections import Correction, CorrectionKind
from .dateline_style import DatelineStyle
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
    "DatelineStyle",
    "Person",
    "PolicyPage",
    "SchemaType",
    "SectionPage",
]
