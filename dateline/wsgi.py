import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings.production")
application = get_wsgi_application()

from dateline.core.memory import settle_app_process  # noqa: E402  (needs the apps loaded)

settle_app_process()
