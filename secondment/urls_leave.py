"""URLs of the posting's leave and attendance tab (included by secondment/urls.py under postings/)."""

from django.urls import path

from . import views_conduct as v

urlpatterns = [
    path("<int:pk>/leave/", v.PostingLeaveView.as_view(), name="posting-leave"),
]
