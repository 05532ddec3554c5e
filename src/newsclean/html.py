"""HTML in: a page's HTML turned into newsclean's input, one block element per line (docs/html.md).

:func:`html_to_text` parses the page with selectolax's Lexbor backend (an HTML5 parser: the tree a
browser builds, implied end tags and misnested markup included; the ``html`` extra,
``pip install 'newsclean[html]'``) and walks the tree once:

* a *block* is an element that starts and ends a line: the document's ``<title>``, headings, ``p``,
  ``li``, ``dt``/``dd``, ``div``, ``section``, ``article``, ``header``/``footer``/``nav``/``aside``,
  ``blockquote``, ``figure``/``figcaption``, tables, their rows and cells, form controls, and ``br``
  (:data:`BLOCKS`); inline elements (``a``, ``span``, ``b``, ``em``, ...) run on within their line;
* ``script``, ``style``, ``noscript``, ``template``, ``svg`` and the other elements whose content is not
  shown as text (:data:`DROPPED`) are dropped with everything in them, as are comments;
* character references are decoded by the parser; HTML's (ASCII) white space inside a block collapses
  to one space; lines are stripped and empty ones dropped; in ``pre`` each source line is a line.

:func:`clean_html` cleans the result with :func:`newsclean.clean`.

Bounds: a page of more than ``max_chars`` characters is refused (``ValueError``). The HTML5 tree builder
does work in the nesting depth for each start tag and in the attribute count for each attribute, which
hostile markup makes quadratic; so before parsing, a page with more than 4,096 ``<`` or a tag with more than
:data:`MAX_ATTRIBUTES` attributes (one regular-expression search finds it) is scanned once, in linear time
(:func:`_bounded`): start tags past :data:`MAX_DEPTH` open elements are cut out, keeping their text, and
the tag loses its attributes.
"""

from __future__ import annotations

import codecs
import re
from functools import cache
from typing import TYPE_CHECKING, Any

from .batch import MAX_CHARS
from .core import clean

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser

    from .model import Article

__all__ = ["BLOCKS", "DROPPED", "MAX_ATTRIBUTES", "MAX_DEPTH", "clean_html", "decode", "html_to_text"]


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: Elements that start and end a line.
BLOCKS = _names("""
    html head body title address article aside blockquote center details dialog dir div dl dt dd fieldset
    figure figcaption footer form frameset h1 h2 h3 h4 h5 h6 header hgroup hr legend li listing main menu nav
    ol ul p pre section summary search table caption thead tbody tfoot tr td th xmp br
    select optgroup option textarea button
""")

#: Elements dropped with all they hold: scripts and styles, fallback content (what a browser shows only
#: without scripts, frames, plugins or canvas), templates, and drawings (MathML is text, kept).
DROPPED = _names("script style noscript template svg iframe noembed noframes object canvas")

#: Open elements (as the scan before parsing counts them) past which start tags are cut out, their
#: content kept in the element at this depth; browsers flatten deep trees too (Chromium at 512).
MAX_DEPTH = 128

#: A tag with more attributes than this loses them all (no attribute is text).
MAX_ATTRIBUTES = 512

# Pages with more "<" than this are scanned for depth: with fewer, the tree builder's worst case is a
# fraction of a second (docs/html.md), and the scan would cost more than it saves.
_SCAN_FROM = 4096

_WHITE = re.compile(r"[ \t\n\r\f]+")  # HTML's ASCII white space; NBSP and the rest are the normaliser's


def html_to_text(html: str | bytes, *, max_chars: int = MAX_CHARS) -> str:
    """The text of an HTML page, one block element per line (see the module's docstring).

    ``bytes`` are decoded first (:func:`decode`). Raises ``ValueError`` for a page of more than
    ``max_chars`` characters, ``TypeError`` for neither str nor bytes, and ``ImportError`` (naming the
    extra) when selectolax is not installed.
    """
    if isinstance(html, bytes | bytearray):
        if len(html) > 4 * max_chars:  # more than max_chars characters in any encoding
            raise ValueError(f"too large: {len(html)} bytes, limit {max_chars} characters")
        html = decode(bytes(html))
    elif not isinstance(html, str):
        raise TypeError(f"html_to_text() needs the page's HTML as str or bytes, got {type(html).__name__}")
    if len(html) > max_chars:
        raise ValueError(f"too large: {len(html)} characters, limit {max_chars}")
    parser = _parser_class()
    data = html.encode("utf-8", errors="surrogatepass")  # a lone surrogate reaches the parser as U+FFFD
    if data.count(b"<") > _SCAN_FROM or _FLOOD.search(data) is not None:
        data = _bounded(data)
    # scripting=True: <noscript> is read as a browser that runs scripts reads it, as text (then dropped),
    # so that an <img> in a <noscript> in <head> cannot close <head> early
    return _walk(parser(data, scripting=True))


