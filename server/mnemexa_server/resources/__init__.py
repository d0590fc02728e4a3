"""One folder per API resource: its routes, service, store and migrations."""
