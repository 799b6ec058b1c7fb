"""Measurements run from a checkout against data outside it (never shipped, never in CI)."""
