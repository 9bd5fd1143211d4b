"""Steps the admin's browser tests share: signing in, and waiting for an asynchronous save."""

from playwright.sync_api import expect

from tests.conftest import STAFF_PASSWORD


def submit_sign_in(page, base_url, username, password=STAFF_PASSWORD):
    """Fill and send Wagtail's sign-in form; what comes next (the admin, a second factor) is the caller's."""
    page.goto(base_url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def sign_in(page, base_url, username):
    """Sign in with the password alone (the second factor off) and wait for the admin's first page."""
    submit_sign_in(page, base_url, username)
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def wait_until(page, condition, seconds=10):
    """Poll the database while the browser finishes an asynchronous save."""
    for _ in range(seconds * 10):
        if condition():
            return
        page.wait_for_timeout(100)
    raise AssertionError("the admin did not save in time")
