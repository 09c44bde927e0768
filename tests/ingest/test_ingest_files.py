"""read() over files and folders: each reader, stdin, and bad inputs that fail alone."""
from __future__ import annotations

import io
import json

import pytest

from sitroom.ingest import read, read_feed, read_html, read_text
from sitroom.records import Article, Failure
from sitroom.settings import Settings

BODY = ("The Russian government sent Washington a written set of security terms on Thursday, "
        "diplomats in Moscow said.\n\nA State Department spokesperson said the U.S. was willing to look at "
        "Russia's ideas alongside its partners, but warned that parts of the package were non-starters."
        "\n\nThe head of NATO has rejected such terms in the past.")

PAGE = f"""<!DOCTYPE html><html><head><title>Russia sends treaty draft | Example Times</title>
<meta property="og:site_name" content="Example Times"><meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2021-12-17T10:00:00Z">
<meta property="article:section" content="World"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav><article><h1>Russia sends treaty draft</h1>
{''.join(f'<p>{p}</p>' for p in BODY.split(chr(10) * 2))}</article>
<footer>Copyright Example Times</footer></body></html>"""

UNDATED_PAGE = PAGE.replace('<meta property="article:published_time" content="2021-12-17T10:00:00Z">', "")

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example Feed</title><link>https://example.com/</link>
<item><title>Russia sends treaty draft</title><link>https://example.com/2021/12/17/draft</link>
<guid>https://example.com/a/1</guid><pubDate>Fri, 17 Dec 2021 10:00:00 GMT</pubDate>
<category>World</category><description>&lt;p&gt;{BODY.split(chr(10) * 2)[0]}&lt;/p&gt;</description></item>
<item><title>Empty entry</title><link>https://example.com/a/2</link></item>
<item><title>Second story</title><guid>https://example.com/a/3</guid>
<description>Kyiv asked Washington for more help on Monday.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Example</title><id>urn:x</id><updated>2021-12-17T00:00:00Z</updated>
<entry><title>Talks resume</title><id>urn:x:1</id><link href="https://example.com/talks"/>
<published>2021-12-18T08:00:00Z</published><updated>2021-12-18T09:00:00Z</updated><author><name>John Smith</name></author>
<content type="html">&lt;p&gt;Talks resumed in Geneva.&lt;/p&gt;&lt;p&gt;Both sides spoke.&lt;/p&gt;</content></entry></feed>"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title><item><title>x</title><description>&lol3;</description></item></channel></rss>"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title><item><title>x</title><description>&xxe;</description></item></channel></rss>"""


def split(items):
    items = list(items)
    return ([i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Failure)])


def test_text_file(tmp_path, seed_text):
    path = tmp_path / "seed.txt"
    path.write_text(seed_text, encoding="utf-8")
    [a] = read_text(path)
    assert a.text == seed_text and a.origin == str(path)
    assert (a.published, a.published_from, a.section) == ("2021-12-17", "dateline", "World")
    assert a.id == next(read_text(path)).id == next(read([str(path)])).id


def test_latin1_text_is_decoded(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Le café de la gare a fermé après la grève, a dit le maire.".encode("cp1252"))
    [a] = read_text(path)
    assert "café" in a.text and "grève" in a.text


def test_html_page_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    [a] = read_html(path)
    assert a.title == "Russia sends treaty draft"
    assert (a.published, a.published_from) == ("2021-12-17", "metadata")
    assert (a.source, a.byline, a.section) == ("Example Times", "Jane Doe", "World")
    assert "willing to look at Russia's ideas" in a.text
    assert "Copyright" not in a.text and "Home" not in a.text


def test_html_without_metadata_date_falls_back(tmp_path):
    path = tmp_path / "undated.htm"
    path.write_text(UNDATED_PAGE.replace("<footer>", "<p>Posted on 2021-12-16</p><footer>"), encoding="utf-8")
    [a] = read_html(path)
    assert a.published == "2021-12-16" and a.published_from in ("metadata", "htmldate")


def test_feeds_give_one_article_per_entry(tmp_path):
    rss = tmp_path / "news.rss"
    rss.write_text(RSS, encoding="utf-8")
    good, bad = split(read_feed(rss))
    assert [a.title for a in good] == ["Russia sends treaty draft", "Second story"]
    first = good[0]
    assert first.id == "https://example.com/a/1" and first.url == "https://example.com/2021/12/17/draft"
    assert first.published.startswith("2021-12-17") and first.published_from == "metadata"
    assert (first.source, first.section) == ("Example Feed", "World")
    assert "<p>" not in first.text and first.text.startswith("The Russian government")
    assert [f.item for f in bad] == [f"{rss}[1]"] and bad[0].code == "empty"
    atom = tmp_path / "news.atom"
    atom.write_text(ATOM, encoding="utf-8")
    [a] = read_feed(atom)
    assert a.text == "Talks resumed in Geneva.\n\nBoth sides spoke."
    assert a.published.startswith("2021-12-18T08:00") and a.byline == "John Smith"


@pytest.mark.parametrize("content", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_feeds_with_entity_declarations_are_refused(tmp_path, content):
    path = tmp_path / "evil.xml"
    path.write_text(content)
    [f] = read_feed(path)
    assert f.code == "parse" and "refused" in f.message and str(path) in f.message


def test_folder_is_read_recursively_sorted_skipping_hidden(tmp_path, seed_text):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "b" / "c.jsonl").write_text(json.dumps({"id": "j1", "text": BODY}) + "\n")
    (tmp_path / "b" / "d.md").write_text("# Talks\n\n" + BODY)
    (tmp_path / ".secret.txt").write_text(BODY)
    (tmp_path / ".hidden" / "x.txt").write_text(BODY)
    (tmp_path / "feed.data").write_text(RSS)           # unknown extension, sniffed as a feed
    (tmp_path / "page.bin").write_text(PAGE)           # unknown extension, sniffed as HTML
    (tmp_path / "notes.xyz").write_text("just some words")
    items = list(read([str(tmp_path)]))
    origins = [i.origin if isinstance(i, Article) else i.item for i in items]
    assert origins[0] == str(tmp_path / "a.txt")
    assert str(tmp_path / "notes.xyz") in origins
    assert not any(".hidden" in o or ".secret" in o for o in origins)
    assert origins.index(str(tmp_path / "a.txt")) < origins.index(f"{tmp_path / 'b' / 'c.jsonl'}:1")
    titles = {i.title for i in items if isinstance(i, Article)}
    assert {"Talks", "Russia sends treaty draft", "Second story"} <= titles
    [unknown] = [i for i in items if isinstance(i, Failure) and i.item.endswith("notes.xyz")]
    assert "unsupported file type '.xyz'" in unknown.message


def test_bad_inputs_fail_alone_and_the_batch_goes_on(tmp_path):
    files = {
        "empty.txt": b"",
        "blank.txt": b"   \n\n ",
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "invalid.txt": bytes(range(128, 256)) * 4,
        "broken.html": b"<html><body><div><p></p></div>",
        "broken.jsonl": b'{"text": "Kyiv asked for help."}\n{"text": \n',
        "broken.xml": b"<?xml version='1.0'?><rss><channel><item><title>x",
        "evil.rss": BILLION_LAUGHS.encode(),
        "huge.txt": b"Troops massed. " * 2000,
        "good.txt": BODY.encode(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    sources = [str(tmp_path / n) for n in files] + [str(tmp_path / "missing.txt")]
    good, bad = split(read(sources, Settings(max_bytes=20_000)))
    assert sorted(a.origin for a in good) == [f"{tmp_path / 'broken.jsonl'}:1", str(tmp_path / "good.txt")]
    codes = {f.item.rsplit("/", 1)[-1]: f.code for f in bad}
    assert codes == {"empty.txt": "empty", "blank.txt": "empty", "binary.txt": "decode", "invalid.txt": "decode",
                     "broken.html": "parse", "broken.jsonl:2": "parse", "broken.xml": "parse",
                     "evil.rss": "parse", "huge.txt": "too_large", "missing.txt": "bad_input"}
    for f in bad:
        assert f.item in f.message and "\n" not in f.message


def test_stdin_plain_text_and_jsonl(seed_text):
    [a] = read(["-"], stdin=io.StringIO(seed_text))
    assert a.origin == "<stdin>" and a.section == "World"
    lines = json.dumps({"id": "s1", "text": BODY}) + "\n{oops\n"
    good, bad = split(read(["-"], stdin=io.TextIOWrapper(io.BytesIO(lines.encode()))))
    assert [a.id for a in good] == ["s1"] and [f.item for f in bad] == ["<stdin>:2"]
    [f] = read(["-"], stdin=io.StringIO("  \n"))
    assert f.code == "empty" and "<stdin>" in f.message


def test_unsupported_scheme_is_a_failure():
    [f] = read(["ftp://example.com/a.txt"])
    assert f.code == "bad_input" and "ftp://example.com/a.txt" in f.message


def test_htmldate_is_the_fallback_when_trafilatura_has_no_date(tmp_path, monkeypatch):
    import trafilatura

    from sitroom.ingest import html as html_reader
    real = trafilatura.bare_extraction

    def undated(*args, **kwargs):
        doc = real(*args, **kwargs)
        doc.date = None
        return doc
    monkeypatch.setattr(html_reader.trafilatura, "bare_extraction", undated)
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    [a] = read_html(path)
    assert (a.published, a.published_from) == ("2021-12-17", "htmldate")


def test_a_crashing_parser_fails_its_item_only(tmp_path, monkeypatch):
    from sitroom.ingest import html as html_reader

    def crash(*args, **kwargs):
        raise RuntimeError("parser bug")
    monkeypatch.setattr(html_reader.trafilatura, "bare_extraction", crash)
    (tmp_path / "a.html").write_text(PAGE)
    (tmp_path / "b.txt").write_text(BODY)
    items = list(read([str(tmp_path)]))
    assert [type(i).__name__ for i in items] == ["Failure", "Article"]
    assert "RuntimeError: parser bug" in items[0].message
