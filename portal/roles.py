"""Staff roles as data: who may do what, and the one function that makes the groups match.

Each role is a Django group holding exact model permissions, plus Wagtail page-tree and
collection permissions. `sync_roles()` creates or updates the groups idempotently; it runs
from a data migration and again after every `migrate` (post_migrate), because the
permissions of apps migrated later only exist once their own post_migrate has run.
Permissions whose models do not exist (yet) are skipped silently, so the matrix can name
models that other apps add later.
"""

from dataclasses import dataclass

EDITOR = "Editor"
COORDINATOR = "Coordinator"
FIRST_CONTACT = "First Contact"
CARERS_CENTRE = "Carers Centre"
ANALYST = "Analyst"
ADMINISTRATOR = "Administrator"

# Permissions that reveal referrals (personal and health data). Whoever holds any of them,
# through any group or directly, must use an authenticator app: MFA follows what a person can
# do, never a group's name (a renamed group keeps its permissions).
PERSONAL_DATA_PERMISSIONS = (
    "referrals.view_referral",
    "referrals.change_referral",
    "referrals.access_first_contact_queue",
    "referrals.access_carers_centre_queue",
    "referrals.view_referralauditentry",
)

ALL_PERMISSIONS = "__all__"

# Page permissions on the page tree (Administrators: the whole tree), collection permissions on the root collection.
EDITOR_PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
)
ADMINISTRATOR_PAGE_PERMISSIONS = (*EDITOR_PAGE_PERMISSIONS, "bulk_delete_page")
MEDIA_PERMISSIONS = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
)
MEDIA_ADMIN_PERMISSIONS = (
    *MEDIA_PERMISSIONS,
    "wagtailimages.delete_image",
    "wagtaildocs.delete_document",
    "wagtailcore.add_collection",
    "wagtailcore.change_collection",
    "wagtailcore.delete_collection",
)

# Page types whose subtrees Editors look after; until one exists, the site's home page.
EDITOR_PAGE_ROOTS = ("advice.AdviceIndexPage", "carers.CarersHubPage")

DIRECTORY_MODELS = ("service", "organisation", "location", "localareacoordinator")


def _directory_permissions(*actions: str, models=DIRECTORY_MODELS) -> list[str]:
    return [f"directory.{action}_{model}" for model in models for action in actions]


@dataclass(frozen=True)
class Role:
    """One staff role: its group name, what it is for, and what it may do."""

    name: str
    purpose: str
    permissions: tuple[str, ...] | str = ()
    page_permissions: tuple[str, ...] = ()
    collection_permissions: tuple[str, ...] = ()

    @property
    def requires_mfa(self) -> bool:
        """Whether its members must use an authenticator app (it can see referrals)."""
        return self.permissions == ALL_PERMISSIONS or any(
            permission in self.permissions for permission in PERSONAL_DATA_PERMISSIONS
        )


ROLES: dict[str, Role] = {
    role.name: role
    for role in (
        Role(
            EDITOR,
            "Writes and publishes advice and carers' pages.",
            permissions=(
                "wagtailadmin.access_admin",
                "directory.view_service",
                "directory.view_organisation",
            ),
            page_permissions=EDITOR_PAGE_PERMISSIONS,
            collection_permissions=MEDIA_PERMISSIONS,
        ),
        Role(
            COORDINATOR,
            "Keeps directory listings accurate and handles suggested changes.",
            permissions=(
                "wagtailadmin.access_admin",
                *_directory_permissions("add", "change", "delete", "publish", "lock", "view"),
                "directory.view_changesuggestion",
                "directory.change_changesuggestion",
                "directory.delete_changesuggestion",
                "directory.view_taxonomyterm",
            ),
            collection_permissions=MEDIA_PERMISSIONS,
        ),
        Role(
            FIRST_CONTACT,
            "Triages self-referrals in the First Contact queue.",
            permissions=(
                "wagtailadmin.access_admin",
                "referrals.view_referral",
                "referrals.change_referral",
                "referrals.access_first_contact_queue",
                "referrals.export_referral_counts",
                "directory.view_service",
                "directory.view_organisation",
            ),
        ),
        Role(
            CARERS_CENTRE,
            "Triages carers' referrals in the Carers Centre queue.",
            permissions=(
                "wagtailadmin.access_admin",
                "referrals.view_referral",
                "referrals.change_referral",
                "referrals.access_carers_centre_queue",
                "directory.view_service",
                "directory.view_organisation",
            ),
        ),
        Role(
            ANALYST,
            "Reads the search and prevention analytics (anonymous counts only).",
            permissions=(
                "wagtailadmin.access_admin",
                "search_analytics.view_analytics",
                "referrals.export_referral_counts",
            ),
        ),
        Role(
            ADMINISTRATOR,
            "Manages staff accounts and roles; can do everything.",
            permissions=ALL_PERMISSIONS,
            page_permissions=ADMINISTRATOR_PAGE_PERMISSIONS,
            collection_permissions=MEDIA_ADMIN_PERMISSIONS,
        ),
    )
}


