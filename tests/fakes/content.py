"""Pages and feeds the loopback site serves; every sentence here was written for these tests."""

from __future__ import annotations

import gzip
import zlib
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from functools import lru_cache
from html import escape

STORIES = {
    "story-1": (
        "Riverside ferry returns after winter repairs",
        [
            "The Riverside ferry carried its first passengers in four months on Monday morning, after a "
            "winter of hull repairs that cost the harbour authority 1.8 million dollars.",
            "Captain Ilse Marrow said the crossing took eleven minutes, two fewer than before, because the "
            "rebuilt engines run smoother in the cold water near the northern pier.",
            "Commuters had used a shuttle bus over the Old Mill bridge since November. Several of them told "
            "reporters the bus added half an hour to each trip and that they were glad to be back on deck.",
            "The authority plans to run the ferry every twenty minutes during the morning rush and every "
            "forty minutes at other times. Tickets keep their old price until the end of the year.",
            "Engineers will inspect the hull again in September, when the busy summer season ends and the "
            "boat can be taken out of service for a week without stranding anyone.",
        ],
    ),
    "story-2": (
        "Library reopens with a larger reading room",
        [
            "The Eastgate public library opened its doors again on Saturday, after builders doubled the size "
            "of the reading room and replaced the leaking roof that closed the building last spring.",
            "Head librarian Tomas Feld said more than six hundred people came through in the first three "
            "hours, many of them children heading straight for the new picture-book corner.",
            "The city paid for most of the work from its maintenance fund, while a neighbourhood group raised "
            "the rest by selling donated books at weekend markets for nearly two years.",
            "Opening hours now stretch to eight in the evening on weekdays. The library will also lend laptops "
            "to students who sign up with a school card, starting in the autumn term.",
            "Feld said the old card catalogue, a long oak cabinet with brass handles, stays in the lobby as a "
            "reminder of how readers once searched for books before the computers came.",
        ],
    ),
    "story-3": (
        "Orchard growers expect a late but heavy harvest",
        [
            "Apple growers in the Brannock valley expect to start picking two weeks later than usual this "
            "year, because a cold April slowed the blossom on most of the hillside orchards.",
            "The growers' cooperative said the trees nonetheless carry more fruit than in any season since "
            "2019, and it has asked the regional council for extra seasonal work permits.",
            "Packing sheds near the rail depot will run a second shift from October. Cooperative chair Rosa "
            "Ingle said the late start should not hurt prices, since neighbouring valleys are also behind.",
            "Some smaller farms worry about storage space. The cooperative is renting two refrigerated "
            "warehouses by the canal to hold the surplus until the winter markets open.",
        ],
    ),
}


def article_page(slug: str) -> bytes:
    """Return a full HTML page for one story, wrapped in navigation and footer clutter."""
    title, paragraphs = STORIES[slug]
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)} | Valley Courier</title>
<meta property="og:site_name" content="Valley Courier"></head>
<body><nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a></nav>
<article><h1>{escape(title)}</h1><p class="byline">By Staff Reporter</p>
{body}
</article>
<footer><p>Subscribe to the Valley Courier newsletter.</p><p>All rights reserved.</p></footer>
</body></html>""".encode()


CYRILLIC_TEXT = (
    "Городской совет утвердил план ремонта трёх мостов через реку. "
    "Работы начнутся весной и займут около двух лет, а движение по мостам будет открыто по одной полосе."
)


def cyrillic_page() -> bytes:
    """Return a windows-1251 page declaring its charset in the header and in a meta tag."""
    html = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">
<title>Ремонт мостов</title></head><body><article><h1>Ремонт мостов</h1>
<p>{CYRILLIC_TEXT}</p></article></body></html>"""
    return html.encode("cp1251")


LATIN_TEXT = "Le conseil a voté un budget de 4,2 millions pour rénover la bibliothèque du quartier."
LATIN_QUOTE = "“Enfin!” a déclaré la maire."  # curly quotes: bytes 0x93/0x94 in windows-1252


def latin_page() -> bytes:
    """Return a page that only its meta tag declares as iso-8859-1 (it really uses windows-1252)."""
    html = f"""<!DOCTYPE html><html><head><meta charset="iso-8859-1"><title>Budget</title></head>
<body><article><p>{LATIN_TEXT}</p><p>{LATIN_QUOTE}</p></article></body></html>"""
    return html.encode("cp1252")


def page_with_feed_link() -> bytes:
    """Return a home page that advertises its RSS feed in a <link rel=alternate>."""
    return b"""<!DOCTYPE html><html><head><title>Valley Courier</title>
<link rel="alternate" type="application/rss+xml" title="Latest" href="/feeds/rss20.xml"></head>
<body><p>Welcome to the Valley Courier.</p></body></html>"""


def _teaser(slug: str) -> str:
    return STORIES[slug][1][0]


