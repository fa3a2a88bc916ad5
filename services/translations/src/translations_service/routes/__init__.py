"""HTTP routes of the translations service, one module per resource."""
