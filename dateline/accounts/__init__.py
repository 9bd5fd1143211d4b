"""Newsroom accounts: the custom User, the Reporters and Editors groups, and the door to the admin
(second factor, sign-in throttling and its audit log, staff sessions). Knows only core."""
