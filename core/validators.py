"""Validators shared by every app's models and forms."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Bidirectional overrides and isolates can make a name read differently from what it is (张三 vs 三张).
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def control_characters(value: str, *, allow_line_breaks: bool = False) -> list[str]:
    """The control characters in `value` (line breaks and tabs too, unless allowed)."""
    allowed = {"\n", "\r", "\t"} if allow_line_breaks else set()
    return [
        ch
        for ch in value
        if ch not in allowed and (unicodedata.category(ch) == "Cc" or ch in _BIDI_CONTROLS or ch in "\u2028\u2029")
    ]


@deconstructible
class SingleLineValidator:
    """A single-line field (a name, a title, a document number) holds no line break, tab or other control
    character: a line break in a cadre's name once made every reminder email about them fail."""

    message = _("不能包含换行、制表符或其他不可见的控制字符。")
    code = "control_characters"

    def __call__(self, value) -> None:
        if isinstance(value, str) and control_characters(value):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other) -> bool:
        return isinstance(other, SingleLineValidator)


single_line = SingleLineValidator()
