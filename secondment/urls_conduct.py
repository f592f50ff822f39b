"""URLs of the posting urls_conduct pages (included by secondment/urls.py under postings/<pk>/)."""

urlpatterns: list = []
