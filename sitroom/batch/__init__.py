"""sitroom.batch"""
