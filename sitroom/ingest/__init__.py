"""sitroom.ingest"""
