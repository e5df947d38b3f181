"""One incident's own page (``/incidents/<id>``): what the popup says, a map, the sources, and each
source report's stored text with the quoted span marked; JSON for clients that ask for it.

Report text reaches the page only as data for the autoescaping template: it is cut into
(text, marked) pieces here and never becomes markup.
"""
from __future__ import annotations

import secrets

from flask import Blueprint, Response, current_app, render_template, url_for

from ..errors import NotFound
from .features import dumps
from .headers import content_security_policy
from .mapbuild import CATEGORY_COLOURS, CATEGORY_LABELS
from .negotiate import check_params, wanted_format
from .urls import external_url

__all__ = ["bp", "marked_pieces"]

bp = Blueprint("incident", __name__)

#: Report text shown around the quoted spans, in characters (a report may be long).
TEXT_CONTEXT = 1500


def marked_pieces(text: str, spans) -> list[tuple[str, bool]]:
    """``text`` around ``spans`` as ``(piece, marked)`` pairs, far parts cut to "...".

    >>> marked_pieces("Shelling hit Kharkiv at dawn.", [(0, 20)])
    [('Shelling hit Kharkiv', True), (' at dawn.', False)]
    """
    spans = sorted((max(0, int(a)), min(len(text), int(b))) for a, b in spans if int(b) > int(a))
    merged: list = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    if not merged:
        return [(text[:TEXT_CONTEXT * 2] + ("..." if len(text) > TEXT_CONTEXT * 2 else ""), False)]
    pieces, pos = [], max(0, merged[0][0] - TEXT_CONTEXT)
    if pos > 0:
        pieces.append(("...", False))
    for a, b in merged:
        if a - pos > 2 * TEXT_CONTEXT:
            pieces.append((text[pos:pos + TEXT_CONTEXT] + " ... ", False))
            pos = a - TEXT_CONTEXT
        if a > pos:
            pieces.append((text[pos:a], False))
        pieces.append((text[a:b], True))
        pos = b
    end = min(len(text), pos + TEXT_CONTEXT)
    if end > pos:
        pieces.append((text[pos:end], False))
    if end < len(text):
        pieces.append(("...", False))
    return pieces


@bp.get("/incidents/<incident_id>")
def incident_page(incident_id: str):
    """The incident's page (HTML for browsers, its Feature as JSON for other clients or ``f=json``)."""
    from ..geojson import to_feature
    from . import get_store

    check_params({"f"})
    fmt = wanted_format(("html", "json"))
    store = get_store()
    incident = store.get(incident_id)
    feature = to_feature(incident)
    if fmt == "json":
        feature["links"] = [{"href": external_url("incident.incident_page", incident_id=incident.id, f="html"),
                             "rel": "alternate", "type": "text/html"}]
        response = Response(dumps(feature), mimetype="application/geo+json")
        response.vary.add("Accept")
        return response
    reports = []
    for source in incident.sources:
        try:
            report = store.get_report(source.report)
        except NotFound:  # a report removed since: the source is listed without its text
            report = None
        reports.append({"source": source, "pieces": marked_pieces(report.text, [source.span]) if report else []})
    nonce = secrets.token_urlsafe(18)
    config = {"feature": feature, "worldUrl": url_for("assets.world"),
              "colour": CATEGORY_COLOURS.get(incident.category, "#555"),
              "leafletImages": url_for("assets.vendor", name="leaflet", filename="images/")}
    html = render_template("incident.html", incident=incident, reports=reports, config=config, nonce=nonce,
                           label=CATEGORY_LABELS.get(incident.category, incident.category),
                           colour=CATEGORY_COLOURS.get(incident.category, "#555"),
                           place=", ".join(dict.fromkeys(p for p in (incident.place_name, *incident.place_admin) if p)),
                           map_url=url_for("pages.index", center=f"{incident.lon},{incident.lat}", zoom=9),
                           leaflet_js=url_for("assets.vendor", name="leaflet", filename="leaflet.js"),
                           leaflet_css=url_for("assets.vendor", name="leaflet", filename="leaflet.css"),
                           script=url_for("static", filename="incident.js"),
                           css=url_for("static", filename="mapsvc.css"))
    response = Response(html, mimetype="text/html")
    response.headers["Content-Security-Policy"] = content_security_policy(
        frame_ancestors=current_app.config.get("EMBED_ORIGINS") or [], nonce=nonce)
    response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
    response.vary.add("Accept")
    return response
