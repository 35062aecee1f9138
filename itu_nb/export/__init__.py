"""Writers: CriticMarkup, standalone HTML, Word with tracked changes, Akoma Ntoso.

Each takes a :class:`~itu_nb.model.Document`, a :class:`~itu_nb.model.Proposal` (for
instance a consolidated draft from ``accept``/``reject``) or a
:class:`~itu_nb.diff.twoway.Comparison`, and starts from the same lines
(:mod:`itu_nb.export.lines`).  The modules are imported when first used.  Every writer keeps
comments (with author and date) and highlights, and raises nothing but :class:`ExportError`,
naming the file and the problem.
"""

from __future__ import annotations

from itu_nb.errors import ExportError

__all__ = ["ExportError", "to_akn", "to_criticmarkup", "to_docx", "to_html"]


def _guarded(write, x, path, options: dict, what: str):
    """Run a writer, the cyclic garbage collector held off (:func:`~itu_nb.parsing.no_collection`: a writer makes
    many small objects and no cycle; with the collector on, its passes over the document and the growing lines took
    about a third of ``export_lines`` on 100,000 nodes); any failure but an :class:`ExportError` becomes one naming
    the file and the problem.
    """
    from itu_nb.parsing import no_collection

    try:
        with no_collection():
            return write(x, path, **options)
    except ExportError:
        raise
    except OSError as exc:
        raise ExportError(f"{path}: cannot write the {what} ({exc.strerror or exc})") from None
    except Exception as exc:  # the promise: a writer raises nothing but ExportError
        source = path if path is not None else getattr(x, "source", None) or getattr(x, "id", None) or "<export>"
        raise ExportError(f"{source}: cannot be written as {what}: {type(exc).__name__}: {exc}") from None


def to_criticmarkup(x, path=None, **options) -> str:
    """Write a Document, Proposal or Comparison as CriticMarkup; return the text.

    Parameters
    ----------
    x : Document, Proposal or Comparison
    path : str or Path, optional
        Also write the text there (UTF-8).
    **options
        ``author=``, ``date=``: only used to build a comparison's changes.  CriticMarkup has no
        author field: comments are written ``{>>@Author (date): text<<}``, and each change's author
        and date (``{++x++}{>>@Author (date)<<}``) after it whenever it has them.

    Returns
    -------
    str

    Examples
    --------
    Brazil's proposal on Resolution 130 written as CriticMarkup reads back to the same texts:

    >>> doc = itu_nb.load("examples/data/pp18-doc67-brazil.reconstructed.critic.md", author="Brazil")
    >>> text = itu_nb.to_criticmarkup(doc["B/67/4"])
    >>> print(text.splitlines()[3])
    The Plenipotentiary Conference of the International Telecommunication Union ({--Busan, 2014--}{>>@Brazil<<}{++Dubai, 2018++}{>>@Brazil<<}),
    >>> again = itu_nb.load(text)["B/67/4"]                  # each change's author is in the file
    >>> [again.text(view) == doc["B/67/4"].text(view) for view in ("original", "amended")]
    [True, True]
    >>> {c.author for c in again.changes}
    {'Brazil'}
    """
    from itu_nb.export.critic import to_criticmarkup

    return _guarded(to_criticmarkup, x, path, options, "CriticMarkup")


def to_html(x, path=None, **options) -> str:
    """Write a Document, Proposal or Comparison as one standalone HTML page; return the HTML.

    The page needs nothing else (styles inline, no scripts from the network): open it in any
    browser, offline.

    Parameters
    ----------
    x : Document, Proposal or Comparison
    path : str or Path, optional
        Also write the page there (UTF-8).
    **options
        ``title=``: the page title (default: the document's title or file name);
        ``author=``, ``date=``: for a comparison, given to the changes that carry none.

    Returns
    -------
    str

    Examples
    --------
    >>> doc = itu_nb.load("examples/data/pp18-doc67-brazil.reconstructed.critic.md", author="Brazil")
    >>> html = itu_nb.to_html(doc["B/67/4"], "B-67-4.html")
    >>> 'title="inserted by Brazil"' in html        # changes as <ins>/<del>, with their author
    True
    >>> html.count(">Dubai, 2018</ins>")     # in the heading and in the formula
    2
    """
    from itu_nb.export.html import to_html

    return _guarded(to_html, x, path, options, "HTML")


