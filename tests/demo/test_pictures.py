import hashlib
import io

import pytest
from PIL import Image

from dateline.demo import pictures


@pytest.fixture(scope="module")
def scenes() -> dict[str, bytes]:
    return {key: pictures.draw_scene(key) for key in pictures.SCENES}


def test_every_scene_is_a_1600_by_900_jpeg(scenes):
    for key, data in scenes.items():
        image = Image.open(io.BytesIO(data))
        assert (image.format, image.size) == ("JPEG", (1600, 900)), key


def test_no_two_scenes_are_the_same_picture(scenes):
    assert len({hashlib.sha256(data).hexdigest() for data in scenes.values()}) == len(scenes)


def test_a_scene_is_drawn_with_the_same_pixels_every_time(scenes):
    assert pictures.draw_scene("harbour-at-dusk") == scenes["harbour-at-dusk"]


def test_portraits_are_square_jpegs_that_differ_by_person():
    first, second = pictures.draw_portrait("ana-ruiz"), pictures.draw_portrait("tomas-herrera")
    image = Image.open(io.BytesIO(first))
    assert image.format == "JPEG"
    assert image.width == image.height
    assert first != second
