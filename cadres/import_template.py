"""The downloadable roster template (干部名册导入模板.xlsx), with drop-down lists where Excel allows."""

import io

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from core.xlsx import neutralize

from .exports import ROSTER_HEADERS
from .models import Degree, Education, Ethnicity, PoliticalStatus, Rank

REQUIRED = {"姓名", "性别", "民族", "出生年月", "身份证号", "政治面貌", "工作单位"}
HINTS = {
    "出生年月": "例如 1985.03、1985-03 或 1985年3月",
    "身份证号": "18位；请保持本列为“文本”格式，否则 Excel 会把号码变成科学计数法并丢失末尾数字",
    "工作单位": "填写系统中登记的单位全称",
    "是否后备干部": "是 / 否",
}
MAX_ROWS = 10000


def roster_template_xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "干部名册"
    lists = workbook.create_sheet("参考值")
    lists.sheet_state = "hidden"

    columns = {
        "性别": ["男", "女"],
        "民族": list(Ethnicity.objects.filter(is_active=True).values_list("name", flat=True)),
        "政治面貌": list(PoliticalStatus.objects.filter(is_active=True).values_list("name", flat=True)),
        "学历": list(Education.objects.filter(is_active=True).values_list("name", flat=True)),
        "学位": list(Degree.objects.filter(is_active=True).values_list("name", flat=True)),
        "职级": list(Rank.objects.filter(is_active=True).values_list("name", flat=True)),
        "是否后备干部": ["是", "否"],
    }
    header_fill = PatternFill("solid", fgColor="F2DCDB")
    for col, header in enumerate(ROSTER_HEADERS, start=1):
        cell = sheet.cell(row=1, column=col, value=f"*{header}" if header in REQUIRED else header)
        cell.font, cell.fill, cell.alignment = Font(bold=True), header_fill, Alignment(horizontal="center")
        if header in HINTS:
            cell.comment = Comment(HINTS[header], "挂职通")
        letter = get_column_letter(col)
        sheet.column_dimensions[letter].width = {"身份证号": 22, "工作单位": 30, "备注": 30}.get(header, 12)
        data_range = f"{letter}2:{letter}{MAX_ROWS + 1}"
        if header in ("身份证号", "联系电话"):
            for row in range(2, 202):  # text format keeps long digit strings intact
                sheet.cell(row=row, column=col).number_format = "@"
        if header in columns:
            values = columns[header]
            list_col = get_column_letter(list(columns).index(header) + 1)
            for i, value in enumerate(values, start=1):
                # reference values are editable in admin: one named "=…" must not become a live formula
                cell = lists.cell(row=i, column=list(columns).index(header) + 1, value=neutralize(value))
                cell.data_type, cell.number_format = "s", "@"
            formula = f"{quote_sheetname(lists.title)}!${list_col}$1:${list_col}${len(values)}"
            validation = DataValidation(type="list", formula1=formula, allow_blank=header not in REQUIRED)
            validation.error = f"请从下拉列表中选择{header}"
            validation.errorTitle = "输入有误"
            validation.showErrorMessage = True
            sheet.add_data_validation(validation)
            validation.add(data_range)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
