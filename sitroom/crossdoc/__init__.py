"""sitroom.crossdoc"""
