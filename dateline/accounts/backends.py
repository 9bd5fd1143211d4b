from axes.backends import AxesStandaloneBackend


class SignInThrottleBackend(AxesStandaloneBackend):
    """django-axes' lock-out for sign-ins that arrive with a request (the admin's forms).

    django-axes refuses a password check without a request; checks made outside a request (the
    shell, management commands, tests) are not a door anyone can knock on, so they pass through to
    the next backend unthrottled instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
