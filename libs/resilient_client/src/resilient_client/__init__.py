"""Resilient HTTP client."""
