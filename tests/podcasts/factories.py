import factory
import wagtail_factories

from dateline.podcasts.models import PodcastEpisodePage, PodcastShowPage

from ..audio.factories import AudioFactory
from ..photos.factories import PhotoFactory


class PodcastShowPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"The Harbour Hour {n}")
    slug = factory.Sequence(lambda n: f"harbour-hour-{n}")
    description = "The week's news from the harbour, in twenty minutes."
    artwork = factory.SubFactory(PhotoFactory, file__width=1400, file__height=1400, file__format="JPEG")
    owner_name = "Dateline Newsroom"
    owner_email = "podcasts@example.com"

    class Meta:
        model = PodcastShowPage


class PodcastEpisodePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Episode about the sea wall, part {n}")
    slug = factory.Sequence(lambda n: f"sea-wall-{n}")
    audio = factory.SubFactory(AudioFactory)
    summary = "Engineers explain the sea wall."

    class Meta:
        model = PodcastEpisodePage
