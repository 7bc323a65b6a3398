"""A sample domain for the imports app's own tests and benchmark: one accounted-for importer of simple lines.

Installed only by config.test_settings (the tests and `make bench`), never in a running platform.
"""
