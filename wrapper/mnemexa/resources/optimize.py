"""``client.optimize``: workspace quality."""

from __future__ import annotations

from typing import TYPE_CHECKING

from typing_extensions import Unpack

from .._operation import Call, ModeT, RequestOptions, Resource, operation

if TYPE_CHECKING:
    from mnemexa_api.models import OptimizeHealthResponse


class OptimizeResource(Resource[ModeT]):
    """Workspace quality signals."""

    @operation
    def health(self, **options: Unpack[RequestOptions]) -> Call[OptimizeHealthResponse]:
        """The workspace's 0-100 quality score and the signals it is computed from."""
        from mnemexa_api.api.optimize import get_health

        return Call(get_health, options)
