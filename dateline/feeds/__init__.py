"""Machine-readable doors: RSS, Atom, JSON Feed, sitemaps, robots.txt. Knows news; news does not know it."""
