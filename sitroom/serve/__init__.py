"""sitroom.serve"""