def clean_html(
    html: str | bytes, *, outlet: str | None = None, url: str | None = None, max_chars: int = MAX_CHARS,
    **options: Any,
) -> Article:
    """Clean an HTML page: :func:`html_to_text`, then :func:`newsclean.clean` of its text.

    ``options`` are :func:`~newsclean.clean`'s other options (``normalization``, ``language``,
    ``timeout``). The :class:`~newsclean.model.Article` is clean()'s for the converted text: its
    ``lines`` are the lines of ``html_to_text(html)``.
    """
    return clean(html_to_text(html, max_chars=max_chars), outlet=outlet, url=url, **options)


# ---------------------------------------------------------------------------
# bytes


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
# WHATWG's Encoding standard reads these labels as windows-1252
_LATIN1 = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "ascii", "us-ascii", "iso-ir-100"})


def decode(data: bytes) -> str:
    """A page's bytes as text: by its byte-order mark; else as UTF-8 when the bytes are valid UTF-8 (pages
    in UTF-8 that declare Latin-1 are common: three devset pages do); else in the charset its ``<meta>``
    declares in the first 1024 bytes (Latin-1 read as windows-1252, as browsers read it); else as
    windows-1252. Undecodable bytes become U+FFFD.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:1024])
    label = declared.group(1).decode("ascii").lower() if declared is not None else "cp1252"
    if label in _LATIN1:
        label = "cp1252"
    elif label.startswith(("utf-16", "utf16")):  # bytes that are read as ASCII cannot be UTF-16: UTF-8 meant
        label = "utf-8"
    try:
        return data.decode(label, errors="replace")
    except LookupError:  # an unknown label, or a codec that is no text encoding (base64, rot13)
        return data.decode("cp1252", errors="replace")


# ---------------------------------------------------------------------------
# the tree walk


@cache
def _parser_class() -> type[LexborHTMLParser]:
    try:
        from selectolax.lexbor import LexborHTMLParser
    except ImportError as exc:
        raise ImportError("reading HTML needs selectolax: pip install 'newsclean[html]'") from exc
    return LexborHTMLParser


@cache
def _tag_ids() -> tuple[frozenset[int], frozenset[int], int, int]:
    """Lexbor's ids of the block and the dropped elements, of text nodes, and of ``pre``."""
    probe = _parser_class()("<p>x</p>")
    ids = {name: probe.create_node(name).tag_id for name in BLOCKS | DROPPED}
    paragraph = probe.css_first("p")
    text = paragraph.first_child if paragraph is not None else None
    if text is None or not text.is_text_node:  # pragma: no cover - only if selectolax changed
        raise RuntimeError("selectolax: no text node where one was expected")
    blocks = frozenset(ids[name] for name in BLOCKS)
    return blocks, frozenset(ids[name] for name in DROPPED), text.tag_id, ids["pre"]


def _walk(tree: LexborHTMLParser) -> str:
    """The lines of a parsed page: one pass over the tree in document order, without recursion."""
    blocks, dropped, text_id, pre_id = _tag_ids()
    lines: list[str] = []
    run: list[str] = []  # the text of the line being read

    def end_line() -> None:
        line = _WHITE.sub(" ", "".join(run)).strip()
        if line:
            lines.append(line)
        run.clear()

    in_pre = 0
    node = tree.root
    while node is not None:
        tag = node.tag_id
        child = None
        if tag == text_id:
            text = node.text_content or ""
            if in_pre and "\n" in text:
                *ended, rest = text.split("\n")
                for piece in ended:
                    run.append(piece)
                    end_line()
                run.append(rest)
            else:
                run.append(text)
        elif node.is_element_node and tag not in dropped:
            if run and tag in blocks:
                end_line()
            child = node.first_child
            if child is not None:
                in_pre += tag == pre_id
                node = child
                continue
        # leave the node, and each ancestor it is the last child of, for the next sibling
        while node is not None:
            if run and node.tag_id in blocks:
                end_line()
            sibling = node.next
            if sibling is not None:
                node = sibling
                break
            node = node.parent
            if node is not None:
                in_pre -= node.tag_id == pre_id
    if run:
        end_line()
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# the bound: a linear scan that flattens deep nesting and strips floods of attributes


