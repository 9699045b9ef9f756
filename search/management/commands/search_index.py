"""`manage.py search_index --rebuild [--backend database|elasticsearch]`: rebuild the search index.
`manage.py search_index --check`: say whether the database index is in step with the live
listings (live ones missing, withdrawn ones still there, the vocabulary's total); exits with
status 1 when it is not, so a scheduler or a deployment can alert on it.

The database backend rebuilds its tables in one transaction (searches see the old index until
it commits); Elasticsearch builds a new index and swaps the alias, so there is no downtime.
The indexes of the site-search sections other apps register (portal.sections: the advice
pages, for one), which the results page also reads, are rebuilt too.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from directory.models import Service
from portal import sections
from search.backends import database_backend, get_backend


class Command(BaseCommand):
    help = "Rebuild the public search index from live services."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="Rebuild the whole index.")
        parser.add_argument(
            "--backend",
            choices=["database", "elasticsearch"],
            help="Which backend to rebuild (default: settings.SEARCH_BACKEND).",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Report live listings missing from the database index and entries no longer live.",
        )
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, *args, rebuild=False, check=False, backend=None, no_progress=False, **options):
        if check:
            self.check_index()
            return
        if not rebuild:
            raise CommandError("Nothing to do: pass --rebuild or --check.")
        search_backend = get_backend(backend)
        total = Service.objects.live().count()
        started = time.perf_counter()
        with tqdm(
            total=total,
            unit="services",
            desc=f"Indexing ({search_backend.name})",
            disable=no_progress or options.get("verbosity", 1) == 0,
            file=self.stderr,
        ) as bar:
            count = search_backend.rebuild(progress=bar.update)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {count} live services with the {search_backend.name} backend in {elapsed:.1f}s."
            )
        )
        for section in sections.registered():
            if section.rebuild is not None:
                count = section.rebuild()
                self.stdout.write(self.style.SUCCESS(f"Indexed {count} {section.counted_as}."))

    def check_index(self) -> None:
        found = database_backend().differences()
        recorded, entries = found["total"]
        problems = []
        if found["missing"]:
            problems.append(f"{len(found['missing'])} live listings missing from the index")
        if found["stale"]:
            problems.append(f"{len(found['stale'])} entries for listings no longer live")
        if recorded != entries:
            problems.append(f"the vocabulary counts {recorded} listings, the index has {entries}")
        if problems:
            # Service ids only (no names): enough to reindex them, nothing personal.
            for label in ("missing", "stale"):
                if found[label]:
                    self.stderr.write(f"{label}: " + " ".join(map(str, found[label][:50])))
            raise CommandError(
                "Search index out of step: " + "; ".join(problems) + ". Run search_index --rebuild."
            )
        self.stdout.write(self.style.SUCCESS(f"Search index in step: {entries} live listings."))