def role_choices() -> list[tuple[str, str]]:
    """(value, label) pairs for a form's role field, in the matrix's order."""
    return [(name, f"{name}: {role.purpose}") for name, role in ROLES.items()]


def user_requires_mfa(user) -> bool:
    """Whether this user must have an authenticator app: superusers, and anyone holding a
    permission that reveals referrals (PERSONAL_DATA_PERMISSIONS)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    # has_perm reads all of the user's permissions once and caches them on the user.
    return any(user.has_perm(permission) for permission in PERSONAL_DATA_PERMISSIONS)


def user_has_mfa(user) -> bool:
    """Whether the user has activated an authenticator app (TOTP)."""
    if not getattr(user, "is_authenticated", False):
        return False
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def _split(label: str) -> tuple[str, str]:
    app_label, codename = label.split(".", 1)
    return app_label, codename


def _find_permissions(permission_model, labels) -> list:
    """The Permission rows for "app_label.codename" labels that exist; the rest are skipped."""
    wanted = [_split(label) for label in labels]
    by_key = {
        (permission.content_type.app_label, permission.codename): permission
        for permission in permission_model.objects.select_related("content_type").filter(
            codename__in=[codename for _, codename in wanted]
        )
    }
    return [by_key[key] for key in wanted if key in by_key]


def _editor_page_roots(apps, page_model, site_model) -> list:
    roots = []
    for label in EDITOR_PAGE_ROOTS:
        app_label, model_name = label.split(".")
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        roots.extend(page_model.objects.filter(pk__in=model.objects.values("pk")))
    if roots:
        return roots
    site = site_model.objects.filter(is_default_site=True).first()
    return [site.root_page] if site else []


def sync_roles(apps=None) -> dict[str, int]:
    """Create or update every role's group so it holds exactly the matrix's permissions.

    `apps` is a migration's app registry, or None for the live one. Returns the number of
    model permissions each group now has.
    """
    if apps is None:
        from django.apps import apps
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    page_model = apps.get_model("wagtailcore", "Page")
    site_model = apps.get_model("wagtailcore", "Site")
    collection_model = apps.get_model("wagtailcore", "Collection")
    page_grant = apps.get_model("wagtailcore", "GroupPagePermission")
    collection_grant = apps.get_model("wagtailcore", "GroupCollectionPermission")

    counts = {}
    for role in ROLES.values():
        group, _ = group_model.objects.get_or_create(name=role.name)
        if role.permissions == ALL_PERMISSIONS:
            permissions = list(permission_model.objects.all())
        else:
            permissions = _find_permissions(permission_model, role.permissions)
        group.permissions.set(permissions)
        counts[role.name] = len(permissions)

        if role.name == EDITOR:
            pages = _editor_page_roots(apps, page_model, site_model)
        elif role.page_permissions:
            pages = list(page_model.objects.filter(depth=1))  # the whole tree
        else:
            pages = []
        wanted_pages = {
            (page.pk, permission.pk)
            for page in pages
            for permission in _find_permissions(
                permission_model, [f"wagtailcore.{name}" for name in role.page_permissions]
            )
        }
        _sync_grants(page_grant, group, "page_id", wanted_pages)

        root_collection = collection_model.objects.filter(depth=1).first()
        wanted_collections = (
            {
                (root_collection.pk, permission.pk)
                for permission in _find_permissions(permission_model, role.collection_permissions)
            }
            if root_collection
            else set()
        )
        _sync_grants(collection_grant, group, "collection_id", wanted_collections)
    return counts


def _sync_grants(grant_model, group, object_field: str, wanted: set[tuple[int, int]]) -> None:
    """Make the group's (object, permission) grants exactly `wanted`."""
    existing = {
        (object_id, permission_id): pk
        for pk, object_id, permission_id in grant_model.objects.filter(group=group).values_list(
            "pk", object_field, "permission_id"
        )
    }
    stale = [pk for key, pk in existing.items() if key not in wanted]
    grant_model.objects.filter(pk__in=stale).delete()
    grant_model.objects.bulk_create(
        [
            grant_model(group=group, **{object_field: object_id}, permission_id=permission_id)
            for object_id, permission_id in wanted
            if (object_id, permission_id) not in existing
        ]
    )
