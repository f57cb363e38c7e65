"""Real, local stand-ins for the outside world that tests can share; each module documents its own.

`tests.fakes.http_server` runs an aiohttp server on 127.0.0.1 (free port) per test:

    from tests.fakes.http_server import loopback_site  # in tests/conftest.py, to share the fixture

    async def test_something(loopback_site):
        url = loopback_site.url("/feeds/rss20.xml")
        async with make_client() as client:
            poll = await poll_feed(url, client=client, guard=UrlGuard(allow_private=True))

Paths it serves (links inside feeds point back at the same server):
  /pages/story-{1,2,3}.html  full articles with nav/footer clutter (text in tests.fakes.content.STORIES)
  /pages/cyrillic.html, /pages/latin.html  windows-1251 and iso-8859-1 (really cp1252) pages
  /pages/home.html  page advertising /feeds/rss20.xml; /pages/note.txt plain text; /pages/bomb.html gzip bomb
  /feeds/{rss20.xml, atom.xml, rss10.rdf, rss091.xml, teasers.xml, malformed.xml, bare.xml,
          duplicates.xml, huge.xml (10,000 items), conditional.xml (ETag/Last-Modified -> 304),
          limited.xml (429, Retry-After: 120), down.xml (503, Retry-After as a date)}
  /hop/N  N redirects then a story; /redirect/{private, metadata, ftp, to-feed}
  /slow  never answers until the site stops; /huge and /huge-declared  50 MB bodies
  /files/report.pdf, /files/report-mislabelled (PDF sent as text/html), /data.json, /status/{404,500}

`loopback_site.requests` records every request (host, path, headers), so a test can prove that a
refused URL was never fetched. To exercise made-up public host names without leaving the machine,
use `proxied_client(site)` (the site doubles as an HTTP proxy) with `UrlGuard(resolver=FakeDns({...}))`.
Give make_client() the same guard as fetch()/poll_feed(): its transport re-checks every connection.
For https, `tls_site(*self_signed_certificate(tmp_path, host))` serves the same paths over TLS.
"""
