"""Placeholder: writes the Content-Security-Policy meta tag (filled by the quality-gates work)."""
