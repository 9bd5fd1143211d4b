from django.conf import settings


def site_frame(request):
    """Values the site frame (base.html) needs on every page."""
    return {"site_name": settings.DATELINE_SITE_NAME}
