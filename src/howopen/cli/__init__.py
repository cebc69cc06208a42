"""The command-line interface: one module per command, all thin shells over the library."""
