"""A recorded Torznab indexer on 127.0.0.1 for the indexers role's tests: `t=caps` answers fixed
capabilities (Movies, TV with HD and Anime, Audio), any search answers the recorded results, and a
wrong key answers Newznab's error 100 — every query is logged for the test to check what was asked."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterator
from urllib.parse import parse_qs, urlparse

UPSTREAM_KEY = "upstream-key-0001"

CAPS = b"""<?xml version="1.0" encoding="UTF-8"?>
<caps>
  <server title="Recorded Torznab" />
  <limits default="100" max="100" />
  <searching>
    <search available="yes" supportedParams="q" />
    <tv-search available="yes" supportedParams="q,season,ep,tvdbid" />
    <movie-search available="yes" supportedParams="q,imdbid,tmdbid" />
  </searching>
  <categories>
    <category id="2000" name="Movies"><subcat id="2040" name="Movies/HD" /></category>
    <category id="5000" name="TV"><subcat id="5040" name="TV/HD" /><subcat id="5070" name="TV/Anime" /></category>
    <category id="3000" name="Audio" />
  </categories>
</caps>"""

RESULTS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:torznab="http://torznab.com/schemas/2015/feed">
 <channel><title>Recorded Torznab</title>
  <item>
   <title>Show.Name.S01E02.1080p.WEB.h264-GRP</title>
   <guid>https://upstream.invalid/details/1</guid>
   <size>1460985071</size>
   <link>https://upstream.invalid/dl/1.torrent</link>
   <torznab:attr name="category" value="5040"/>
   <torznab:attr name="seeders" value="35"/>
  </item>
 </channel>
</rss>"""

BAD_KEY = b'<?xml version="1.0" encoding="UTF-8"?><error code="100" description="Invalid API Key" />'

QueryLog = list[dict[str, list[str]]]


@contextmanager
def recorded_torznab(results: bytes = RESULTS, key: str = UPSTREAM_KEY) -> Iterator[tuple[str, QueryLog]]:
    """Serves the recorded indexer on a free port, answering queries that carry `key`; yields its base URL and
    the log of its queries."""
    log: QueryLog = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            query = parse_qs(urlparse(self.path).query)
            log.append(query)
            if query.get("apikey") != [key]:
                body = BAD_KEY
            else:
                body = CAPS if query.get("t") == ["caps"] else results
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", log
    finally:
        server.shutdown()
        server.server_close()
