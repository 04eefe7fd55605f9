"""Measurements of the project against labelled documents."""
