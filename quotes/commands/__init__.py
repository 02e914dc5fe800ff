"""One module per ``quotes`` subcommand; each has ``register(subparsers)`` and its ``run(args) -> int``."""
