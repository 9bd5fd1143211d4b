"""Audio: the newsroom's sound files (MP3, M4A/AAC, Ogg) with credit, transcript and captions, their
player, and serving them with byte ranges so players can seek. Knows only core; news and podcasts
use it, it knows neither."""
