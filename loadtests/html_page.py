"""Read the links and form inputs of a website page, so a Locust user can follow and submit them.

Only what the booking flow needs: `<a href>` targets, and each form's action, method and `<input>`
values (hidden fields included). Selects and textareas are not read, because the users fill those
fields themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

# Input types that a browser does not submit as a field value.
_UNSUBMITTED_INPUT_TYPES = frozenset({"submit", "button", "reset", "image"})


@dataclass
class Form:
    """One `<form>`: its action as written (already unescaped), its method, and its input values."""

    action: str
    method: str
    inputs: dict[str, str] = field(default_factory=dict)


@dataclass
class HtmlPage:
    """The links and forms of one page, in document order."""

    links: list[str] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)

    def form_with_input(self, name: str) -> Form | None:
        """Return the first form that has an input called `name`, or None when no form has one."""
        for form in self.forms:
            if name in form.inputs:
                return form
        return None

    def links_starting_with(self, prefix: str) -> list[str]:
        return [link for link in self.links if link.startswith(prefix)]


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.page = HtmlPage()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        if tag == "a" and attributes.get("href"):
            self.page.links.append(attributes["href"])
        elif tag == "form":
            method = attributes.get("method", "get").lower()
            self.page.forms.append(Form(action=attributes.get("action", ""), method=method))
        elif tag == "input" and self.page.forms:
            self._read_input(attributes)

    def _read_input(self, attributes: dict[str, str]) -> None:
        name = attributes.get("name")
        input_type = attributes.get("type", "text").lower()
        if not name or input_type in _UNSUBMITTED_INPUT_TYPES:
            return
        if input_type in ("checkbox", "radio") and "checked" not in attributes:
            return
        self.page.forms[-1].inputs[name] = attributes.get("value", "")


def parse_html_page(html: str) -> HtmlPage:
    """Parse `html` and return its links and forms. Malformed markup is read as far as it goes."""
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return parser.page
