"""Short builders for demo StreamField content (raw JSON form), shared by advice and carers demos."""


def heading(text: str) -> dict:
    return {"type": "heading", "value": text}


def text(*paragraphs: str, bullets: list[str] | None = None, after: str = "") -> dict:
    html = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    if bullets:
        html += "<ul>" + "".join(f"<li>{item}</li>" for item in bullets) + "</ul>"
    if after:
        html += f"<p>{after}</p>"
    return {"type": "text", "value": html}


def inset(content: str) -> dict:
    return {"type": "callout", "value": {"style": "inset", "text": f"<p>{content}</p>"}}


def warning(content: str) -> dict:
    return {"type": "callout", "value": {"style": "warning", "text": f"<p>{content}</p>"}}


def steps(title: str, items: list[tuple[str, str]]) -> dict:
    return {
        "type": "step_by_step",
        "value": {
            "heading": title,
            "steps": [{"title": step, "body": f"<p>{body}</p>"} for step, body in items],
        },
    }


def details(summary: str, body: str) -> dict:
    return {"type": "details", "value": {"summary": summary, "body": f"<p>{body}</p>"}}


def contact(name: str, site_number: str = "", description: str = "", **extra) -> dict:
    value = {"name": name, "site_number": site_number, "description": description}
    value.update(extra)
    return {"type": "contact", "value": value}


def related(title: str, categories: list[str], kind: str = "", limit: int = 3) -> dict:
    return {
        "type": "related_services",
        "value": {"heading": title, "categories": categories, "kind": kind, "limit": limit},
    }


def coordinator_finder() -> dict:
    return {
        "type": "local_area_coordinator",
        "value": {
            "heading": "Find your local area coordinator",
            "text": "A local area coordinator can help you think about what matters to you and find support near you.",
        },
    }
