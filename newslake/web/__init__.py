"""``newslake web``: the lake in a browser, server-rendered (docs/web.md).

- search with facets (:mod:`.search`, over :mod:`.search_index`), article, entity and
  story-cluster pages (:mod:`.articles`, :mod:`.entities`), the report for any period
  (:mod:`.report_page`) — :mod:`.pages`;
- SQL with downloads and the saved analyses (:mod:`.sql_page`, :mod:`.sqlguard`,
  :mod:`.downloads`), ingestion with re-running rejects (:mod:`.ingestion`) — :mod:`.tools`;
- the lake connection (:mod:`.lake`), request parsing (:mod:`.params`), markup
  (:mod:`.highlight`, :mod:`.render`, ``templates/``), who may do what (:mod:`.auth`),
  and the application (:mod:`.app`, :mod:`.routes`).

:func:`create_web_app` is what ``newslake web`` serves and what ``newslake serve`` mounts.
"""

from __future__ import annotations

from newslake.web.app import create_web_app

__all__ = ["create_web_app"]
