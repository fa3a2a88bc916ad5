"""HTTP routes of the ratings service, one module per resource."""
