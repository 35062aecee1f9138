"""Bad input: a clear itu_nb error naming the source and the problem, never a deep traceback or a hang."""

from __future__ import annotations

import pytest

import itu_nb
from itu_nb import LoadError


def _error(source, **kw) -> str:
    with pytest.raises(LoadError) as info:
        itu_nb.load(source, **kw)
    return str(info.value)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert _error(path) == f"{path}: the file is empty"
    path.write_bytes(b"  \n\n\t\n")
    assert _error(path) == f"{path}: the file is empty"
    # an empty string is an empty text, not the current folder (Path("") is ".")
    assert _error("") == _error("", format="criticmarkup") == _error("\n \n") == "<text>: the text is empty"


def test_missing_file_and_folder(tmp_path):
    missing = tmp_path / "nope.txt"
    assert _error(missing) == f"{missing}: no such file (to load a text itself, pass a string with a line break)"
    assert _error(tmp_path) == f"{tmp_path}: is a folder, not a document"


def test_binary_data(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 40)
    assert "binary data" in _error(path)
    assert str(path) in _error(path)


def test_pdf_and_legacy_doc_are_named(tmp_path):
    pdf = tmp_path / "proposal.txt"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert _error(pdf) == f"{pdf}: is a PDF file; save it as .docx or plain text first"
    doc = tmp_path / "proposal.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    assert "is a DOC file" in _error(doc)


