"""Mnemexa reference server."""

API_VERSION = "0.2.0"
"""The version of the HTTP API this server implements (``GET /v1/status``)."""
