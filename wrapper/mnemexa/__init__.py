"""Mnemexa."""