_SPACE = rb"[\t\n\f\r ]"
# an attribute as the tokenizer reads one: a name, and a quoted or unquoted value (possessive: no backtracking)
_ATTRIBUTE = rb"""(?:[\t\n\f\r /]++[^\t\n\f\r />"'=]++(?:%s*+=%s*+(?:"[^"]*+"|'[^']*+'|[^\t\n\f\r >]++))?+)""" % (
    _SPACE, _SPACE)
# a start or end tag with more than MAX_ATTRIBUTES attributes; one search over the page (~2.5 µs a kB)
_FLOOD = re.compile(rb"<[A-Za-z/][^\t\n\f\r />]*+%s{%d}" % (_ATTRIBUTE, MAX_ATTRIBUTES + 1))
# a start or end tag, to its ">" outside quotes (or the end of the page, as the tokenizer reads a tag left
# open), or the start of a comment
_MARKUP = re.compile(
    rb"""<(?:(/?)([A-Za-z][^\t\n\f\r />]*)(?:[^>"']++|"[^"]*+(?:"|\Z)|'[^']*+(?:'|\Z))*+(?:>|\Z)|!--)"""
)
# elements whose start tag leaves nothing open: the void ones, and those a sibling closes (p, li, cells)
_FLAT = frozenset(name.encode() for name in _names("""
    area base br col embed hr img input link meta source track wbr param keygen basefont bgsound frame image
    p li dt dd option optgroup tr td th thead tbody tfoot colgroup caption rb rt rp rtc html head body
"""))
# elements whose content is raw text up to their end tag (as read with scripting on)
_RAW = frozenset(name.encode() for name in _names("script style textarea title xmp iframe noembed noframes noscript"))
_FOREIGN = frozenset({b"svg", b"math"})
_SLASH = ord("/")


@cache
def _end_tag(name: bytes) -> re.Pattern[bytes]:
    return re.compile(rb"</" + re.escape(name) + rb"[\t\n\f\r />]", re.I)


def _bounded(html: bytes) -> bytes:
    """``html`` with the start tags past :data:`MAX_DEPTH` open elements (and their end tags) cut out, and
    the attributes of tags with more than :data:`MAX_ATTRIBUTES` dropped; any ordinary page is unchanged.

    The depth is the tree builder's, closely enough: void elements and those their siblings close do not
    nest, an end tag closes up to the open element it names (or nothing), a self-closed tag nests only
    outside svg and math, and raw-text elements are skipped to their end tag.
    """
    stack: list[bytes] = []
    open_count: dict[bytes, int] = {}
    cut: dict[bytes, int] = {}  # start tags cut out and not yet matched by an end tag, by name
    edits: list[tuple[int, int, bytes]] = []
    foreign = 0
    position = 0
    search, flood_at = _MARKUP.search, _FLOOD.match
    while (match := search(html, position)) is not None:
        start, position = match.span()
        end_tag, raw_name = match.groups()
        if raw_name is None:  # a comment: on from its end
            close = html.find(b"-->", position)
            if close < 0:
                break
            position = close + 3
            continue
        flood = position - start > 2 * MAX_ATTRIBUTES and flood_at(html, start) is not None
        if flood:
            edits.append((start, position, b"<" + end_tag + raw_name + b">"))
        name = raw_name.lower()
        if end_tag:
            if open_count.get(name):
                while stack:
                    top = stack.pop()
                    open_count[top] -= 1
                    foreign -= top in _FOREIGN
                    if top == name:
                        break
            elif cut.get(name):
                cut[name] -= 1
                if flood:
                    edits.pop()
                edits.append((start, position, b""))
            continue
        if name in _RAW:
            raw_end = _end_tag(name).search(html, position)
            if raw_end is None:
                break
            position = raw_end.start()
            continue
        if name == b"plaintext":
            break
        if name in _FLAT or (foreign and html[position - 2] == _SLASH):
            continue
        if len(stack) >= MAX_DEPTH:
            cut[name] = cut.get(name, 0) + 1
            if flood:
                edits.pop()
            edits.append((start, position, b""))
            continue
        stack.append(name)
        open_count[name] = open_count.get(name, 0) + 1
        foreign += name in _FOREIGN
    if not edits:
        return html
    pieces: list[bytes] = []
    last = 0
    for begin, end, replacement in edits:
        pieces += (html[last:begin], replacement)
        last = end
    pieces.append(html[last:])
    return b"".join(pieces)
