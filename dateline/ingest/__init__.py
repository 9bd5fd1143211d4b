"""Agency copy in: wire sources, their polling, and the wire review queue.

Knows news, photos and accounts; nothing below knows it."""
