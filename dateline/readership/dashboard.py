"""The admin's "Readership": most read today and this week, per section and author, referrers, a chart."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import queries
from .chart import daily_chart

CHART_DAYS = 30
WEEK_DAYS = 7


class ReadershipDashboardView(WagtailAdminTemplateMixin, TemplateView):
    """For everyone who may use the admin: the figures are totals, nothing about any one reader."""

    template_name = "readership/dashboard.html"
    page_title = _("Readership")
    header_icon = "view"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        week_start = queries.days_back(WEEK_DAYS, today=today)
        today_views = queries.views_per_page(today, today)
        week_views = queries.views_per_page(week_start, today)
        context.update(
            today=today,
            week_start=week_start,
            top_today=queries.top_pages(today_views),
            top_week=queries.top_pages(week_views),
            sections=queries.views_per_section(week_views),
            authors=queries.views_per_author(week_views),
            referrers=queries.top_referrers(week_start, today),
            chart=daily_chart(queries.daily_totals(today - timedelta(days=CHART_DAYS - 1), today)),
        )
        return context
