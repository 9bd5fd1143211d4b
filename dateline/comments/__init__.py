"""Reader comments: posting, spam defence, moderation. Knows articles; articles do not know it."""
