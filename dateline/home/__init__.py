"""The front page: lead story, pinned stories, section rows. Knows news and comments; nothing knows it."""
