"""Front-page wiring for other rooms: `dateline_pin_articles` pins stories (the WordPress import's sticky posts)."""

from wagtail import hooks

from .models import HomePage, PinnedStory


@hooks.register("dateline_pin_articles")
def pin_articles(articles) -> None:
    """Pin these stories on the front page above each, after those already pinned.

    Through a revision, as an editor would; published unless an editor has unpublished changes
    waiting on the front page, in which case the pins wait in that draft for them.
    """
    by_home: dict[int, list] = {}
    for article in articles:
        home = HomePage.objects.ancestor_of(article).first()
        if home is not None:
            by_home.setdefault(home.pk, []).append(article)
    for home_id, stories in by_home.items():
        home = HomePage.objects.get(pk=home_id)
        waiting = home.has_unpublished_changes  # read first: without revisions the draft is this very object
        draft = home.get_latest_revision_as_object()
        pinned = list(draft.pinned_stories.all())
        known = {pin.article_id for pin in pinned}
        new = [story for story in stories if story.pk not in known]
        if not new:
            continue
        draft.pinned_stories = pinned + [
            PinnedStory(article=story, sort_order=len(pinned) + n) for n, story in enumerate(new)
        ]
        revision = draft.save_revision()
        if not waiting:
            revision.publish()
