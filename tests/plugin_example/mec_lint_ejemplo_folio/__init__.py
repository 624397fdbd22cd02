"""Example mec-lint plugin (see tests/plugin_example/README.md)."""
