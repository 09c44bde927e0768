"""sitroom.serve: the web app (JSON API under /api and server-rendered pages).

    from sitroom.serve import create_app
    app = create_app("sitroom.db", settings)
"""
from .app import create_app

__all__ = ["create_app"]
