"""WordPress import: a WXR export and its uploads folder become articles, sections, people, photos,
comments and redirects. Knows news, photos and comments; nothing below knows it."""
