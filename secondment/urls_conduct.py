"""URLs of the posting's inspection and work-log tabs (included by secondment/urls.py under postings/)."""

from django.urls import path

from . import views_conduct as v

urlpatterns = [
    path("<int:pk>/inspections/", v.PostingInspectionsView.as_view(), name="posting-inspections"),
    path("<int:pk>/worklog/", v.PostingWorkLogView.as_view(), name="posting-worklog"),
]
