"""The shared HTTP client: httpx's API over aiohttp's connection handling.

The httpx-aiohttp transport keeps the httpx API and sends through an `aiohttp.ClientSession`.
With 16 concurrent callers against a local uvicorn server on a shared 2-core machine,
`benchmarks/transport_benchmark.py` measured about 500 requests/s for plain `httpx.AsyncClient`,
3,100 to 3,500 for httpx over httpx-aiohttp and 9,000 to 12,600 for raw aiohttp
(records in `benchmarks/README.md`).
"""

from __future__ import annotations

import httpx
from httpx_aiohttp import AiohttpTransport

from resilient_client.config import HttpConfig


def build_http_client(config: HttpConfig) -> httpx.AsyncClient:
    """Create the AsyncClient that every bucket shares.

    httpx timeouts are off (`timeout=None`) because each bucket's deadline covers the whole call
    with asyncio.timeout. httpx-aiohttp 0.2 passes `max_connections` to aiohttp's connector as
    `limit` and `keepalive_expiry` as its keep-alive timeout; it ignores
    `max_keepalive_connections`.
    """
    limits = httpx.Limits(
        max_connections=config.max_connections,
        max_keepalive_connections=config.max_connections,
        keepalive_expiry=config.keepalive_expiry_seconds,
    )
    return httpx.AsyncClient(transport=AiohttpTransport(limits=limits), timeout=None)
