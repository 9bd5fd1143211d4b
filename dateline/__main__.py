import sys

from dateline.cli import main

# Django names the program after argv[0]; "__main__.py" would make its help say "python -m django".
main(["python -m dateline", *sys.argv[1:]])
