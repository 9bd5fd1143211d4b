from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A member of the newsroom who signs in to the admin (readers need no account)."""

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
