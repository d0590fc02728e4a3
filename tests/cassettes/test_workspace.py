"""``status()`` and ``optimize.health()``, sync and async, replayed from cassettes."""

from __future__ import annotations

import pytest

from tests.cassettes.calls import call

pytestmark = [pytest.mark.vcr, pytest.mark.block_network]


async def test_status_names_the_workspace_behind_the_key(connect):
    client = connect.client()
    status = await call(client.status())
    assert status.workspace_name == connect.workspace
    assert status.workspace_status == "active"
    assert status.api_version


async def test_health_scores_the_workspace(connect):
    client = connect.client()
    await call(
        client.memory.store_batch(
            ["Priya owns billing.", "Priya owns billing.", "Release is due 2026-04-01."]
        )
    )
    health = await call(client.optimize.health())
    assert 0 <= health.quality_score <= 100
    assert health.signals.total_memories == 2
    assert health.signals.duplicates_prevented == 1
    assert 0.0 <= health.signals.categorized_ratio <= 1.0