def to_docx(x, path=None, **options):
    """Write a Document, Proposal or Comparison as a Word document with tracked changes.

    Parameters
    ----------
    x : Document, Proposal or Comparison
    path : str or Path, optional
        Where to write; without it the .docx bytes are returned.
    **options
        ``author=``: author of the changes that carry none (a comparison's, a flattened text's
        inferred ones; default: ``"Unknown Author"``, a name the custom property ``itu_nb unnamed``
        records and the .docx reader reads back as no author); ``date=``: ISO
        date (``"2018-09-10"``) of the changes that carry none, left out when not given;
        ``title=``: the document title (core properties; default: a single proposal's target,
        ``"Resolution 130 (Rev. Busan, 2014)"``, else the document's title or number);
        ``metadata=``: a dict laid over the document's metadata for the cover, page header and
        properties, with the keys the loaders use: ``conference`` (``"PP-18"``), ``venue``
        (``"Dubai, 29 October – 16 November 2018"``), ``document`` (``"67"``), ``language``
        (of this version, ``"en"``), ``date`` (the document's, not the changes'),
        ``original_language``, ``meeting``, ``submitter``, ``heading``;
        ``cover=False``: no cover block.  The cover (conference and venue, ``Document 67-E``,
        date, ``Original: …``, submitter, ``PROPOSALS FOR THE WORK OF THE CONFERENCE``) is
        written only when the document number and the conference or submitter are known, and
        not when the document carries its own header lines; the page header shows ``- N -``
        and the reference (``PP18/67-E``).  Nothing is invented: what is not known is left out.

    Returns
    -------
    Path or bytes

    Examples
    --------
    >>> doc = itu_nb.load("examples/data/pp18-doc67-brazil.reconstructed.critic.md", author="Brazil")
    >>> itu_nb.to_docx(doc["B/67/4"], "B-67-4.docx")    # opens in Word with Brazil's changes tracked
    PosixPath('B-67-4.docx')
    >>> itu_nb.to_docx(doc["B/67/4"])[:2]                # without a path: the bytes of the file
    b'PK'

    What the text does not say about itself (conference, submitter) makes the cover:

    >>> meta = {"conference": "PP-18", "submitter": "Brazil (Federative Republic of)"}
    >>> itu_nb.to_docx(doc, "doc67.docx", metadata=meta)
    PosixPath('doc67.docx')
    >>> again = itu_nb.load("doc67.docx")
    >>> [a.text for a in again.artefacts if a.kind == "header"]
    ['Plenipotentiary Conference (PP-18)', 'Document 67-E', 'Brazil (Federative Republic of)', 'PROPOSALS FOR THE WORK OF THE CONFERENCE']
    >>> [p.id for p in again], again.metadata["submitter"], again.metadata["title"]
    (['B/67/1', 'B/67/2', 'B/67/3', 'B/67/4', 'B/67/5'], 'Brazil (Federative Republic of)', 'Document 67-E – Brazil (Federative Republic of)')

    A comparison becomes a redline; its changes carry the author given:

    >>> adopted = itu_nb.load("examples/data/pp18-final-acts.akn.xml")["Resolution 130"]
    >>> itu_nb.to_docx(itu_nb.compare(doc["B/67/4"], adopted), "redline.docx", author="Secretariat")
    PosixPath('redline.docx')
    >>> redline = itu_nb.load("redline.docx")[0]
    >>> {r.author for clause in redline.walk() for r in clause.runs if r.op is not itu_nb.Op.EQUAL}
    {'Secretariat'}
    """
    from itu_nb.export.docx import to_docx

    return _guarded(to_docx, x, path, options, "Word")


def to_akn(x, path=None, **options) -> str:
    """Write a Document, Proposal or Comparison as Akoma Ntoso XML; return the XML text.

    Tracked changes become ``<ins>``/``<del>`` with their author and date; the loader reads the
    XML back to the same clauses.

    Parameters
    ----------
    x : Document, Proposal or Comparison
    path : str or Path, optional
        Also write the XML there (UTF-8).
    **options
        ``author=``, ``date=``: for a comparison, given to the changes that carry none.

    Returns
    -------
    str

    Examples
    --------
    >>> final = itu_nb.load("examples/data/pp18-final-acts.akn.xml")
    >>> xml = itu_nb.to_akn(final["Resolution 130"])
    >>> again = itu_nb.load(xml)[0]
    >>> str(again.target), again.text() == final["Resolution 130"].text()
    ('Resolution 130 (Rev. Dubai, 2018)', True)
    """
    from itu_nb.export.akn import to_akn

    return _guarded(to_akn, x, path, options, "Akoma Ntoso")
