"""mapsvc.store.ingest: files, directories, HTML, feeds over a local HTTP server, summaries."""
import functools
import http.server
import threading
from datetime import date
from functools import partial

import pytest

from mapsvc.errors import InputError
from mapsvc.store.ingest import expand_inputs, ingest_inputs, read_inputs
from mapsvc.model import Incident, Report, Source
from mapsvc.store.store import Store


def keyword_extractor(report: Report):
    """A stand-in extractor written for these tests: one incident per report mentioning a city."""
    cities = {"Mariupol": (37.5494, 47.0971), "Derna": (22.6377, 32.7648), "Khartoum": (32.5599, 15.5007)}
    day = report.published or date(2022, 1, 1)
    out = []
    for name, (lon, lat) in cities.items():
        at = report.text.find(name)
        if at >= 0:
            out.append(Incident(id=f"inc-{report.id}-{name}", category="other", title=f"Event in {name}",
                                lon=lon, lat=lat, date=day, date_start=day, date_end=day, place_name=name,
                                radius_km=5.0, quote=report.text[at:at + 60],
                                sources=(Source("", span=(at, at + len(name))),)))
    return out


@pytest.fixture
def store(database_url):
    s = Store(database_url)
    yield s
    s.close()


@pytest.fixture
def reports_dir(tmp_path):
    d = tmp_path / "reports"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text("Published: 2023-09-12\nTitle: Floods\n\nFloodwater swept through Derna overnight.")
    (d / "sub" / "b.md").write_text("Published: 2023-04-20\n\nFighting continued in Khartoum on Thursday.")
    (d / "sub" / "c.html").write_text(
        "<html><head><title>Convoy</title></head><body><nav>Home | World</nav><article>"
        "<h1>Convoy leaves</h1><p>A convoy of cars left Mariupol on Tuesday, heading west towards "
        "Zaporizhzhia with several thousand residents on board.</p><p>Officials said <b>more</b> "
        "convoys would follow if the ceasefire held.<script>alert(1)</script></p></article></body></html>")
    (d / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 10)
    (d / "empty.txt").write_text("   \n")
    (d / "ignored.pdf").write_bytes(b"%PDF")
    (d / ".hidden").mkdir()
    (d / ".hidden" / "x.txt").write_text("Published: 2023-01-01\n\nhidden")
    return d


def test_expand_inputs_walks_directories(reports_dir):
    names = [p.replace(str(reports_dir), "") for p in expand_inputs([str(reports_dir)])]
    assert names == ["/a.txt", "/binary.txt", "/empty.txt", "/sub/b.md", "/sub/c.html"]


def test_read_inputs_yields_reports_and_errors(reports_dir):
    got = dict(read_inputs([str(reports_dir), str(reports_dir / "nope.txt")]))
    assert isinstance(got[str(reports_dir / "a.txt")], Report)
    assert got[str(reports_dir / "a.txt")].title == "Floods"
    html = got[str(reports_dir / "sub" / "c.html")]
    assert "convoy of cars left Mariupol" in html.text
    assert "<" not in html.text and "alert" not in html.text and "Home | World" not in html.text
    for bad in ("binary.txt", "empty.txt", "nope.txt"):
        assert isinstance(got[str(reports_dir / bad)], InputError)


def test_published_argument_fills_missing_dates(reports_dir):
    got = dict(read_inputs([str(reports_dir / "sub" / "c.html")], published="2022-03-16"))
    assert got[str(reports_dir / "sub" / "c.html")].published == date(2022, 3, 16)


def test_ingest_inputs_summary_and_idempotence(store, reports_dir):
    summary = ingest_inputs(store, [str(reports_dir)], extractor=keyword_extractor,
                            published="2022-03-16", progress=False)
    assert (summary.reports_new, summary.reports_unchanged, summary.reports_failed) == (3, 0, 2)
    assert (summary.incidents_new, summary.incidents_merged) == (3, 0)
    assert sorted(o.rsplit("/", 1)[-1] for o, _ in summary.failures) == ["binary.txt", "empty.txt"]
    assert all(reason for _, reason in summary.failures)
    again = ingest_inputs(store, [str(reports_dir)], extractor=keyword_extractor, progress=False)
    assert (again.reports_new, again.reports_unchanged, again.incidents_new) == (0, 3, 0)
    assert (store.report_count(), store.count()) == (3, 3)
    assert "3 new, 0 updated, 0 unchanged, 2 failed" in str(summary)


def test_extractor_crash_skips_only_that_report(store, reports_dir):
    def fragile(report):
        if "Khartoum" in report.text:
            raise RuntimeError("boom")
        return keyword_extractor(report)

    summary = ingest_inputs(store, [str(reports_dir / "a.txt"), str(reports_dir / "sub" / "b.md")],
                            extractor=fragile, progress=False)
    assert (summary.reports_new, summary.reports_failed) == (1, 1)
    assert "boom" in summary.failures[0][1]
    assert store.report_count() == 1


def test_progress_bar_for_many_inputs(store, tmp_path, capsys):
    for i in range(12):
        (tmp_path / f"r{i:02d}.txt").write_text(f"Published: 2023-09-12\n\nReport {i} from Derna.")
    summary = ingest_inputs(store, [str(tmp_path)], extractor=keyword_extractor, progress=True)
    assert summary.reports_new == 12
    assert "12/12" in capsys.readouterr().err


FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire</title><link>{base}/</link><description>d</description>
<item><title>Derna floods</title><link>{base}/article.html</link>
<pubDate>Tue, 12 Sep 2023 08:00:00 GMT</pubDate><description>Teaser about Derna.</description></item>
<item><title>Khartoum clashes</title><link>{base}/missing.html</link>
<pubDate>Thu, 20 Apr 2023 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Clashes were reported in Khartoum on Thursday morning.&lt;/p&gt;</description></item>
</channel></rss>"""

ARTICLE = ("<html><head><title>Derna</title></head><body><article><h1>Derna</h1>"
           "<p>Two dams burst above Derna during the night and floodwater swept whole neighbourhoods into "
           "the sea, rescuers said. Thousands of residents are missing and roads into the city are cut.</p>"
           "<p>Aid convoys from Benghazi were trying to reach the eastern districts on Tuesday.</p>"
           "</article></body></html>")


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    (root / "article.html").write_text(ARTICLE)
    (root / "plain.txt").write_text("Published: 2022-03-16\n\nResidents left Mariupol by car.")
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    (root / "feed.xml").write_text(FEED.format(base=base))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()


def test_urls_pages_and_feeds_from_a_local_server(store, site):
    got = dict(read_inputs([f"{site}/article.html", f"{site}/plain.txt", f"{site}/gone.html",
                            f"{site}/feed.xml"]))
    page = got[f"{site}/article.html"]
    assert "Two dams burst above Derna" in page.text and page.url == f"{site}/article.html"
    assert got[f"{site}/plain.txt"].published == date(2022, 3, 16)
    assert isinstance(got[f"{site}/gone.html"], InputError) and "404" in str(got[f"{site}/gone.html"])
    entries = {k: v for k, v in got.items() if "#" in k}
    assert len(entries) == 2
    derna = entries[f"{site}/feed.xml#{site}/article.html"]
    assert "Two dams burst" in derna.text  # the teaser was replaced by the linked article
    assert (derna.title, derna.published) == ("Derna floods", date(2023, 9, 12))
    khartoum = entries[f"{site}/feed.xml#{site}/missing.html"]
    assert khartoum.text.startswith("Clashes were reported in Khartoum")  # link broken: summary kept
    summary = ingest_inputs(store, [f"{site}/feed.xml", f"{site}/gone.html"], extractor=keyword_extractor,
                            progress=False)
    assert (summary.reports_new, summary.reports_failed, summary.incidents_new) == (2, 1, 2)


def test_non_http_urls_and_bad_feeds_are_clean_errors(tmp_path):
    bad = tmp_path / "bad.rss"
    bad.write_bytes(b"\x00not xml at all")
    got = dict(read_inputs([str(bad), "ftp://example.org/x", "http://127.0.0.1:1/closed"]))
    assert all(isinstance(v, InputError) for v in got.values()), got
    assert "only http(s)" in str(got["ftp://example.org/x"])


def test_ingest_across_processes_stores_what_one_process_stores(tmp_path, gazetteer):
    # real worker processes with their own gazetteer connection and spaCy pipeline
    from mapsvc.extract.bulk import extract_many
    from mapsvc.extract.pipeline import extract_incidents
    from mapsvc.store.ingest import ingest_inputs
    from mapsvc.store.store import Store

    folder = tmp_path / "reports"
    folder.mkdir()
    texts = ["Shelling hit Kharkiv on Tuesday, killing two people.",
             "Authorities evacuated 300 people from Irpin on Monday.",
             "A curfew was imposed in Odesa on Sunday.",
             "Floods swept through villages near Galati on Saturday, killing six people."]
    for n, text in enumerate(texts):
        (folder / f"r{n}.txt").write_text(f"Published: 2022-03-16\n\n{text}\n", encoding="utf-8")
    batch = functools.partial(extract_many, gazetteer_path=gazetteer.path, processes=2)
    one, many = Store(f"sqlite:///{tmp_path / 'one.sqlite3'}"), Store(f"sqlite:///{tmp_path / 'many.sqlite3'}")
    try:
        ingest_inputs(one, [str(folder)], extractor=functools.partial(extract_incidents, gazetteer=gazetteer))
        summary = ingest_inputs(many, [str(folder)], extractor=None, batch_extractor=batch)
        assert summary.reports_new == 4 and summary.incidents_new >= 4
        key = lambda i: (i.id, i.category, i.place_name, i.date, tuple(sorted(i.counts.items())))
        assert sorted(map(key, one.query(limit=None).incidents)) == sorted(map(key, many.query(limit=None).incidents))
    finally:
        one.close()
        many.close()


def test_a_feed_entry_with_a_bad_link_fails_alone(store, tmp_path):
    feed = tmp_path / "feed.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        "<item><title>One</title><link>http://example.invalid/a b</link><pubDate>Mon, 05 Feb 2024 10:00:00 GMT"
        "</pubDate><description>A missile strike hit Kharkiv on Monday.</description></item>"
        "<item><title>Two</title><link>http://example.invalid/c</link><pubDate>Mon, 05 Feb 2024 11:00:00 GMT"
        "</pubDate><description>Shelling hit Sumy on Monday, injuring four people.</description></item>"
        "</channel></rss>", encoding="utf-8")
    summary = ingest_inputs(store, [str(feed)], extractor=keyword_extractor, progress=False)
    assert summary.reports_new == 2  # the space in a link costs its page, not the run
