"""Evaluation harness: own gold (regression), blind real-text gold, PolNeAR, the mart audit."""