def test_wrong_encoding_names_the_byte_and_the_fix(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("considering\na)\tthat the Union’s role;\n".encode("cp1252"))
    message = _error(path)
    assert message.startswith(f"{path}: not valid utf-8 at byte 29")  # 12 + 3 + len("that the Union")
    assert "encoding=" in message
    assert itu_nb.load(path, encoding="cp1252")[0]["considering/a"].body() == "that the Union’s role;"


def test_unknown_encoding_name(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("considering\na)\tthat x;\n")
    assert _error(path, encoding="klingon") == f"{path}: unknown encoding 'klingon'"


def test_a_200_mb_file_is_refused_without_being_read(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:  # sparse: no disk is used
        f.truncate(200 * 1024 * 1024)
    message = _error(path)
    # 200 × 2**20 bytes against MAX_BYTES, 50 × 2**20 (parsing/normalise.py): named in the unit they are defined in
    assert message.startswith(f"{path}: file is 200 MiB (209715200 bytes), over the 50 MiB limit for one document")
    assert "max_bytes=" in message


def test_limit_can_be_raised_or_lowered(tmp_path):
    path = tmp_path / "small.txt"
    path.write_text("considering\na)\tthat x;\n")
    assert "file is 23 B (23 bytes), over the 10 B limit" in _error(path, max_bytes=10)  # the 23 bytes written above
    assert itu_nb.load(path, max_bytes=10_000)[0]["considering/a"].body() == "that x;"


def test_unknown_format_lists_the_known_ones():
    message = _error("considering\na)\tx;\n", format="pdf-ocr")
    assert message.startswith("<text>: no loader for format 'pdf-ocr' (known: ")
    assert "criticmarkup" in message and "text" in message


def test_pathological_markup_is_linear_not_a_hang():
    # 300,000 unclosed openers on one line: refused at the first, in one pass
    with pytest.raises(itu_nb.ParseError, match="line 1: CriticMarkup '\\{\\+\\+' is never closed"):
        itu_nb.load("x {++ " + "{++" * 300_000 + "\n", format="criticmarkup")
    # 200,000 footnote-body openers that never close stay plain text
    doc = itu_nb.load("considering\na)\t" + "[1: " * 200_000 + "\n")
    assert doc[0]["considering/a"].body().startswith("[1: [1: ")
    assert doc.source_text().startswith("considering\na)\t[1: [1: ")


def test_a_device_is_read_with_a_bound_not_trusted_by_its_size():
    # /dev/zero reports st_size 0: the reader stops after the limit plus one byte and names the limit
    from bounds import bounded

    code = """
    import itu_nb
    try:
        itu_nb.load("/dev/zero")
    except itu_nb.LoadError as exc:
        print(exc)
    """
    r = bounded(code, label="device without a size (/dev/zero)")
    assert r.ok and r.within(), r
    assert r.stdout.startswith("/dev/zero: stream (a pipe or a device) is over the 50 MiB limit for one document")
    assert "stopped reading after 52428800 bytes" in r.stdout and "max_bytes=" in r.stdout


def test_an_endless_pipe_is_read_with_a_bound():
    # a writer that never stops, read through /dev/fd/N: refused at max_bytes, the writer then sees EPIPE
    from bounds import bounded

    code = """
    import os, threading, itu_nb
    r, w = os.pipe()
    def feed():
        try:
            while True:
                os.write(w, b"considering\\na)\\tthat x;\\n" * 4096)
        except OSError:
            pass
    threading.Thread(target=feed, daemon=True).start()
    try:
        itu_nb.load(f"/dev/fd/{r}", max_bytes=10_000_000)
    except itu_nb.LoadError as exc:
        print(str(exc).split(": ", 1)[1])
    """
    r = bounded(code, label="endless pipe")
    assert r.ok and r.within(), r
    assert r.stdout.startswith("stream (a pipe or a device) is over the 10 MB limit for one document")


def test_a_markdown_comment_first_is_not_xml(tmp_path):
    # a CriticMarkup file that starts with an HTML comment went to the XML reader ("malformed XML"):
    # content starting with "<" is ambiguous, and the .md suffix decides (issue 17)
    text = "<!-- PP-18, Document 67 -->\nconsidering\na)\tthat {--old--}{++new++} text;\n"
    path = tmp_path / "proposal.md"
    path.write_text(text, encoding="utf-8")
    doc = itu_nb.load(path)
    assert doc.format == "criticmarkup"
    assert doc[0]["considering/a"].body("amended") == "that new text;"
    assert doc[0]["considering/a"].body("original") == "that old text;"
    plain = tmp_path / "proposal.txt"
    plain.write_text("<!-- note -->\nconsidering\na)\tthat x;\n", encoding="utf-8")
    assert itu_nb.load(plain).format == "text"
    # an XML declaration or an Akoma Ntoso root stays XML whatever the name
    xml = tmp_path / "akn.md"
    xml.write_text('<?xml version="1.0"?>\n<akomaNtoso><statement>', encoding="utf-8")
    assert "malformed XML" in _error(xml)
    assert itu_nb.loaders.detect_format("<!-- x -->\n<akomaNtoso/>", "x.xml") == "akn"
    assert itu_nb.loaders.detect_format("<!-- x -->\n", "") == "akn"  # no name: XML, as before


def test_utf16_without_bom_is_recognised_and_decoded(tmp_path):
    # "binary data … a .docx or a PDF?" before: every other byte of UTF-16 text is a NUL
    text = "considering\na)\tthat the Union’s role;\n"
    for encoding in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        assert itu_nb.load(path)[0]["considering/a"].body() == "that the Union’s role;"
    critic = tmp_path / "c.md"
    critic.write_bytes("considering\na)\tthat {++new++} x;\n".encode("utf-16-le"))
    assert itu_nb.load(critic)[0]["considering/a"].body("amended") == "that new x;"
    # an unpaired surrogate: said to be UTF-16, and what to pass
    broken = tmp_path / "broken.txt"
    broken.write_bytes(text.encode("utf-16-le") * 3 + b"\x00\xd8a\x00")
    message = _error(broken)
    assert message.startswith(f"{broken}: looks like UTF-16 without a byte-order mark but is not valid utf-16-le")
    assert "encoding='utf-16-le'" in message
    # binary data with NULs on both sides is still binary
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    assert "binary data" in _error(binary)