def rss20(origin: str) -> bytes:
    """Return an RSS 2.0 feed with full content, one relative link and one HTML-escaped description."""
    items = []
    for n, slug in enumerate(STORIES, start=1):
        title, paragraphs = STORIES[slug]
        body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        link = f"/pages/{slug}.html" if n == 1 else f"{origin}/pages/{slug}.html"
        items.append(f"""<item><title>{escape(title)}</title><link>{link}</link>
<guid isPermaLink="false">courier-{n}</guid><pubDate>Mon, 0{n} Jun 2025 08:30:00 GMT</pubDate>
<author>desk@courier.example (Valley Desk)</author>
<description>{escape(escape(paragraphs[0]))}</description>
<content:encoded><![CDATA[{body}]]></content:encoded></item>""")
    return _rss2("Valley Courier", origin, "\n".join(items))


def _rss2(title: str, origin: str, items: str) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>{escape(title)}</title><link>{origin}/</link><description>Local news.</description>
{items}
</channel></rss>""".encode()


def atom(origin: str) -> bytes:
    """Return an Atom 1.0 feed with HTML content and per-entry authors."""
    entries = []
    for n, slug in enumerate(STORIES, start=1):
        title, paragraphs = STORIES[slug]
        body = escape("".join(f"<p>{p}</p>" for p in paragraphs))
        entries.append(f"""<entry><title>{escape(title)}</title><id>tag:courier.example,2025:{slug}</id>
<link rel="alternate" href="{origin}/pages/{slug}.html"/>
<published>2025-06-0{n}T09:00:00+02:00</published><updated>2025-06-0{n}T10:00:00+02:00</updated>
<author><name>Reporter {n}</name></author><content type="html">{body}</content></entry>""")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Courier (Atom)</title><id>tag:courier.example,2025:feed</id>
<updated>2025-06-03T10:00:00Z</updated><link href="{origin}/"/>
{"".join(entries)}
</feed>""".encode()


def rss10(origin: str) -> bytes:
    """Return an RSS 1.0 (RDF) feed with Dublin Core dates and creators."""
    slugs = list(STORIES)
    seq = "".join(f'<rdf:li resource="{origin}/pages/{s}.html"/>' for s in slugs)
    items = "".join(
        f"""<item rdf:about="{origin}/pages/{s}.html"><title>{escape(STORIES[s][0])}</title>
<link>{origin}/pages/{s}.html</link><description>{escape(STORIES[s][1][0])}</description>
<dc:date>2025-06-0{n}T07:15:00Z</dc:date><dc:creator>Desk {n}</dc:creator></item>"""
        for n, s in enumerate(slugs, start=1)
    )
    return f"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="{origin}/feeds/rss10.rdf"><title>Courier RDF</title><link>{origin}/</link>
<description>Local news as RDF.</description><items><rdf:Seq>{seq}</rdf:Seq></items></channel>
{items}
</rdf:RDF>""".encode()


def rss091(origin: str) -> bytes:
    """Return an old-style RSS 0.91 feed: no guids, no dates."""
    items = "".join(
        f"<item><title>{escape(STORIES[s][0])}</title><link>{origin}/pages/{s}.html</link>"
        f"<description>{escape(STORIES[s][1][1])}</description></item>"
        for s in STORIES
    )
    return f"""<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="0.91"><channel><title>Courier Classic</title><link>{origin}/</link>
<description>The old feed.</description><language>en-us</language>{items}</channel></rss>""".encode("latin-1")


def teaser_feed(origin: str) -> bytes:
    """Return a feed whose items carry one sentence each and link to the full pages."""
    items = [
        f"""<item><title>{escape(STORIES[s][0])}</title><link>{origin}/pages/{s}.html</link>
<guid>{origin}/pages/{s}.html</guid><description>{escape(_teaser(s))}</description></item>"""
        for s in ("story-1", "story-2")
    ]
    items.append(f"""<item><title>Council meeting moved to Thursday</title><link>{origin}/status/404</link>
<guid>{origin}/gone</guid><description>The council moved its monthly meeting to Thursday evening so that
members can attend the harbour hearing on Wednesday.</description></item>""")
    return _rss2("Courier Teasers", origin, "\n".join(items))


def broken_teaser_feed(origin: str) -> bytes:
    """Return teasers too short to brief whose pages fail: one missing, one at a refused address."""
    return _rss2("Courier Photo Desk", origin, f"""
