"""The newsroom's two roles, kept in step with the models after every migrate.

Reporters write and submit drafts for review; Editors also publish, unpublish, delete and moderate.
Permissions of higher apps are named by app label and codename, so this room imports none of them.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.management import create_contenttypes
from django.db import transaction

REPORTERS = "Reporters"
EDITORS = "Editors"

# (app_label, codename) pairs; ones whose model is not installed are skipped.
REPORTER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("photos", "add_photo"),
    ("photos", "change_photo"),
    ("photos", "choose_photo"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("news", "add_person"),
    ("news", "change_person"),
    ("news", "view_person"),
    ("comments", "view_comment"),
]
EDITOR_PERMISSIONS = REPORTER_PERMISSIONS + [
    ("photos", "delete_photo"),
    ("wagtaildocs", "delete_document"),
    ("news", "delete_person"),
    ("comments", "change_comment"),
    ("comments", "delete_comment"),
    ("comments", "moderate_comment"),
    ("comments", "view_ban"),
    ("comments", "add_ban"),
    ("comments", "change_ban"),
    ("comments", "delete_ban"),
    ("wagtailredirects", "add_redirect"),
    ("wagtailredirects", "change_redirect"),
    ("wagtailredirects", "delete_redirect"),
    ("core", "change_newsroomsettings"),
]
REPORTER_PAGE_PERMISSIONS = ["add_page", "change_page"]
EDITOR_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
    "bulk_delete_page",
]


def _permissions(pairs):
    wanted = Permission.objects.none()
    for app_label, codename in pairs:
        wanted = wanted | Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return list(wanted)


@transaction.atomic
def ensure_newsroom_groups() -> tuple[Group, Group]:
    """Create or refresh the Reporters and Editors groups and make Editors the review step.

    Safe to run any number of times; returns (reporters, editors).
    """
    from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, Workflow, WorkflowPage

    reporters, _ = Group.objects.get_or_create(name=REPORTERS)
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    reporters.permissions.add(*_permissions(REPORTER_PERMISSIONS))
    editors.permissions.add(*_permissions(EDITOR_PERMISSIONS))

    root = Page.get_first_root_node()
    if root is not None:
        for group, codenames in ((reporters, REPORTER_PAGE_PERMISSIONS), (editors, EDITOR_PAGE_PERMISSIONS)):
            for permission in Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames):
                GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
        # Reporters submit for review; the review is the Editors' to approve.
        task, _ = GroupApprovalTask.objects.get_or_create(name="Editors' review")
        task.groups.set([editors])
        workflow, _ = Workflow.objects.get_or_create(name="Newsroom review")
        if not workflow.workflow_tasks.exists():
            workflow.workflow_tasks.create(task=task, sort_order=0)
        # Replace Wagtail's stock "Moderators approval" on the root, never a workflow an editor chose.
        current = WorkflowPage.objects.filter(page=root).select_related("workflow").first()
        if current is None or current.workflow.name == "Moderators approval":
            WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return reporters, editors


def ensure_newsroom_groups_after_migrate(sender, using="default", **kwargs):
    # post_migrate is sent app by app; make sure every app's permissions exist before linking them.
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0, using=using)
        create_permissions(app_config, verbosity=0, using=using)
    ensure_newsroom_groups()
