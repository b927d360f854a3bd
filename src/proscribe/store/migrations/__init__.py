"""Alembic migrations of the store, shipped inside the package and run by `Store.open`.

A package (not a bare folder) so that setuptools installs the revision files with proscribe.
"""
