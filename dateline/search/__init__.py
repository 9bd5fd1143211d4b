"""The reader's search page and its query handling. Knows news; news does not know it."""
