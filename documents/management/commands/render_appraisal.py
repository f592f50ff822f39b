from django.core.management.base import BaseCommand, CommandError

from assessments.models import Appraisal
from documents.appraisal_form import appraisal_form_pdf


class Command(BaseCommand):
    help = "把一份期满考核鉴定表写成 PDF（供运维和核对使用）。"

    def add_arguments(self, parser):
        parser.add_argument("appraisal_id", type=int)
        parser.add_argument("output", help="输出的 PDF 文件")

    def handle(self, *args, appraisal_id: int, output: str, **options):
        appraisal = Appraisal.objects.filter(pk=appraisal_id).select_related("posting").first()
        if appraisal is None:
            raise CommandError(f"鉴定 {appraisal_id} 不存在。")
        pdf = appraisal_form_pdf(appraisal)
        with open(output, "wb") as handle:
            handle.write(pdf)
        self.stdout.write(f"已写入 {output}（{len(pdf) // 1024} KB）")
