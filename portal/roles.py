"""Staff roles as data: who may do what, and the one function that makes the groups match.

Each role is a Django group holding exact model permissions, plus Wagtail page-tree and
collection permissions. `sync_roles()` creates or updates the groups idempotently; it runs
from a data migration and again after every `migrate` (post_migrate), because the
permissions of apps migrated later only exist once their own post_migrate has run.
Permissions whose models do not exist (yet) are skipped silently, so the matrix can name
models that other apps add later.
"""

import logging
from dataclasses import dataclass

from django.db import transaction
from wagtail.models import Site

from portal.models import SiteSettings

EDITOR = "Editor"
COORDINATOR = "Coordinator"
FIRST_CONTACT = "First Contact"
CARERS_CENTRE = "Carers Centre"
PARTNER = "Partner"
PROVIDER = "Provider"
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
    "referrals.access_partner_queue",
    "referrals.view_referralauditentry",
)

ALL_PERMISSIONS = "__all__"

logger = logging.getLogger(__name__)

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
    is_staff_role: bool = True  # offered when an Administrator invites staff

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
            "Writes and publishes advice and carers' pages, and the words around the checks.",
            permissions=(
                "wagtailadmin.access_admin",
                "directory.view_service",
                "directory.view_organisation",
                "portal.view_servicefeedback",
                "checks.change_checktexts",  # Settings → Check texts (#24 item 7)
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
                "directory.view_source",  # Directory → Sources: runs and withdrawn listings
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
                "referrals.access_partner_queue",
                "directory.view_service",
                "directory.view_organisation",
            ),
        ),
        Role(
            PARTNER,
            "Staff of a partner organisation: accepts or declines the referrals passed to it "
            "(only those; membership is set on the partner).",
            permissions=(
                "wagtailadmin.access_admin",
                "referrals.view_referral",
                "referrals.change_referral",
                "referrals.access_partner_queue",
            ),
        ),
        Role(
            PROVIDER,
            "People who run a service: keep their own organisation's listings up to date "
            "through the provider pages (no admin; membership is per organisation, and every "
            "change waits for a coordinator).",
            is_staff_role=False,
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
    """(value, label) pairs for the staff invitation's role field, in the matrix's order
    (providers join through a claim or a coordinator's invitation instead)."""
    return [(name, f"{name}: {role.purpose}") for name, role in ROLES.items() if role.is_staff_role]


def user_requires_mfa(user) -> bool:
    """Whether this user must have an authenticator app: superusers, anyone holding a
    permission that reveals referrals (PERSONAL_DATA_PERMISSIONS), and, when the site setting
    "Require MFA for all staff" is on, everyone who can use the admin."""
    if not getattr(user, "is_authenticated", False):
        return False
    if can_see_personal_data(user):
        return True
    return user.has_perm("wagtailadmin.access_admin") and all_staff_require_mfa()


def can_see_personal_data(user) -> bool:
    """Whether this user can see referrals: a superuser, or anyone holding a permission in
    PERSONAL_DATA_PERMISSIONS (through any group or directly). They must use MFA, and every
    sign-in asks for their code (no "remember this device")."""
    if not getattr(user, "is_authenticated", False):
        return False
    # has_perm reads all of the user's permissions once and caches them on the user.
    return user.is_superuser or any(
        user.has_perm(permission) for permission in PERSONAL_DATA_PERMISSIONS
    )


def all_staff_require_mfa() -> bool:
    """The default site's "Require MFA for all staff" setting, read through the site cache.
    With the cache down it is read from the database, so a cache outage neither breaks the
    admin nor lets anyone skip MFA."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return False
    try:
        site_settings = SiteSettings.for_site(site)
    except Exception:  # noqa: BLE001 - any cache backend error: ask the database instead
        logger.warning("Site settings cache unavailable; read MFA setting from the database")
        site_settings = SiteSettings.uncached_for_site(site)
    return site_settings.require_mfa_for_all_staff


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


@dataclass(frozen=True)
class _Wanted:
    """What one role's group must hold: model permissions, page and collection grants."""

    permissions: tuple
    pages: frozenset[tuple[int, int]]
    collections: frozenset[tuple[int, int]]


def sync_roles(apps=None, report=None) -> dict[str, int]:
    """Create or update every role's group so it holds exactly the matrix's permissions.

    `apps` is a migration's app registry, or None for the live one. Each role's group is
    found by its `portal.RoleGroup` row (the group's id, not its name), so a renamed role
    group is named back rather than left holding its permissions beside a new one (see
    `_role_groups`). Each such repair is logged as a warning and passed to `report` (a
    callable taking one line), if given. Returns the number of model permissions each group
    now has.
    """
    if apps is None:
        from django.apps import apps
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    page_grant = apps.get_model("wagtailcore", "GroupPagePermission")
    collection_grant = apps.get_model("wagtailcore", "GroupCollectionPermission")
    try:
        link_model = apps.get_model("portal", "RoleGroup")
    except LookupError:  # an older migration's registry: groups are found by name
        link_model = None

    wanted = {role.name: _wanted(role, apps, permission_model) for role in ROLES.values()}

    def holds_exactly(role_name, group) -> bool:
        role = wanted[role_name]
        return bool(role.permissions) and (
            {permission.pk for permission in role.permissions}
            == set(group.permissions.values_list("pk", flat=True))
            and _grants(page_grant, group, "page_id") == role.pages
            and _grants(collection_grant, group, "collection_id") == role.collections
        )

    def repaired(line: str) -> None:
        logger.warning("Staff roles repaired: %s", line)
        if report is not None:
            report(line)

    counts = {}
    with transaction.atomic():  # all or nothing: never a group left half renamed
        groups = _role_groups(group_model, link_model, holds_exactly, repaired)
        for name, group in groups.items():
            role = wanted[name]
            group.permissions.set(role.permissions)
            counts[name] = len(role.permissions)
            _sync_grants(page_grant, group, "page_id", role.pages)
            _sync_grants(collection_grant, group, "collection_id", role.collections)
    return counts


def _wanted(role: Role, apps, permission_model) -> _Wanted:
    if role.permissions == ALL_PERMISSIONS:
        permissions = list(permission_model.objects.all())
    else:
        permissions = _find_permissions(permission_model, role.permissions)

    page_model = apps.get_model("wagtailcore", "Page")
    if role.name == EDITOR:
        pages = _editor_page_roots(apps, page_model, apps.get_model("wagtailcore", "Site"))
    elif role.page_permissions:
        pages = list(page_model.objects.filter(depth=1))  # the whole tree
    else:
        pages = []
    page_permissions = _find_permissions(
        permission_model, [f"wagtailcore.{name}" for name in role.page_permissions]
    )
    root_collection = apps.get_model("wagtailcore", "Collection").objects.filter(depth=1).first()
    collection_permissions = (
        _find_permissions(permission_model, role.collection_permissions) if root_collection else []
    )
    return _Wanted(
        permissions=tuple(permissions),
        pages=frozenset(
            (page.pk, permission.pk) for page in pages for permission in page_permissions
        ),
        collections=frozenset(
            (root_collection.pk, permission.pk) for permission in collection_permissions
        ),
    )


def _role_groups(group_model, link_model, holds_exactly, report) -> dict:
    """Each role's group, named as the role, with any copy of it merged in.

    - A role with a RoleGroup row keeps that group, named back if it was renamed; another
      group that has since taken the role's name is a copy.
    - A role without one (the first sync since RoleGroup exists, or a new role) takes the
      group with its name. A group under another name holding exactly the role's permissions
      and grants is a role group renamed before RoleGroup existed (sync then made a fresh
      one beside it): a copy, or the role's group if none has the role's name.
    A copy's members join the role's group (keeping their access through it) and the copy is
    deleted. Without RoleGroup (an older migration's registry), groups are found by name.
    """
    if link_model is None:
        return {name: group_model.objects.get_or_create(name=name)[0] for name in ROLES}

    link_model.objects.exclude(role__in=list(ROLES)).delete()  # roles no longer defined
    groups = {link.role: link.group for link in link_model.objects.select_related("group")}
    taken = {group.pk for group in groups.values()}
    copies: dict[str, list] = {name: [] for name in ROLES}
    new_links = []
    for name in ROLES:
        named = group_model.objects.filter(name=name).exclude(pk__in=taken).first()
        if name in groups:
            if named is not None:
                copies[name].append(named)
                taken.add(named.pk)
            continue
        candidates = [
            group
            for group in group_model.objects.exclude(name__in=list(ROLES))
            .exclude(pk__in=taken)
            .order_by("pk")
            if holds_exactly(name, group)
        ]
        group = named or (candidates.pop(0) if candidates else None)
        copies[name].extend(candidates)
        taken.update(candidate.pk for candidate in candidates)
        if group is not None:
            groups[name] = group
            taken.add(group.pk)
            new_links.append(name)

    for name, role_copies in copies.items():
        for copy in role_copies:
            members = list(copy.user_set.all())
            groups[name].user_set.add(*members)
            copy_name = copy.name
            copy.delete()
            report(
                f'{name}: merged the group "{copy_name}" (a copy of this role) into it; its '
                f"{len(members)} member(s) keep their access through it"
            )

    # Name groups back in two steps, so two swapped names cannot collide.
    renamed = {name: group.name for name, group in groups.items() if group.name != name}
    for name in renamed:
        groups[name].name = f"{name} (being renamed {groups[name].pk})"
        groups[name].save(update_fields=["name"])
    for name, old_name in renamed.items():
        groups[name].name = name
        groups[name].save(update_fields=["name"])
        report(f'{name}: the role\'s group had been renamed "{old_name}"; named it back')

    for name in ROLES:
        if name not in groups:
            groups[name] = group_model.objects.create(name=name)
            new_links.append(name)
    link_model.objects.bulk_create(
        [link_model(role=name, group=groups[name]) for name in new_links]
    )
    return {name: groups[name] for name in ROLES}


def _grants(grant_model, group, object_field: str) -> frozenset[tuple[int, int]]:
    return frozenset(
        grant_model.objects.filter(group=group).values_list(object_field, "permission_id")
    )


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
