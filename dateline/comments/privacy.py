"""Who posted, as keyed hashes: the client address is never stored, the e-mail only for moderators."""

import ipaddress
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

from .trust import confirmed_email_hash


def _keyed_hash(purpose: str, value: str) -> str:
    key_salt = f"dateline.comments.{purpose}.{settings.DATELINE_COMMENTS_HASH_SALT}"
    return salted_hmac(key_salt, value, algorithm="sha256").hexdigest()


def subscriber_network(address: str) -> str:
    """What one address stands for in limits and bans: an IPv4 address itself, an IPv6 address its
    network prefix (/64 unless DATELINE_COMMENTS_IPV6_PREFIX says otherwise).

    Providers give each line a whole /64 and devices pick new interface IDs at will, so counting
    full IPv6 addresses would let one reader post as millions. An IPv6 network typed by a moderator
    ("2001:db8:1:2::/64") stands for the prefix it starts with. Anything else is kept as written.
    """
    text = address.strip().lower()
    try:
        network = ipaddress.ip_network(text, strict=False)
    except ValueError:
        return text
    ip = network.network_address
    if ip.version == 6 and ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/{settings.DATELINE_COMMENTS_IPV6_PREFIX}", strict=False))
    return str(ip) if network.prefixlen == 32 else str(network)


def hash_address(address: str) -> str:
    """A keyed hash of a client address (of its IPv6 network), for rate limits and bans."""
    return _keyed_hash("address", subscriber_network(address)) if address else ""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def hash_email(email: str) -> str:
    """A keyed hash of an e-mail address, for lookups that must not read the address itself."""
    return _keyed_hash("email", normalise_email(email)) if email else ""


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(proxy.strip(), strict=False) for proxy in proxies if proxy.strip())


def _is_trusted_proxy(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.DATELINE_TRUSTED_PROXIES)))


def client_address(request: HttpRequest) -> str:
    """The reader's address: the peer, or the X-Forwarded-For entry our own proxies vouch for.

    Walks X-Forwarded-For from the right, skipping trusted proxies, so a reader cannot choose their
    address by sending the header themselves; without trusted proxies the header is ignored.
    """
    address = request.META.get("REMOTE_ADDR", "")
    if not _is_trusted_proxy(address):
        return address
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    for hop in reversed(forwarded):
        if not _is_trusted_proxy(hop):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return address
        address = hop
    return address


def client_network(request: HttpRequest) -> str:
    """The reader's address as limits count it: an IPv4 address, or the IPv6 network of
    DATELINE_COMMENTS_IPV6_PREFIX bits (a provider gives each line a /64 to choose addresses from).
    Staff sign-in throttling counts by it too (AXES_CLIENT_IP_CALLABLE)."""
    address = client_address(request)
    return subscriber_network(address) if address else address


@dataclass(frozen=True)
class ClientInfo:
    """What we know about the device that posted: a keyed hash of its address (or IPv6 network),
    and the e-mail hash its trust token proves it owns ("" without one; see trust.py)."""

    address_hash: str
    confirmed_email_hash: str = ""

    @classmethod
    def from_request(cls, request: HttpRequest) -> "ClientInfo":
        return cls(
            address_hash=hash_address(client_address(request)),
            confirmed_email_hash=confirmed_email_hash(request),
        )
