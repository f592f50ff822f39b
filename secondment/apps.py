from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecondmentConfig(AppConfig):
    name = "secondment"
    verbose_name = _("挂职管理")

    def ready(self) -> None:
        from core.files import protect_files

        from . import (  # noqa: F401  -- registrations (demo, events, reminders, timeline)
            access,
            access_support,
            demo,
            labels,
            reminders,
            reminders_extension,
            reminders_termination,
            timeline,
        )
        from .access import postings_visible_to, termination_proposals_visible_to
        from .access_support import symposiums_visible_to
        from .io import posting_exports, support_exports  # noqa: F401  -- registers the exports
        from .models import AppointmentFormality, SymposiumAttachment, TerminationProposal

        # stored files behind scope (core.files): a meeting's attachments for whoever sees the meeting,
        # a termination proposal's and a formality's for whoever sees the posting
        protect_files(
            SymposiumAttachment,
            "file",
            visible_to=lambda user: SymposiumAttachment.objects.filter(symposium__in=symposiums_visible_to(user)),
            filename=lambda a: a.name,
        )
        protect_files(
            TerminationProposal,
            "attachment",
            visible_to=termination_proposals_visible_to,
            filename=lambda p: p.attachment_name,
        )
        protect_files(
            AppointmentFormality,
            "attachment",
            visible_to=lambda user: AppointmentFormality.objects.filter(posting__in=postings_visible_to(user)),
            filename=lambda f: f.attachment_name,
        )
