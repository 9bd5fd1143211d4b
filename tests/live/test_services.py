"""Posting, correcting and deleting updates: the rules, the change numbers and the purge."""

import pytest
from django.core.exceptions import ValidationError

from dateline.core.models import PurgedKey
from dateline.live import services
from dateline.live.models import LiveUpdate

pytestmark = pytest.mark.django_db


def purged_generation(key: str) -> int:
    return PurgedKey.objects.filter(key=key).values_list("generation", flat=True).first() or 0


def test_posting_an_update_stores_it_with_the_next_change_number(live_page):
    first = services.post_update(page=live_page, text="Winds reach 120 km/h.")
    second = services.post_update(page=live_page, text="The port is closed.")
    assert (first.sequence, second.sequence) == (1, 2)
    assert list(live_page.updates.all()) == [second, first]


def test_posting_purges_the_live_key_of_the_page(live_page):
    before = purged_generation(f"live-{live_page.pk}")
    services.post_update(page=live_page, text="Winds reach 120 km/h.")
    assert purged_generation(f"live-{live_page.pk}") > before


def test_an_empty_update_is_refused_with_a_message(live_page):
    with pytest.raises(ValidationError, match="Write some text"):
        services.post_update(page=live_page, text="  ")
    assert not LiveUpdate.objects.exists()


def test_a_quote_needs_who_said_it(live_page):
    with pytest.raises(ValidationError) as error:
        services.post_update(page=live_page, quote="We are ready.")
    assert "quote_attribution" in error.value.error_dict


def test_correcting_the_text_keeps_the_words_first_posted_and_stamps_the_correction(live_page):
    update = services.post_update(page=live_page, text="The mayor, Ana Peres, spoke.")
    services.change_update(update=update, text="The mayor, Ana Pérez, spoke.", correction_note="Name misspelt.")
    update.refresh_from_db()
    assert update.is_corrected
    assert update.original_text == "The mayor, Ana Peres, spoke."
    assert update.text == "The mayor, Ana Pérez, spoke."
    assert update.correction_note == "Name misspelt."
    assert update.sequence == 2


def test_a_second_correction_keeps_the_first_words(live_page):
    update = services.post_update(page=live_page, text="Three dead.")
    services.change_update(update=update, text="Four dead.", correction_note="Toll revised.")
    services.change_update(update=update, text="Five dead.", correction_note="Toll revised again.")
    update.refresh_from_db()
    assert update.original_text == "Three dead."


def test_a_correction_needs_a_note_for_readers(live_page):
    update = services.post_update(page=live_page, text="Three dead.")
    with pytest.raises(ValidationError) as error:
        services.change_update(update=update, text="Four dead.")
    assert "correction_note" in error.value.error_dict


def test_pinning_alone_is_not_a_correction(live_page):
    update = services.post_update(page=live_page, text="What we know so far.")
    services.change_update(update=update, is_pinned=True)
    update.refresh_from_db()
    assert update.is_pinned
    assert not update.is_corrected
    assert update.sequence == 2


def test_deleting_an_update_purges_the_page(live_page):
    update = services.post_update(page=live_page, text="Unconfirmed report.")
    before = purged_generation(f"live-{live_page.pk}")
    services.delete_update(update=update)
    assert purged_generation(f"live-{live_page.pk}") > before
    assert not LiveUpdate.objects.shown().exists()


def test_a_deleted_update_keeps_nothing_it_said_and_takes_a_change_number(live_page):
    update = services.post_update(page=live_page, text="Unconfirmed report.", quote="Yes.", quote_attribution="A")
    services.change_update(update=update, text="Still unconfirmed.", correction_note="Reworded.")
    services.delete_update(update=update)
    update.refresh_from_db()
    assert update.withdrawn_at is not None
    assert (update.text, update.quote, update.original_text, update.correction_note) == ("", "", "", "")
    assert update.sequence == 3