<item><title>Harbour open day</title><link>{origin}/status/404</link>
<guid isPermaLink="false">photos-1</guid><description>Photos</description></item>
<item><title>Metadata walk</title><link>http://169.254.169.254/latest/</link>
<guid isPermaLink="false">photos-2</guid><description>Gallery</description></item>""")


def malformed_feed(origin: str) -> bytes:
    """Return an RSS feed with a bare ampersand and an unclosed item: not XML, still readable."""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Courier & Friends</title><link>{origin}/</link>
<item><title>Bakers & brewers share the old market hall</title><link>{origin}/pages/story-2.html</link>
<description>Two businesses split the rent on the hall & its cellar.</description></item>
<item><title>Night buses return on Fridays</title><link>{origin}/pages/story-1.html</link>
<description>The late service runs until two in the morning.</description>
</channel></rss>""".encode()


def bare_items_feed(origin: str) -> bytes:
    """Return items lacking a guid, a link, or both."""
    return _rss2("Courier Odds and Ends", origin, f"""
<item><title>Link but no guid</title><link>{origin}/pages/story-3.html</link>
<description>The cooperative rents two warehouses by the canal.</description></item>
<item><title>Guid but no link</title><guid isPermaLink="false">odds-2</guid>
<description>A second shift starts at the packing sheds in October.</description></item>
<item><description>An item with neither guid, link nor title, only this sentence.</description></item>""")


def duplicate_feed(origin: str) -> bytes:
    """Return a feed repeating one guid: the newer copy (first) has an edited title."""
    return _rss2("Courier Corrections", origin, f"""
<item><title>Ferry returns after repairs costing 1.8 million</title><guid isPermaLink="false">dup-1</guid>
<link>{origin}/pages/story-1.html</link><description>Corrected cost figure.</description></item>
<item><title>Library reopens</title><guid isPermaLink="false">dup-2</guid>
<link>{origin}/pages/story-2.html</link><description>The reading room is twice as big.</description></item>
<item><title>Ferry returns after repairs costing 1.5 million</title><guid isPermaLink="false">dup-1</guid>
<link>{origin}/pages/story-1.html</link><description>First version.</description></item>""")


HUGE_FEED_ITEMS = 10_000
HUGE_FEED_START = datetime(2025, 1, 1, tzinfo=UTC)


@lru_cache(maxsize=4)
def huge_feed(origin: str) -> bytes:
    """Return a generated RSS feed of 10,000 short items, newest first."""
    items = "\n".join(
        f"<item><title>Market note {n}</title><link>{origin}/notes/{n}</link>"
        f'<guid isPermaLink="false">note-{n}</guid>'
        f"<pubDate>{_rfc822_minutes_after_start(n)}</pubDate>"
        f"<description>Stall {n % 40} sold out of pears before noon.</description></item>"
        for n in range(HUGE_FEED_ITEMS, 0, -1)
    )
    return _rss2("Market Notes", origin, items)


def _rfc822_minutes_after_start(n: int) -> str:
    return format_datetime(HUGE_FEED_START + timedelta(minutes=n), usegmt=True)


def conditional_feed(origin: str) -> bytes:
    """Return the small feed served behind ETag / Last-Modified validators."""
    return _rss2("Courier Conditional", origin, f"""
<item><title>Bridge survey published</title><guid isPermaLink="false">cond-1</guid>
<link>{origin}/pages/story-3.html</link><description>The survey found cracks in two piers.</description></item>""")


PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PLAIN_TEXT = "Water will be off on Elm Street from nine until noon on Tuesday while crews fix a valve.\n"


@lru_cache(maxsize=1)
def gzip_bomb() -> bytes:
    """Return a small gzip stream that inflates to 20 MB of spaces inside an HTML page."""
    return gzip.compress(b"<html><body>" + b" " * 20_000_000 + b"</body></html>", compresslevel=9)


def gzipped_page() -> bytes:
    """Return story-1's page gzip-compressed, as a server sends it with Content-Encoding: gzip."""
    return gzip.compress(article_page("story-1"))


def raw_deflated_page() -> bytes:
    """Return story-2's page as a bare deflate stream without the zlib header some servers leave off."""
    packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return packer.compress(article_page("story-2")) + packer.flush()


def twice_encoded_page() -> bytes:
    """Return story-3's page deflated and then gzipped, for Content-Encoding: deflate, gzip."""
    return gzip.compress(zlib.compress(article_page("story-3")))


# --- the port feed: news dated around "now", a strike story among them, and its later update -------------

