"""The Jupyter Server extension: REST handlers that open, compare and export proposals.

Jupyter Server finds it through ``itu_nb._jupyter_server_extension_points`` (enabled by
``jupyter-config/server-config/itu_nb.json``, installed with the package) and calls
:func:`_load_jupyter_server_extension`, which adds the routes of :mod:`itu_nb.server.handlers`
under ``{base_url}itu-nb/api/``.  The API is described in DEVELOP.md ("REST API").
"""

from __future__ import annotations

__all__: list[str] = []


def _load_jupyter_server_extension(server_app) -> None:
    """Add the handlers to the server's web application (Jupyter Server calls this once)."""
    from itu_nb.server.handlers import ROUTE, handlers

    web_app = server_app.web_app
    web_app.add_handlers(".*$", handlers(web_app.settings["base_url"]))
    server_app.log.info("itu_nb: REST API at %s%s/", web_app.settings["base_url"], ROUTE)
