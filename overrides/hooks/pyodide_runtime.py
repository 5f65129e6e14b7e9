"""Placeholder: copies the Pyodide runtime into the site (filled by the self-check work)."""
