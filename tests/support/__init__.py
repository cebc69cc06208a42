"""Test support: writers for real-format weight files and builders for model snapshots on disk."""
