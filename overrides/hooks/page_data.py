"""Placeholder: renders pages from data (filled by the site work)."""
