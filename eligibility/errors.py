"""The one exception the package raises on bad input."""

from __future__ import annotations


class InvalidAnswer(ValueError):
    """An answer the rules cannot use.

    ``field`` names the offending answer key (None when the input as a whole is
    unusable, e.g. not a mapping) so that the quiz can show ``message`` next to
    the right control. ``message`` is short, plain French, fit for a visitor.
    """

    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message

    def to_dict(self) -> dict[str, str | None]:
        return {"field": self.field, "message": self.message}
