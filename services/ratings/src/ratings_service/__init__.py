"""Ratings service."""
