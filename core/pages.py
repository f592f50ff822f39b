"""Pages that show what an app above them offers (issue 13): the batch page shows the documents
app's print buttons, the assessment tab its transfer link. The page names a slot; the upper app
registers a function that adds its part of the context, usually an actions set from its access.py, so
the lower app neither imports the upper one nor re-derives its rule in a template.

    @page_extra("secondment.batch_detail")
    def _batch_documents(*, user, batch) -> dict: ...

    context.update(page_context("secondment.batch_detail", user=request.user, batch=batch))
"""

from collections import defaultdict
from collections.abc import Callable

Extra = Callable[..., dict]
_extras: dict[str, list[Extra]] = defaultdict(list)


def page_extra(page: str) -> Callable[[Extra], Extra]:
    def register(extra: Extra) -> Extra:
        if extra not in _extras[page]:
            _extras[page].append(extra)
        return extra

    return register


def page_context(page: str, **kwargs) -> dict:
    context: dict = {}
    for extra in _extras.get(page, ()):
        context.update(extra(**kwargs))
    return context
