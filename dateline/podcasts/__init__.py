"""Podcasts: shows and their episodes as pages, each show's podcast feed (iTunes and Podcasting 2.0
tags) and the OPML of all shows. Knows news, audio and photos; none of them knows it."""
