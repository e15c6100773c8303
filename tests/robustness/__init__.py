"""Hostile and broken inputs, properties and crash safety (see README.md)."""
