"""Mnemexa reference server."""
