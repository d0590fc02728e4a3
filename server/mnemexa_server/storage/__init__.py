"""Storage shared by every resource: the SQLite database, named migrations, server settings.

Each resource keeps its own store next to its service (``resources/<name>/``).
"""
