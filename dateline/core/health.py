"""Health probes for load balancers and Varnish: liveness without the database, readiness with it."""

from django.db import connection
from django.db.utils import DatabaseError
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def healthz(request):
    """200 while the process can answer; with ?db=1, 503 unless the database answers too.

    Varnish probes the plain form, so a database restart does not mark every app process sick
    (Varnish then serves stale pages in grace instead of errors).
    """
    if request.GET.get("db") != "1":
        return JsonResponse({"status": "ok"})
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})
