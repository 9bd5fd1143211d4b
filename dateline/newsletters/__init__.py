"""E-mail newsletters: lists, double opt-in subscriptions, issues composed or built from a section,
sent in the background exactly once per address. Knows articles and sections; they do not know it."""
