from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Directory"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import published

        from directory.models import ListingReviewPolicy, Service
        from directory.oruk import paging
        from directory.reviews import back_from_needs_checking
        from portal import sitecache

        # Before search's handler (search is installed after directory): the index reads the
        # listing's review date as this leaves it.
        published.connect(
            back_from_needs_checking, sender=Service, dispatch_uid="directory_back_from_checking"
        )
        sitecache.connect(ListingReviewPolicy)
        paging.connect()
