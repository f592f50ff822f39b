"""A home-page to-do as an on-screen list (dashboard.todo), and the same list as .xlsx (`?format=xlsx`).
A to-do of another role, or an unknown one, is a 404; the rows are the user's own scope."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.generic import View

from core.import_views import xlsx_response
from core.xlsx import build_xlsx
from dashboard.todo import TODOS, may_see


class TodoListView(View):
    def get(self, request, key: str):
        todo = TODOS.get(key)
        if todo is None or todo.row is None or not may_see(request.user, todo):
            raise Http404(gettext("没有这项待办。"))
        items = todo.items(request.user)
        if request.GET.get("format") == "xlsx":
            rows = ([r.cadre, r.what, r.unit, r.when] for r in map(todo.row, items))
            content = build_xlsx(
                title=todo.label, headers=["干部", "事项", "单位", todo.when_label], rows=rows, widths=[10, 40, 36, 12]
            )
            return xlsx_response(content, f"todo-{key}-{timezone.localdate():%Y%m%d}.xlsx")
        page = Paginator(items, 50).get_page(request.GET.get("page"))
        rows = [todo.row(item) for item in page]
        return render(request, "dashboard/todo_list.html", {"todo": todo, "page": page, "rows": rows, "query": ""})
