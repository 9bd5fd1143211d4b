"""Newsroom accounts: the custom User and the Reporters and Editors groups. Knows only core."""
