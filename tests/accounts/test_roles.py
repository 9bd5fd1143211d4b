"""The newsroom's two roles after migrate: Reporters write and submit, Editors publish."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Collection, Workflow
from wagtail.permissions import policy_registry

from dateline.accounts.roles import ensure_newsroom_groups
from dateline.photos.models import Photo
from tests.news.factories import ArticlePageFactory
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db


def test_reporters_and_editors_exist_after_migrate(db):
    assert set(Group.objects.values_list("name", flat=True)) >= {"Reporters", "Editors"}


def test_wagtails_unused_moderators_group_is_retired(db):
    assert not Group.objects.filter(name="Moderators").exists()
    assert not Workflow.objects.filter(name="Moderators approval", active=True).exists()


def test_no_account_exists_outside_the_demo(db):
    assert get_user_model().objects.count() == 0


def test_both_roles_may_enter_the_admin(reporter, editor):
    assert reporter.has_perm("wagtailadmin.access_admin")
    assert editor.has_perm("wagtailadmin.access_admin")


def test_reporter_can_write_and_edit_drafts(reporter, section):
    article = ArticlePageFactory(parent=section)
    assert section.permissions_for_user(reporter).can_add_subpage()
    assert article.permissions_for_user(reporter).can_edit()


def test_reporter_cannot_publish_or_unpublish(reporter, section):
    article = ArticlePageFactory(parent=section)
    permissions = article.permissions_for_user(reporter)
    assert not permissions.can_publish()
    assert not permissions.can_unpublish()
    assert not section.permissions_for_user(reporter).can_publish_subpage()


def test_reporter_submits_for_review(reporter, section):
    article = ArticlePageFactory(parent=section)
    assert article.permissions_for_user(reporter).can_submit_for_moderation()


def test_editor_can_publish_and_unpublish(editor, section):
    article = ArticlePageFactory(parent=section)
    permissions = article.permissions_for_user(editor)
    assert permissions.can_edit()
    assert permissions.can_publish()
    assert permissions.can_unpublish()


def test_review_goes_to_the_editors(section):
    article = ArticlePageFactory(parent=section)
    workflow = article.get_workflow()
    assert workflow.name == "Newsroom review"
    (task,) = [task.specific for task in workflow.tasks]
    assert list(task.groups.values_list("name", flat=True)) == ["Editors"]


def test_a_submitted_draft_waits_for_an_editor(reporter, editor, section):
    article = ArticlePageFactory(parent=section)
    article.save_revision(user=reporter)
    state = article.get_workflow().start(article, reporter)
    task_state = state.current_task_state
    assert task_state.task.specific.user_can_access_editor(article, editor)
    assert [action for action, *_ in task_state.task.specific.get_actions(article, editor)] == [
        "reject",
        "approve",
        "approve",
    ]
    assert task_state.task.specific.get_actions(article, reporter) == []


def test_both_roles_may_upload_and_choose_photos(reporter, editor):
    policy = policy_registry.get_by_type(Photo)
    for user in (reporter, editor):
        assert policy.user_has_permission(user, "add")
        assert policy.user_has_permission(user, "choose")


def test_only_editors_may_change_or_delete_other_peoples_photos(reporter, editor):
    photo = PhotoFactory(collection=Collection.get_first_root_node())
    policy = policy_registry.get_by_type(Photo)
    for action in ("change", "delete"):
        assert not policy.user_has_permission_for_instance(reporter, action, photo)
        assert policy.user_has_permission_for_instance(editor, action, photo)


def test_reporter_may_edit_the_photos_they_uploaded(reporter):
    photo = PhotoFactory(uploaded_by_user=reporter, collection=Collection.get_first_root_node())
    assert policy_registry.get_by_type(Photo).user_has_permission_for_instance(reporter, "change", photo)


def test_both_roles_may_add_people_only_editors_delete_them(reporter, editor):
    assert reporter.has_perm("news.add_person")
    assert not reporter.has_perm("news.delete_person")
    assert editor.has_perm("news.delete_person")


def test_only_editors_change_the_newsroom_settings(reporter, editor):
    assert not reporter.has_perm("core.change_newsroomsettings")
    assert editor.has_perm("core.change_newsroomsettings")


def test_only_editors_switch_on_the_breaking_news_banner(reporter, editor):
    assert not reporter.has_perm("home.change_breakingnewsbanner")
    assert editor.has_perm("home.change_breakingnewsbanner")


def test_setting_up_the_roles_twice_changes_nothing(reporter):
    before = {group.name: set(group.permissions.values_list("pk", flat=True)) for group in Group.objects.all()}
    ensure_newsroom_groups()
    after = {group.name: set(group.permissions.values_list("pk", flat=True)) for group in Group.objects.all()}
    assert before == after
    assert Workflow.objects.filter(name="Newsroom review").count() == 1


def test_a_workflow_the_newsroom_chose_is_kept(section):
    from wagtail.models import Page, WorkflowPage

    chosen = Workflow.objects.create(name="Legal review")
    WorkflowPage.objects.filter(page=Page.get_first_root_node()).update(workflow=chosen)
    ensure_newsroom_groups()
    assert ArticlePageFactory(parent=section).get_workflow() == chosen
