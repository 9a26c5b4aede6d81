"""Plain-text lines for the faces that print one layer: attributions (``spinscope quotes``) and outlet
profiles (``spinscope outlet``). The full terminal report is :mod:`spinscope.render.text`.
"""

from __future__ import annotations

from typing import Any

from spinscope.render.view import OUTLET_KINDS, content_text


def _shorten(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _relay_kind(relay: dict[str, Any]) -> str:
    """The relay's kind, with "not in registry" for an outlet the registry does not know."""
    unlisted = relay.get("in_registry") is False and relay.get("kind") in OUTLET_KINDS
    return f"{relay['kind']}, not in registry" if unlisted else str(relay["kind"])


def format_attributions(result: dict[str, Any]) -> str:
    """Plain-text lines for the ``attributions`` layer of an :meth:`Article.to_dict` result."""
    text = result["article"]["text"]
    spans = result["layers"].get("attributions", [])
    if not spans:
        return "no attributions found\n"
    lines = []
    for number, span in enumerate(spans, start=1):
        attrs = span["attrs"]
        source = attrs.get("source")
        cue = attrs.get("cue")
        written = text[source["start"] : source["end"]] if source else None
        speaker = attrs.get("source_name") or written or "(no speaker)"
        resolution = attrs.get("speaker") or {}
        if resolution.get("name") is None and resolution.get("kind") in ("pronoun", "title"):
            speaker = f"{resolution.get('written') or written} (unresolved)"
        elif written and attrs.get("source_name") and written != attrs["source_name"]:
            speaker = f"{attrs['source_name']} (written: {written})"
        cue_text = text[cue["start"] : cue["end"]] if cue else "-"
        lines.append(f"{number}. [{span['label']}] {speaker} | cue: {cue_text} | chars {span['start']}-{span['end']}")
        lines.append(f"   {_shorten(content_text(text, attrs, span['start'], span['end']))}")
        relays = attrs.get("relays") or []
        if relays:
            chain = " -> ".join(f"{r['order']}. {r['name']} ({_relay_kind(r)})" for r in relays)
            lines.append(f"   relayed via: {chain}")
    return "\n".join(lines) + "\n"


def format_profile(profile: dict[str, Any]) -> str:
    """Plain-text lines for an outlet profile."""
    if not profile["known"]:
        return unknown_outlet_message(profile) + "\n"
    lines = [f"{profile['name'] or profile['query']} ({profile['domain'] or 'no domain'})"]
    registry = profile.get("registry")
    if registry:
        lines.append(f"  registry: {registry['kind']}, {registry['country']}, {registry['ownership']}")
    if profile["ratings"]:
        lines.append(f"  {'list':34} {'factuality':12} {'bias':16} {'country':10} reliability")
        for r in profile["ratings"]:
            lines.append(
                f"  {r['list']:34} {r['factuality'] or '-':12} {r['bias'] or '-':16} {r['country'] or '-':10} "
                f"{'-' if r['reliability'] is None else r['reliability']}"
            )
    if profile.get("note"):
        lines.append(f"  note: {profile['note']}")
    return "\n".join(lines) + "\n"


def unknown_outlet_message(profile: dict[str, Any]) -> str:
    """One sentence for an outlet no list or registry knows (saying so when the lists are missing)."""
    message = f"{profile['query']!r} is not a known outlet: no reliability list or registry entry matches it"
    note = profile.get("note") or ""
    if note.startswith("no reliability lists found"):
        message += f" ({note.split(':')[0]})"
    return message + "; try its domain (example.com) or the name as the lists spell it"
