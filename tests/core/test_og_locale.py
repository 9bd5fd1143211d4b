"""The og_locale filter: Django language codes as Open Graph language_TERRITORY locales."""

import pytest
from django.template import Context, Template

from dateline.core.templatetags.core_tags import og_locale


@pytest.mark.parametrize(
    ("code", "expected"),
    [("en", "en_US"), ("es", "es_ES"), ("pt-br", "pt_BR"), ("fr", "fr"), ("zh-hans", "zh_hans")],
)
def test_language_code_becomes_open_graph_locale(code, expected):
    assert og_locale(code) == expected


def test_filter_is_registered_for_templates():
    template = Template("{% load core_tags %}{{ code|og_locale }}")
    assert template.render(Context({"code": "es"})) == "es_ES"
