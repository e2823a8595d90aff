"""``python -m actplot``: the same as the ``actplot`` command."""

from .cli import main

main()
