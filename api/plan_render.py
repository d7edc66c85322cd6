"""'Min plan' on paper: one HTML page (A4 print stylesheet) and its PDF (WeasyPrint).

Large type (body 18 pt, nothing under 16 pt), black on white, no ids, codes or references:
only the plan's sentences and texts, HTML-escaped. The PDF is rendered by WeasyPrint, which
needs Debian's Pango (tools/ensure_pango.sh); without it the PDF answers 503 and the HTML
version (print it from the browser) still works. WeasyPrint fetches nothing: the page has no
external resources and the fetcher refuses every URL.
"""

from __future__ import annotations

from html import escape

from api.errors import Unavailable
from api.schemas.plan import PlanOut

BODY_PT = 18
STYLESHEET = f"""
@page {{ size: A4; margin: 20mm 18mm 20mm 18mm; }}
html {{
  font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif;
  font-size: {BODY_PT}pt;
  line-height: 1.45;
  color: #000;
  background: #fff;
}}
body {{ margin: 0; }}
h1 {{ font-size: 30pt; margin: 0 0 10pt 0; }}
h2 {{ font-size: 24pt; margin: 22pt 0 6pt 0; padding-bottom: 4pt; border-bottom: 3pt solid #000; }}
h3 {{ font-size: 20pt; margin: 16pt 0 4pt 0; }}
p {{ margin: 0 0 8pt 0; }}
.own-words {{ font-size: 22pt; font-weight: bold; }}
ol.steps {{ list-style: none; margin: 0; padding: 0; }}
ol.steps > li {{
  margin: 0 0 12pt 0; padding: 2pt 0 2pt 12pt; border-left: 4pt solid #000;
  break-inside: avoid;
}}
.step-title {{ font-size: 20pt; font-weight: bold; margin: 0 0 2pt 0; }}
.step-text {{ font-weight: bold; }}
ul.actions {{ list-style: disc; margin: 0 0 8pt 0; padding-left: 24pt; }}
ul.actions li {{ margin: 0 0 4pt 0; }}
.next {{
  font-size: 20pt; font-weight: bold; margin: 12pt 0; padding: 8pt; border: 3pt solid #000;
}}
footer {{ margin-top: 18pt; font-size: 16pt; }}
@media screen {{
  body {{ max-width: 40em; margin: 2em auto; padding: 0 1em; }}
}}
"""


def _p(text: str | None, css_class: str | None = None) -> str:
    if not text:
        return ""
    attribute = f' class="{css_class}"' if css_class else ""
    return f"<p{attribute}>{escape(text)}</p>"


def render_html(plan: PlanOut) -> str:
    parts = [
        f"<h1>{escape(plan.title)}</h1>",
        _p(plan.intro),
        _p(plan.nothing_yet),
        _p(plan.next_evaluation, "next"),  # first: the date matters most on the fridge door
    ]
    for goal in plan.goals:
        parts += [
            "<section>",
            f"<h2>{escape(goal.title)}</h2>",
            _p(goal.goal, "own-words"),
            _p(goal.when),
        ]
        if goal.steps:
            parts += [f"<h3>{escape(goal.steps_title)}</h3>", '<ol class="steps">']
            for step in goal.steps:
                parts += [
                    "<li>",
                    _p(step.title, "step-title"),
                    _p(step.text, "step-text"),
                    _p(step.who),
                ]
                if step.actions:
                    parts.append(_p(step.actions_title))
                    items = "".join(f"<li>{escape(action)}</li>" for action in step.actions)
                    parts.append(f'<ul class="actions">{items}</ul>')
                parts += [_p(step.when), _p(step.status), "</li>"]
            parts.append("</ol>")
        parts.append("</section>")
    parts.append(f"<footer>{_p(plan.made)}</footer>")
    body = "\n".join(part for part in parts if part)
    return (
        '<!doctype html>\n<html lang="da">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(plan.title)}</title>\n<style>{STYLESHEET}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


PDF_UNAVAILABLE = (
    "PDF kan ikke laves på denne server (WeasyPrint eller Pango mangler); hent "
    "plan.html i stedet og udskriv den fra browseren"
)


def pdf_unavailable_reason() -> str | None:
    """Why this server cannot render PDFs, or None if it can."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:
        return (
            f"WeasyPrint cannot load ({type(exc).__name__}); tools/ensure_pango.sh installs Pango"
        )
    return None


def render_pdf(html: str) -> bytes:
    try:
        from weasyprint import HTML, URLFetcher
    except (ImportError, OSError):  # OSError: Pango's shared libraries are missing
        raise Unavailable(PDF_UNAVAILABLE) from None
    fetch_nothing = URLFetcher(allowed_protocols=())
    return HTML(string=html, url_fetcher=fetch_nothing).write_pdf()
