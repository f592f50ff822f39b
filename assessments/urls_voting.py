"""The public voting pages of 民主测评（扫码）, mounted at /v/ (short: it is printed on every slip)."""

from django.urls import path

from .views import voting

app_name = "voting"

urlpatterns = [
    path("", voting.VoteEnterView.as_view(), name="enter"),
    path("done/", voting.VoteDoneView.as_view(), name="done"),
    path("<str:code>/", voting.VoteBallotView.as_view(), name="ballot"),
]
