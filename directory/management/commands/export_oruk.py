"""manage.py export_oruk [--output FILE]: all published services as HSDS-UK 3.0 JSON."""

from django.core.management.base import BaseCommand, CommandError

from directory.oruk.exporter import write_export


class Command(BaseCommand):
    help = "Write every published service as Open Referral UK (HSDS-UK 3.0) JSON."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="File to write (default: standard output).")

    def handle(self, *args, output=None, **options):
        if not output:
            count = write_export(self.stdout)
            return
        try:
            with open(output, "w", encoding="utf-8") as stream:
                count = write_export(stream)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror or error}") from error
        self.stderr.write(f"Exported {count} services to {output}.")
