"""Geolocation service."""
