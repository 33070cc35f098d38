"""``newslake web``: the lake in a browser, server-rendered (docs/web.md).

- search with facets (:mod:`.search`, over :mod:`.search_index`), article, entity and
  story-cluster pages (:mod:`.articles`, :mod:`.entities`), the report for any period
  (:mod:`.report_page`) — :mod:`.pages`;
- SQL with downloads and the saved analyses (:mod:`.sql_page`, :mod:`.sqlguard`,
  :mod:`.downloads`), ingestion with re-running rejects (:mod:`.ingestion`) — :mod:`.tools`;
- the lake connection (:mod:`.lake`), request parsing (:mod:`.params`), markup
  (:mod:`.highlight`, :mod:`.render`, ``templates/``), who may do what (:mod:`.auth`),
  and the application (:mod:`.app`, :mod:`.routes`).

:func:`open_web_app` gives what ``newslake web`` serves and what ``newslake serve`` mounts
under ``/web`` on the endpoints' port; :func:`close_web_app` releases it.
"""

from __future__ import annotations

from newslake.web.app import close_web_app, create_web_app, open_web_app

__all__ = ["close_web_app", "create_web_app", "open_web_app"]
