"""Photos: the image model with credit and default caption, its renditions and image blocks. Knows only core."""
