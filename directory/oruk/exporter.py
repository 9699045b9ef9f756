"""Write every published service as HSDS-UK 3.0 JSON (the shape import_oruk reads back)."""

import json

from django.utils import timezone

from directory.models import Taxonomy
from directory.oruk import serialisers

BATCH = 500


def export_document() -> dict:
    """{"version", "exported_at", "taxonomies": [...with terms], "services": [...full services]}."""
    services = serialisers.service_queryset().order_by("name", "id")
    taxonomies = Taxonomy.objects.prefetch_related("terms").order_by("name")
    return {
        "version": serialisers.VERSION,
        "profile": serialisers.PROFILE,
        "exported_at": timezone.now().isoformat(),
        "taxonomies": [
            serialisers.taxonomy_dict(taxonomy, sorted(taxonomy.terms.all(), key=lambda t: t.name))
            for taxonomy in taxonomies
        ],
        "services": [serialisers.service_dict(s) for s in services.iterator(chunk_size=BATCH)],
    }


def write_export(stream) -> int:
    """Write the export to a text stream; returns how many services it holds."""
    document = export_document()
    json.dump(document, stream, ensure_ascii=False, indent=1)
    stream.write("\n")
    return len(document["services"])
