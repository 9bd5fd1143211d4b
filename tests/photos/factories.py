import factory
import wagtail_factories

from dateline.photos.models import Photo


class PhotoFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Photo {n}")
    description = "Delegates arrive at the summit venue"
    credit = "AFP"
    default_caption = "Delegates arrive for the summit."
    file = factory.django.ImageField(width=1600, height=900, color="steelblue")

    class Meta:
        model = Photo
