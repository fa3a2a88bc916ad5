"""HTTP routes of the geolocation service, one module per resource."""
