"""Offline extraction: documents in raw.documents → annotations in raw.ann_*."""