PORT_STORIES = {
    "antwerp-strike": (
        "Antwerp dockworkers begin two-day strike over crane automation",
        [
            "Dockworkers in Antwerp stopped work at six on Tuesday morning, starting a two-day strike over a "
            "plan to run the container cranes of the northern terminals by remote control from next spring.",
            "The dockers' union said the plan would remove about three hundred jobs and that nobody had asked "
            "the crane drivers how the remote consoles would cope with fog on the Scheldt.",
            "The port authority said ships would wait at anchor rather than divert to Rotterdam, and that "
            "perishable cargo already on the quays would be moved by supervisors during the stoppage.",
            "Talks between the union and the terminal operators are set to resume on Friday in Brussels, "
            "with a government mediator in the chair for the first time since the dispute began.",
        ],
    ),
    "ferry-timetable": (
        "Riverside ferry adds an evening crossing for theatre-goers",
        [
            "The Riverside ferry will run one more crossing each evening from next month, leaving the northern "
            "pier at eleven so that audiences from the new theatre can get home without a taxi.",
            "The harbour authority said the late boat will carry up to sixty passengers and their bicycles, and "
            "that tickets cost the same as on the daytime crossings.",
            "Theatre managers had asked for the change after their first season, when many visitors from the "
            "southern bank left before the final act to catch the last bus over the bridge.",
        ],
    ),
    "library-laptops": (
        "Eastgate library starts lending laptops to students",
        [
            "Students with a school card can borrow a laptop from the Eastgate library for up to two weeks "
            "from Monday, under a scheme the city council approved in the spring.",
            "Head librarian Tomas Feld said forty machines are ready and that another forty will follow once "
            "the council has seen how often they come back on time and undamaged.",
            "Each laptop carries the same reading and writing programs as the computers in the reading room, "
            "and the library will wipe them clean after every loan.",
        ],
    ),
}
# Added to the strike story after it first went out: new facts, which a digest shows as "Updated".
PORT_STRIKE_UPDATE = [
    "Late on Tuesday the terminal operators offered to keep a driver in every remote-controlled crane for "
    "the first two years of the scheme, an offer the union said it would put to its members on Thursday.",
    "The port authority said eleven container ships were waiting at anchor off Vlissingen by the evening, "
    "three more than on the morning of the strike.",
]


def port_feed(origin: str, slugs: list[str], *, strike_version: str = "first", now: datetime | None = None) -> bytes:
    """Return a full-text RSS feed of PORT_STORIES, dated the last few hours.

    `strike_version` picks the strike story's text: "first", "updated" (two new paragraphs of news),
    or "edited" (a typo fixed, a figure corrected and a new headline: no news).
    """
    moment = now or datetime.now(UTC)
    items = []
    for n, slug in enumerate(slugs):
        title, paragraphs = PORT_STORIES[slug]
        if slug == "antwerp-strike" and strike_version == "updated":
            paragraphs = [*paragraphs, " ".join(PORT_STRIKE_UPDATE)]
        if slug == "antwerp-strike" and strike_version == "edited":
            title = "Antwerp dock strike begins over remote-controlled cranes"
            paragraphs = [p.replace("three hundred", "three hundred and twenty").replace("Scheldt", "river Scheldt")
                          for p in paragraphs]
        body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        dated = format_datetime(moment - timedelta(hours=n + 1), usegmt=True)
        items.append(f"""<item><title>{escape(title)}</title><link>{origin}/port/{slug}</link>
<guid isPermaLink="false">port-{slug}</guid><pubDate>{dated}</pubDate>
<content:encoded><![CDATA[{body}]]></content:encoded></item>""")
    return _rss2("Port Gazette", origin, "\n".join(items))


def undated_feed(origin: str) -> bytes:
    """Return a feed of two old dated stories and one undated one (as some small sites publish)."""
    items = []
    for n, slug in enumerate(("story-1", "story-2"), start=1):
        title, paragraphs = STORIES[slug]
        body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        items.append(f"""<item><title>{escape(title)}</title><guid isPermaLink="false">old-{n}</guid>
<pubDate>Mon, 0{n} Jun 2020 08:30:00 GMT</pubDate><content:encoded><![CDATA[{body}]]></content:encoded></item>""")
    title, paragraphs = PORT_STORIES["library-laptops"]
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    items.append(f"""<item><title>{escape(title)}</title><guid isPermaLink="false">undated-1</guid>
<content:encoded><![CDATA[{body}]]></content:encoded></item>""")
    return _rss2("Courier Undated", origin, "\n".join(items))


def blog_page() -> bytes:
    """Return a blog's front page that names no feed: its feed sits at a usual address beside it."""
    return b"""<!DOCTYPE html><html><head><title>Harbour Notes</title></head>
<body><h1>Harbour Notes</h1><p>Short notes from the quays, written by the harbour office.</p></body></html>"""


def page_without_feed() -> bytes:
    """Return a page with no feed of any kind, anywhere on its site."""
    return b"""<!DOCTYPE html><html><head><title>About us</title></head>
<body><p>We are a small team of reporters who cover the valley.</p></body></html>"""


def page_with_private_feed_link() -> bytes:
    """Return a page whose advertised feed sits on a private address, which the URL guard must refuse."""
    return b"""<!DOCTYPE html><html><head><title>Intranet news</title>
<link rel="alternate" type="application/rss+xml" href="http://10.0.0.7/rss"></head>
<body><p>Internal announcements.</p></body></html>"""
