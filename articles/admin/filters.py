import datetime

from django.contrib import admin
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

from ..workflow.states import State


class StateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "visibility"

    def lookups(self, request, model_admin):
        return State.choices

    def queryset(self, request, queryset):
        if self.value() in State.values:
            return queryset.in_state(State(self.value()))
        return queryset


class PublishDateRangeFilter(admin.FieldListFilter):
    """From/to dates for the publish time, as two date inputs (ignored when malformed)."""

    template = "admin/date_range_filter.html"

    def __init__(self, field, request, params, model, model_admin, field_path):
        self.from_param, self.to_param = f"{field_path}__from", f"{field_path}__to"
        super().__init__(field, request, params, model, model_admin, field_path)
        self.title = _("publish date range")

    def expected_parameters(self):
        return [self.from_param, self.to_param]

    def _date(self, name):
        value = self.used_parameters.get(name)
        value = value[-1] if isinstance(value, list) else value
        return parse_date(value) if value else None

    def queryset(self, request, queryset):
        try:
            start, end = self._date(self.from_param), self._date(self.to_param)
        except ValueError:
            return queryset
        tz = timezone.get_current_timezone()
        if start:
            queryset = queryset.filter(
                publish_at__gte=datetime.datetime.combine(start, datetime.time.min, tz)
            )
        if end:
            queryset = queryset.filter(
                publish_at__lt=datetime.datetime.combine(
                    end + datetime.timedelta(days=1), datetime.time.min, tz
                )
            )
        return queryset

    def choices(self, changelist):
        yield {
            "from_param": self.from_param,
            "to_param": self.to_param,
            "from_value": self._date_text(self.from_param),
            "to_value": self._date_text(self.to_param),
            "other_params": [
                (key, value)
                for key, values in changelist.get_filters_params().items()
                if key not in self.expected_parameters()
                for value in (values if isinstance(values, list) else [values])
            ],
            "clear_url": changelist.get_query_string(remove=self.expected_parameters()),
        }

    def _date_text(self, name):
        value = self.used_parameters.get(name)
        return (value[-1] if isinstance(value, list) else value) or ""
