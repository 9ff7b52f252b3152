"""Scripted question sets run against the same `qa` API a Python user calls."""
