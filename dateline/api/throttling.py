"""How often one address may ask the API: counted in the shared cache under a keyed hash of the
address (accounts.audit), never the address itself. Answers the cache already holds are not counted."""

from django.conf import settings
from django.core.cache import caches
from ninja.throttling import SimpleRateThrottle

from dateline.accounts.audit import hash_client_address


class AddressRateThrottle(SimpleRateThrottle):
    """DATELINE_API_RATE requests per address ("120/m"), read at each request so it can change."""

    scope = "api"
    cache_format = "api-rate:%(ident)s"

    def __init__(self):
        super().__init__(rate=settings.DATELINE_API_RATE)
        self.cache = caches["logins"]

    def allow_request(self, request) -> bool:
        self.rate = settings.DATELINE_API_RATE
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request) -> str | None:
        address = hash_client_address(request)
        return self.cache_format % {"ident": address} if address else None
