"""Attacks run from outside against gunicorn with production settings (test_from_outside.py).

May import the project and tests.load; nothing imports this package.
"""
