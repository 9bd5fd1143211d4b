from .articles import ArticleAuthor, ArticlePage, ArticleTag, ArticleType
from .people import Person
from .sections import SectionPage

__all__ = ["ArticleAuthor", "ArticlePage", "ArticleTag", "ArticleType", "Person", "SectionPage"]
