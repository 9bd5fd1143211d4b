"""Keep the search index in step with what was published."""

from wagtail.search.index import insert_or_update_object


def reindex_published_article(sender, instance, **kwargs):
    """Index the article again once publishing has saved its tags and authors.

    Wagtail indexes a page in post_save, before modelcluster writes the page's child relations, so
    tags added in the same edit would be missing from the index until the next save.
    """
    insert_or_update_object(instance)
