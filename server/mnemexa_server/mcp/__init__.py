"""``mnemexa mcp``: the Mnemexa tools for agents, served over the Model Context Protocol.

An MCP server on the official ``mcp`` SDK that offers the operations ``openapi.yaml`` marks
``x-agent-tool`` (``brain.remember``, ``brain.recall``, ...) and runs each call through the
``mnemexa`` SDK against a Mnemexa server, with the agent, user and session scopes that its
configuration fixes. It ships with mnemexa-server as the ``mcp`` extra
(``pip install './server[mcp]'``, Python 3.10+).

The adapter is a client of the API like any other: it imports the ``mnemexa`` SDK and ``mcp``,
never the server's storage or app (a test holds it to that), so it runs just as well against
a remote server.

- ``config``: flags and environment variables.
- ``tools``: the tools from ``describe()``, and each call through ``run_tool``.
- ``errors``: SDK errors as MCP tool errors, and the API key kept out of every text.
- ``transport``: stdio and streamable HTTP.
- ``command``: the ``mnemexa mcp`` entry point.
"""
