"""Measuring extraction against gold data."""
