"""Live coverage: a live page (a kind of article) and the short timestamped updates the desk posts on it.

Knows articles (a LivePage is an ArticlePage); news, feeds and search do not know it, and list live
pages as the articles they are.
"""
