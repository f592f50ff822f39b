"""A batch's nominees as a zip of their 任免审批表 files (.lrmx), for the org department's review."""

import io
import zipfile

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.views.generic import View

from cadres.access import cadres_particulars_readable_by
from cadres.lrmx import write_lrmx
from cadres.lrmx_records import lrmx_filename, person_from_cadre
from cadres.models import Cadre

from .. import selectors
from ..models import Nomination

NOMINEE_STATUSES = (Nomination.Status.NOMINATED, Nomination.Status.SELECTED, Nomination.Status.POSTED)


class BatchLrmxZipView(View):
    """404 outside the batch's scope; the nominees the user sees and may read the file of (not a receiving
    contact: the file names the family), refused when there is none."""

    def get(self, request, pk: int):
        batch = selectors.batch_get_for_user(user=request.user, pk=pk)
        nominated = (
            selectors.nomination_list_for_user(user=request.user)
            .filter(batch=batch, status__in=NOMINEE_STATUSES)
            .values("cadre_id")
        )
        cadres = (
            cadres_particulars_readable_by(request.user, Cadre.objects.filter(pk__in=nominated))
            .select_related("unit", "ethnicity", "political_status")
            .prefetch_related("resume_entries", "family_members", "rewards_punishments")
            .order_by("unit__path", "name", "id")
        )
        buffer = io.BytesIO()
        count = 0
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for cadre in cadres:
                archive.writestr(lrmx_filename(cadre), write_lrmx(person_from_cadre(cadre)))
                count += 1
        if not count:
            raise PermissionDenied(gettext("该批次没有您可以导出任免审批表的推荐人选。"))
        response = HttpResponse(buffer.getvalue(), content_type="application/zip")
        response["Content-Disposition"] = content_disposition_header(True, f"{batch.name}-任免审批表.zip")
        return response
