"""Benchmarks behind ``make bench``: SDK, import, server, index and load figures as ratios.

Run everything with ``python -m bench`` (``--help`` for options); each module's docstring says
what it measures and how.
"""
