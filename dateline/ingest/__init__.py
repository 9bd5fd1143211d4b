"""Agency copy in: wire sources, their polling, and the wire review queue. Knows news, photos and comments; nothing below knows it."""
