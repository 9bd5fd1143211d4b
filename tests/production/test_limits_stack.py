"""The proxy and the app agree on limits, through Varnish too. Only with `pytest -m stack`."""

import pytest

from .test_freshness_stack import fetch, stack  # noqa: F401 - the stack fixture

pytestmark = pytest.mark.stack


@pytest.mark.parametrize("length", [9_000, 40_000, 60_000])
def test_an_overlong_address_gets_our_414_from_varnish_not_a_reset(stack, length):  # noqa: F811
    # Past the app's 8 KB and varnishd's default 32 KB header limit: deploy/ starts it with 64 KB.
    varnish, _env = stack
    status, body = fetch(f"{varnish}/search/?q={'a' * length}")
    assert status == 414
    assert "too long" in body
