"""The demo's hand-written material: complete, consistent and varied, checked without a database."""

from collections import Counter

from dateline.demo import content, pictures

BODY_BLOCKS = range(4, 10)


def _blocks(story) -> int:
    return len(story.body) + (1 if story.update else 0)


def test_english_headlines_are_distinct_and_there_are_at_least_thirty():
    headlines = [story.headline for story in content.STORIES]
    assert len(headlines) >= 30
    assert len(set(headlines)) == len(headlines)


def test_every_story_has_three_to_five_tags_and_four_to_nine_body_blocks():
    stories = [*content.STORIES, *(original.story for original in content.SPANISH_ORIGINALS)]
    assert [s.slug for s in stories if not 3 <= len(s.tags) <= 5] == []
    assert [s.slug for s in stories if _blocks(s) not in BODY_BLOCKS] == []
    assert [t.slug for t in content.TRANSLATIONS if not 3 <= len(t.tags) <= 5] == []


def test_every_story_has_a_sub_heading_and_an_attributed_quote():
    stories = [*content.STORIES, *(original.story for original in content.SPANISH_ORIGINALS)]
    for story in stories:
        kinds = Counter(block[0] for block in story.body)
        assert kinds["h"] >= 1, story.slug
        assert kinds["q"] >= 1, story.slug
        assert all(block[2] for block in story.body if block[0] == "q"), story.slug


def test_stories_mix_article_types_agency_copy_and_quotes_from_other_outlets():
    kinds = Counter(story.kind for story in content.STORIES)
    assert set(kinds) == {"news", "analysis", "opinion", "interview"}
    outlets = Counter(story.outlet for story in content.STORIES)
    assert outlets[""] > len(content.STORIES) / 2
    assert len(outlets) >= 3
    sourced = [block for story in content.STORIES for block in story.body if block[0] == "q" and block[3]]
    assert len(sourced) >= 3


def test_most_stories_have_one_to_three_authors_and_all_have_an_editor():
    with_authors = [story for story in content.STORIES if 1 <= len(story.authors) <= 3]
    assert len(with_authors) >= len(content.STORIES) * 0.75
    assert all(story.editor for story in content.STORIES)


def test_stories_name_only_people_photos_and_sections_the_demo_makes():
    people = {person.slug for person in content.PEOPLE}
    photos = {picture.key for picture in content.PICTURES}
    sections = {section.slug for section in content.SECTIONS}
    stories = [*content.STORIES, *(original.story for original in content.SPANISH_ORIGINALS)]
    assert {slug for story in stories for slug in (*story.authors, story.editor)} <= people
    in_body = {block[1] for story in stories for block in story.body if block[0] == "photo"}
    assert {story.photo for story in stories if story.photo} | in_body <= photos
    assert {story.section for story in stories} <= sections


def test_every_demo_photo_is_drawn_by_a_scene_of_its_own():
    assert {picture.key for picture in content.PICTURES} == set(pictures.SCENES)
    assert 12 <= len(content.PICTURES) <= 20


def test_translations_translate_english_stories_and_keep_slugs_apart():
    english = {story.slug for story in content.STORIES}
    assert {translation.source for translation in content.TRANSLATIONS} <= english
    spanish_slugs = [t.slug for t in content.TRANSLATIONS] + [o.story.slug for o in content.SPANISH_ORIGINALS]
    assert len(set(spanish_slugs)) == len(spanish_slugs)
    assert len(content.TRANSLATIONS) + len(content.SPANISH_ORIGINALS) >= 4


def test_the_arranged_front_page_stories_exist():
    english = {story.slug for story in content.STORIES}
    assert {content.LEAD_STORY, *content.PINNED_STORIES} <= english
