#!/usr/bin/env python3
"""Walks the self-check as a calm reader and prints the body of the POST
that gives the result page: the step a calm reader posts most, and the one
benches/post.sh sends again and again.

    benches/calm_post.py http://127.0.0.1:18090

The answers are read from the pages, not from a list that rots when the
questionnaire changes: on each step, every question gets its "no" answer
(`no`, `none` for a checklist, or `normal`) where it has one, and its
first answer where it has none (where the massage was, what kind, when). Hidden fields
and the step number are carried over as the browser carries them. It stops
at the page that marks its level (the result), and fails after 10 steps.
Standard library only; nothing leaves the address it is given.
"""

import sys
import urllib.parse
import urllib.request
from html.parser import HTMLParser

CALM = ("no", "none", "normal")
# The result page marks its level on the page (`data-level`); no step does.
RESULT_MARK = 'data-level="'


class Form(HTMLParser):
    """The self-check form's fields: hidden values and each question's options in order."""

    def __init__(self):
        super().__init__()
        self.inside = False
        self.hidden = []
        self.options = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("action") == "/self-check" and a.get("method") == "post":
            self.inside = True
        elif tag == "input" and self.inside:
            kind, name, value = a.get("type"), a.get("name"), a.get("value", "")
            if kind == "hidden":
                self.hidden.append((name, value))
            elif kind in ("radio", "checkbox"):
                self.options.setdefault(name, []).append(value)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def post(base, fields):
    data = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(
        base + "/self-check", data=data, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.read().decode()
    except urllib.error.HTTPError as error:  # a 422 step page still carries the form
        return error.read().decode()


def main():
    base = sys.argv[1].rstrip("/")
    with urllib.request.urlopen(base + "/self-check", timeout=10) as response:
        page = response.read().decode()
    for _ in range(10):
        form = Form()
        form.feed(page)
        if not form.options:
            sys.exit("calm_post.py: a step with no questions and no result: is the self-check off?")
        fields = list(form.hidden)
        for name, values in form.options.items():
            calm = next((v for v in values if v in CALM), values[0])
            fields.append((name, calm))
        fields.append(("action", "continue"))
        page = post(base, fields)
        if RESULT_MARK in page:
            print(urllib.parse.urlencode(fields))
            return
    sys.exit("calm_post.py: no result page after 10 steps")


if __name__ == "__main__":
    main()
