"""Demo content for people trying Dateline: built through the product's own models. Nothing imports it."""
