"""Page routers, one module per page group."""
