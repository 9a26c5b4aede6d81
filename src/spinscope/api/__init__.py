"""The HTTP API (``spinscope serve``): FastAPI app factory and its limits. Needs the ``server`` extra."""

from spinscope.api.app import create_app
from spinscope.api.limits import ApiLimits

__all__ = ["ApiLimits", "create_app"]
