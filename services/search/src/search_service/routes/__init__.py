"""HTTP routes of the search service, one module per resource."""
