from .articles import ArticleAuthor, ArticlePage, ArticleTag, ArticleType
from .dateline_style import DatelineStyle
from .people import Person
from .sections import SectionPage

__all__ = ["ArticleAuthor", "ArticlePage", "ArticleTag", "ArticleType", "DatelineStyle", "Person", "SectionPage"]
