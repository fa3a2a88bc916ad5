"""Read the forms on a page, so tests submit them as a browser with JavaScript off would."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    """One `<form>`: where it goes and its fields with their current values."""

    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)
    field_types: dict[str, str] = field(default_factory=dict)


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        if tag == "form":
            self.forms.append(
                Form(attributes.get("action", ""), attributes.get("method", "get").lower())
            )
            return
        if not self.forms:
            return
        form = self.forms[-1]
        name = attributes.get("name")
        if tag == "input" and name:
            kind = attributes.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attributes:
                return
            if kind in ("submit", "button"):
                return
            form.fields[name] = attributes.get("value", "")
            form.field_types[name] = kind
        elif tag == "select" and name:
            self._select = name
            form.fields.setdefault(name, "")
        elif tag == "option" and self._select:
            if "selected" in attributes or not form.fields[self._select]:
                form.fields[self._select] = attributes.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            form.fields[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea and self.forms:
            self.forms[-1].fields[self._textarea] += data


def parse_forms(html: str) -> list[Form]:
    """Return every form on the page in document order."""
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def find_form(html: str, *, containing: str) -> Form:
    """Return the first form that has a field named `containing`."""
    for form in parse_forms(html):
        if containing in form.fields:
            return form
    names = [sorted(form.fields) for form in parse_forms(html)]
    raise AssertionError(f"no form with a field {containing!r}; forms have fields {names}")
