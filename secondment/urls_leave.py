"""URLs of the posting urls_leave pages (included by secondment/urls.py under postings/<pk>/)."""

urlpatterns: list = []
