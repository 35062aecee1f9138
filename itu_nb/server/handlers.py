"""The REST handlers under ``{base_url}itu-nb/api/``: authenticated, XSRF-checked, JSON in and out.

Each is a Jupyter Server :class:`~jupyter_server.base.handlers.APIHandler` whose methods carry
``@tornado.web.authenticated`` (Jupyter Server checks the XSRF token of every non-GET request
authenticated by cookie).  The work runs in one worker thread (:data:`WORKER`), so loading a large
.docx does not stall the server's other requests, and two requests never load one file at once.

Errors are JSON ``{"error": {"kind", "message"}}``: 400 for bad input (an
:class:`~itu_nb.errors.ItuNbError`, kind its class name), 403 outside the root folder, 404 missing,
413 over the loaders' size limit; anything else is logged and answered 500 without a traceback.
"""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

import tornado.web
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join

from itu_nb.errors import ItuNbError
from itu_nb.server.paths import Refused
from itu_nb.server.service import Files

__all__ = ["ROUTE", "handlers"]

#: Where the API lives under the server's base URL.
ROUTE = "itu-nb/api"
WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="itu-nb")


class _Base(APIHandler):
    """Runs a :class:`Files` operation in the worker and answers its result or a JSON error."""

    @property
    def files(self) -> Files:
        root = self.contents_manager.root_dir
        files = self.settings.get("itu_nb_files")
        if files is None or files.given != root:  # one Files (and its cache) per root folder
            files = self.settings["itu_nb_files"] = Files(root)
        return files

    def body(self) -> dict:
        """The JSON object of the request body (400 when it is not one)."""
        try:
            value = json.loads(self.request.body or b"{}")
        except ValueError as exc:
            raise Refused(400, "bad-request", f"the request body is not JSON ({exc})") from None
        if not isinstance(value, dict):
            raise Refused(400, "bad-request", "the request body must be a JSON object")
        return value

    async def answer(self, work, *args, status: int = 200) -> None:
        """Run ``work(*args)`` in the worker thread and write its result (or the error) as JSON."""
        try:
            result = await asyncio.get_running_loop().run_in_executor(WORKER, work, *args)
        except Refused as exc:
            return self._error(exc.status, exc.kind, exc.message)
        except ItuNbError as exc:
            return self._error(400, type(exc).__name__, str(exc))
        except Exception:  # a bug: the log has the traceback, the client a message
            self.log.exception("itu_nb: %s %s failed", self.request.method, self.request.path)
            return self._error(500, "internal", "itu_nb could not answer this request; the server log says why")
        self.set_status(status)
        self.finish(json.dumps(result, ensure_ascii=False))

    async def answer_body(self, work, fields) -> None:
        """Answer ``work(*fields(body))`` for the request's JSON object body (400 when it is not one)."""
        try:
            body = self.body()
        except Refused as exc:
            return self._error(exc.status, exc.kind, exc.message)
        await self.answer(work, *fields(body))

    def _error(self, status: int, kind: str, message: str) -> None:
        self.set_status(status)
        self.finish(json.dumps({"error": {"kind": kind, "message": message}}, ensure_ascii=False))


class OpenHandler(_Base):
    """``GET open?path=<rel>``: proposals, tree and review of a file."""

    @tornado.web.authenticated
    async def get(self) -> None:
        """Answer :meth:`Files.open <itu_nb.server.service.Files.open>`."""
        await self.answer(self.files.open, self.get_query_argument("path", ""))


class ProposalHandler(_Base):
    """``GET proposal?path=<rel>&key=<key>``: what the RedlineViewer syncs for one proposal."""

    @tornado.web.authenticated
    async def get(self) -> None:
        """Answer :meth:`Files.proposal_view <itu_nb.server.service.Files.proposal_view>`."""
        await self.answer(
            self.files.proposal_view, self.get_query_argument("path", ""), self.get_query_argument("key", "")
        )


class SearchHandler(_Base):
    """``GET search?path=<rel>&q=<text>``: the indices of the tree nodes that match (the tree's search)."""

    @tornado.web.authenticated
    async def get(self) -> None:
        """Answer :meth:`Files.search <itu_nb.server.service.Files.search>`."""
        await self.answer(self.files.search, self.get_query_argument("path", ""), self.get_query_argument("q", ""))


class ReviewHandler(_Base):
    """``PUT review?path=<rel>&key=<key>`` ``{"decisions": [{"id", "decision"}]}``: saved to the sidecar."""

    @tornado.web.authenticated
    async def put(self) -> None:
        """Answer :meth:`Files.decide <itu_nb.server.service.Files.decide>`."""
        path, key = self.get_query_argument("path", ""), self.get_query_argument("key", "")
        await self.answer_body(self.files.decide, lambda body: (path, key, body.get("decisions")))


class CompareHandler(_Base):
    """``POST compare`` ``{"a": <rel>, "b": <rel> | "pp18-final-acts"}``."""

    @tornado.web.authenticated
    async def post(self) -> None:
        """Answer :meth:`Files.compare <itu_nb.server.service.Files.compare>`."""
        await self.answer_body(self.files.compare, lambda body: (body.get("a"), body.get("b")))


class ExportHandler(_Base):
    """``POST export`` ``{"path": <rel>, "to": "docx"|"html"|"critic"|"akn", "review": true}``."""

    @tornado.web.authenticated
    async def post(self) -> None:
        """Answer :meth:`Files.export <itu_nb.server.service.Files.export>`."""
        await self.answer_body(
            self.files.export, lambda body: (body.get("path"), body.get("to"), body.get("review", True) is not False)
        )


class NotebookHandler(_Base):
    """``POST notebook`` ``{"path": <rel>, "key": <proposal key, optional>}``: a notebook reproducing the view."""

    @tornado.web.authenticated
    async def post(self) -> None:
        """Answer :meth:`Files.notebook <itu_nb.server.service.Files.notebook>`."""
        await self.answer_body(self.files.notebook, lambda body: (body.get("path"), body.get("key")))


def handlers(base_url: str) -> list[tuple[str, type]]:
    """The routes of the API under ``base_url``, for ``web_app.add_handlers``."""
    routes = {"open": OpenHandler, "proposal": ProposalHandler, "review": ReviewHandler, "compare": CompareHandler}
    routes |= {"search": SearchHandler, "export": ExportHandler, "notebook": NotebookHandler}
    return [(url_path_join(base_url, ROUTE, name), cls) for name, cls in routes.items()]
