import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings.production")
application = get_asgi_application()

from dateline.core.memory import settle_app_process  # noqa: E402  (needs the apps loaded)

settle_app_process()
