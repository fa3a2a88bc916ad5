"""Translations service."""
