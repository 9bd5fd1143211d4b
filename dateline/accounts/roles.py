"""The newsroom's two roles, kept in step with the models after every migrate.

Reporters write and submit drafts for review; Editors also publish, unpublish, delete and moderate.
Permissions of higher apps are named by app label and codename, so this room imports none of them.
Wagtail checks photo and document rights per collection (against wagtailimages.Image and
wagtaildocs.Document, whatever the image model), so those are granted on the root collection.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.management import create_contenttypes
from django.db import transaction

REPORTERS = "Reporters"
EDITORS = "Editors"
# What Wagtail's own migrations create; Dateline's two roles replace them.
STOCK_MODERATORS = "Moderators"
STOCK_WORKFLOW = "Moderators approval"

# (app_label, codename) pairs; ones whose model is not installed are skipped.
REPORTER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("news", "add_person"),
    ("news", "change_person"),
    ("news", "view_person"),
    ("audio", "add_audio"),
    ("audio", "change_audio"),
    ("audio", "view_audio"),
    ("comments", "view_comment"),
    # The wire queue: read it and "Use this" (which moves a wire draft under a section).
    ("ingest", "view_wireitem"),
    ("ingest", "change_wireitem"),
    # Newsletters: compose, preview and test an issue; sending to readers is the Editors'.
    ("newsletters", "view_newsletter"),
    ("newsletters", "view_issue"),
    ("newsletters", "add_issue"),
    ("newsletters", "change_issue"),
    # "Translate" on pages and people (Wagtail's simple translation): the copy is a draft that goes
    # through the same review as any story.
    ("simple_translation", "submit_translation"),
]
EDITOR_PERMISSIONS = REPORTER_PERMISSIONS + [
    ("news", "delete_person"),
    ("audio", "delete_audio"),
    ("comments", "change_comment"),
    ("comments", "delete_comment"),
    ("comments", "moderate_comment"),
    ("comments", "view_ban"),
    ("comments", "add_ban"),
    ("comments", "change_ban"),
    ("comments", "delete_ban"),
    ("comments", "view_commentclosure"),
    ("comments", "add_commentclosure"),
    ("comments", "delete_commentclosure"),
    ("comments", "change_commentsettings"),
    ("wagtailredirects", "add_redirect"),
    ("wagtailredirects", "change_redirect"),
    ("wagtailredirects", "delete_redirect"),
    ("core", "change_newsroomsettings"),
    ("home", "change_breakingnewsbanner"),
    ("ingest", "view_source"),
    ("newsletters", "send_issue"),
    ("newsletters", "delete_issue"),
    ("newsletters", "add_newsletter"),
    ("newsletters", "change_newsletter"),
]
# Granted on the root collection. "add" lets Reporters upload and then edit their own photos and
# documents; "change" (anyone's, deleting included) is the Editors'.
REPORTER_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]
EDITOR_COLLECTION_PERMISSIONS = REPORTER_COLLECTION_PERMISSIONS + [
    ("wagtailimages", "change_image"),
    ("wagtailimages", "delete_image"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "delete_document"),
]
# Reporters write and edit drafts; without publish_page, Wagtail offers them "Submit for review".
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
    from wagtail.models import (
        Collection,
        GroupApprovalTask,
        GroupCollectionPermission,
        GroupPagePermission,
        Page,
        Workflow,
        WorkflowPage,
        WorkflowTask,
    )

    reporters, _ = Group.objects.get_or_create(name=REPORTERS)
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    reporters.permissions.add(*_permissions(REPORTER_PERMISSIONS))
    editors.permissions.add(*_permissions(EDITOR_PERMISSIONS))

    collection = Collection.get_first_root_node()
    if collection is not None:
        for group, pairs in (
            (reporters, REPORTER_COLLECTION_PERMISSIONS),
            (editors, EDITOR_COLLECTION_PERMISSIONS),
        ):
            for permission in _permissions(pairs):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collection, permission=permission
                )

    root = Page.get_first_root_node()
    if root is not None:
        for group, codenames in ((reporters, REPORTER_PAGE_PERMISSIONS), (editors, EDITOR_PAGE_PERMISSIONS)):
            for permission in Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames):
                GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
        # Reporters submit for review; the review is the Editors' to approve.
        task, _ = GroupApprovalTask.objects.get_or_create(name="Editors' review")
        task.groups.set([editors])
        workflow, _ = Workflow.objects.get_or_create(name="Newsroom review")
        # Workflow is a ClusterableModel: its related manager would only keep the task in memory.
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
        # Replace Wagtail's stock "Moderators approval" on the root, never a workflow an editor chose.
        current = WorkflowPage.objects.filter(page=root).select_related("workflow").first()
        if current is None or current.workflow.name == STOCK_WORKFLOW:
            WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    _retire_stock_moderators()
    return reporters, editors


def _retire_stock_moderators() -> None:
    """Remove Wagtail's stock "Moderators" group while nobody is in it: Editors hold that role here.

    Its "Moderators approval" workflow is switched off once no page uses it; a newsroom that put
    people in the group or pages under the workflow keeps both.
    """
    from wagtail.models import Workflow

    Group.objects.filter(name=STOCK_MODERATORS, user__isnull=True).delete()
    unused = Workflow.objects.filter(
        name=STOCK_WORKFLOW, active=True, workflow_pages__isnull=True, workflow_content_types__isnull=True
    )
    Workflow.objects.filter(pk__in=list(unused.values_list("pk", flat=True))).update(active=False)


def ensure_newsroom_groups_after_migrate(sender, using="default", **kwargs):
    # post_migrate is sent app by app; make sure every app's permissions exist before linking them.
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0, using=using)
        create_permissions(app_config, verbosity=0, using=using)
    ensure_newsroom_groups()
