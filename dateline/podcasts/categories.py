"""Apple Podcasts categories (https://podcasters.apple.com/support/1691-apple-podcasts-categories),
the ones a newsroom's shows fall under. A value is "Category" or "Category/Subcategory"."""

from django.utils.translation import gettext_lazy as _

CATEGORIES = [
    ("News", _("News")),
    ("News/Daily News", _("News: Daily News")),
    ("News/Politics", _("News: Politics")),
    ("News/Business News", _("News: Business News")),
    ("News/Tech News", _("News: Tech News")),
    ("News/Sports News", _("News: Sports News")),
    ("News/News Commentary", _("News: News Commentary")),
    ("News/Entertainment News", _("News: Entertainment News")),
    ("Business", _("Business")),
    ("Education", _("Education")),
    ("Government", _("Government")),
    ("Health & Fitness", _("Health & Fitness")),
    ("History", _("History")),
    ("Science", _("Science")),
    ("Society & Culture", _("Society & Culture")),
    ("Sports", _("Sports")),
    ("Technology", _("Technology")),
    ("True Crime", _("True Crime")),
    ("Arts", _("Arts")),
    ("Music", _("Music")),
]
