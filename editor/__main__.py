"""`python -m editor` does what `postdesk` does."""

import sys

from editor.cli import main

sys.exit(main())
