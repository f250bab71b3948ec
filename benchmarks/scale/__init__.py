"""Synthetic province and nation data for the benchmarks and ``generate_scale``, reproducible by seed.

Imports ``conferences`` and ``reporting`` models; nothing in the apps imports this package.
"""
