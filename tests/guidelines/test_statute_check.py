"""The statute check against a local HTTP server answering in retsinformation.dk's formats."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from guidelines import eli
from guidelines.eli_fixtures import FIXTURES, Answer, FixtureServer, answers_from_folder
from guidelines.models import (
    ReviewItem,
    StatuteAct,
    StatuteChange,
    StatuteProvision,
    StatuteWatch,
)
from guidelines.statute_watch import statutes_check

FEED = "/eli/feed"
FVL = "/eli/lta/2014/433"
RI = "https://www.retsinformation.dk"


@pytest.fixture(autouse=True)
def fast_client(settings):
    settings.PARAGRAF_RETSINFORMATION_FEED_PATH = FEED
    settings.PARAGRAF_RETSINFORMATION_TIMEOUT = 0.5
    settings.PARAGRAF_RETSINFORMATION_RETRIES = 1
    settings.PARAGRAF_RETSINFORMATION_BACKOFF = 0.01


@pytest.fixture
def fvl(cited):
    """Lesson A cites FVL § 19, written against LBK nr. 433 af 22/04/2014."""
    StatuteProvision.objects.filter(pk=cited["provision"].pk).update(
        eli=FVL, eli_date=dt.date(2014, 4, 22)
    )
    return cited


def routes() -> dict[str, Answer]:
    return answers_from_folder(FIXTURES / "newer-fvl", feed_path=FEED)


def metadata(eli_path: str, type_code: str, date: str, short: str, **relations) -> Answer:
    about = RI + eli_path
    items = [
        {
            "about": about,
            "property": "eli:type_document",
            "resource": f"http://www.retsinformation.dk/eli/resource/authority/type_document#{type_code}",
        },
        {"about": about, "property": "eli:date_document", "content": date},
        {"about": about + "/dan", "property": "eli:title_short", "content": short},
        {
            "about": about + "/dan",
            "property": "eli:title",
            "content": "Bekendtgørelse af forvaltningsloven",
        },
    ]
    for prop, targets in relations.items():
        items += [{"about": about, "property": f"eli:{prop}", "resource": RI + t} for t in targets]
    return Answer(body=json.dumps(items).encode())


def feed(*entries: tuple[str, str]) -> Answer:
    body = "".join(
        f"<entry><id>{RI}{path}</id><link href='{RI}{path}'/><updated>{when}</updated></entry>"
        for path, when in entries
    )
    xml = f"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>{body}</feed>"
    return Answer(body=xml.encode(), content_type="application/atom+xml")


def check(server: FixtureServer):
    return statutes_check(now=timezone.now(), base_url=server.url)


def nothing_written():
    return (
        not StatuteChange.objects.exists()
        and not ReviewItem.objects.exists()
        and not StatuteAct.objects.exists()
        and StatuteWatch.load().feed_cursor is None
        and not StatuteProvision.objects.exclude(changed_since=None).exists()
    )


# --- The formats ----------------------------------------------------------------------------


def test_it_reads_an_acts_relations_and_titles_from_the_rdfa_json():
    body = (FIXTURES / "newer-fvl" / "lta-2014-433.json").read_bytes()
    meta = eli.parse_metadata_json(body, eli=FVL)
    assert meta.type_code == "LBKH"
    assert meta.date_document == dt.date(2014, 4, 22)
    assert meta.title_short == "LBK nr 433 af 22/04/2014"
    assert meta.newer_acts == ("/eli/lta/2026/9001",)


def test_it_keeps_only_lovtidende_a_entries_of_the_atom_feed_and_follows_paging():
    xml = (
        "<feed xmlns='http://www.w3.org/2005/Atom'><link rel='next' href='http://x/eli/feed?p=2'/>"
        f"<entry><id>{RI}/eli/ft/202512L00127</id><updated>2026-01-04T09:00:00Z</updated></entry>"
        f"<entry><id>{RI}/eli/lta/2026/0042</id><updated>2026-01-05T06:00:00+01:00</updated></entry>"
        "</feed>"
    )
    page = eli.parse_atom_feed(xml.encode())
    assert [e.eli for e in page.entries] == ["/eli/lta/2026/42"]
    assert page.entries[0].updated == dt.datetime(2026, 1, 5, 5, tzinfo=dt.UTC)
    assert page.next_url == "http://x/eli/feed?p=2"


@pytest.mark.parametrize(
    "body",
    [b"<feed><entry>", b"<rss version='2.0'/>", b"<!DOCTYPE x [<!ENTITY a 'b'>]><feed/>"],
)
def test_it_refuses_a_feed_that_is_not_atom(body):
    with pytest.raises(eli.FormatError):
        eli.parse_atom_feed(body)


@pytest.mark.parametrize("body", [b"{not json", b'{"about": "x"}', b"[]", b'[{"about": "x"}]'])
def test_it_refuses_metadata_that_is_not_rdfa_statements_about_the_act(body):
    with pytest.raises(eli.FormatError):
        eli.parse_metadata_json(body, eli=FVL)


# --- The check --------------------------------------------------------------------------------


def test_a_new_consolidation_puts_every_lesson_citing_the_act_in_gennemsyn(fvl):
    with FixtureServer(routes()) as server:
        result = check(server)
    assert result.first_run
    change = StatuteChange.objects.get()
    assert (change.new_eli, change.kind, change.date) == (
        "/eli/lta/2026/9001",
        StatuteChange.Kind.CONSOLIDATION,
        dt.date(2026, 1, 2),
    )
    assert change.title_short == "LBK nr 9001 af 02/01/2026"
    assert change.url == "https://www.retsinformation.dk/eli/lta/2026/9001"
    item = ReviewItem.objects.get()
    assert item.source_object_id == fvl["lesson_a"].pk
    assert (item.reason, item.statute_change, item.section_key) == (
        ReviewItem.Reason.STATUTE,
        change,
        "FVL § 19, stk. 1",
    )
    provision = StatuteProvision.objects.get(pk=fvl["provision"].pk)
    assert provision.changed_since == dt.date(2026, 1, 2)
    assert provision.freshness_label == "ny version siden 2. januar 2026"
    assert StatuteWatch.load().feed_cursor == dt.datetime(2026, 1, 5, 6, tzinfo=dt.UTC)
    assert StatuteAct.objects.get(eli=FVL).etag


def test_running_the_check_twice_creates_no_duplicate_review_items(fvl):
    with FixtureServer(routes()) as server:
        check(server)
        StatuteWatch.objects.update(feed_cursor=None)  # force a full second pass
        StatuteAct.objects.all().delete()  # and unconditional requests
        second = check(server)
        third = check(server)
    assert second.review_items == 0 and third.review_items == 0
    assert ReviewItem.objects.count() == 1
    assert StatuteChange.objects.count() == 1


def test_an_amending_act_in_the_feed_is_found_through_eli_changed_by(fvl):
    answers = routes()
    answers[FVL + ".json"] = metadata(FVL, "LBKH", "2014-04-22", "LBK nr 433 af 22/04/2014")
    with FixtureServer(answers) as server:
        assert check(server).review_items == 0  # first run: nothing newer yet
        answers[FEED] = feed((FVL, "2026-03-01T06:00:00Z"))
        answers[FVL + ".json"] = metadata(
            FVL, "LBKH", "2014-04-22", "LBK nr 433 af 22/04/2014", changed_by=["/eli/lta/2026/77"]
        )
        answers["/eli/lta/2026/77.json"] = metadata(
            "/eli/lta/2026/77", "LOVC", "2026-02-20", "LOV nr 77 af 20/02/2026"
        )
        result = check(server)
    change = StatuteChange.objects.get()
    assert (change.new_eli, change.kind) == ("/eli/lta/2026/77", StatuteChange.Kind.AMENDING)
    assert result.review_items == 1
    assert ReviewItem.objects.get().statute_change == change


def test_an_unchanged_act_is_asked_conditionally_and_creates_nothing(fvl):
    answers = routes()
    answers[FVL + ".json"] = metadata(FVL, "LBKH", "2014-04-22", "LBK nr 433 af 22/04/2014")
    with FixtureServer(answers) as server:
        check(server)
        etag = StatuteAct.objects.get(eli=FVL).etag
        answers[FEED] = feed((FVL, "2026-03-01T06:00:00Z"))
        server.requests.clear()
        result = check(server)
    asked = [headers for path, headers in server.requests if path == FVL + ".json"]
    assert asked[0].get("If-None-Match") == etag
    assert result.acts_unchanged == [FVL]
    assert not ReviewItem.objects.exists()
    assert StatuteWatch.load().feed_cursor == dt.datetime(2026, 3, 1, 6, tzinfo=dt.UTC)


def test_acts_not_in_the_feed_are_not_fetched_after_the_first_run(fvl):
    with FixtureServer(routes()) as server:
        check(server)
        server.routes[FEED] = feed(("/eli/lta/2020/145", "2026-03-01T06:00:00Z"))
        server.requests.clear()
        check(server)
    assert [path for path, _ in server.requests] == [FEED]  # OFL is not cited by a provision


@pytest.mark.parametrize(
    "broken",
    [
        {FVL + ".json": Answer(status=500, body=b"Internal Server Error")},
        {
            FVL + ".json": Answer(
                body=b'[{"about": "https://www.retsinformation.dk/eli/lta/2014/433",'
            )
        },
        {"/eli/lta/2026/9001.json": Answer(status=503, body=b"")},
        {FEED: Answer(body=b"<feed xmlns='http://www.w3.org/2005/Atom'><entry>")},
        {FEED: Answer(status=500)},
        {FVL + ".json": Answer(body=b"[]", delay=1.5)},
    ],
    ids=["500", "malformed-json", "503-on-new-act", "malformed-xml", "feed-500", "timeout"],
)
def test_a_failure_ends_in_a_log_line_and_nothing_written(fvl, broken):
    answers = {**routes(), **broken}
    with FixtureServer(answers) as server, mock.patch("guidelines.statute_watch.logger") as log:
        with pytest.raises(eli.EliError):
            check(server)
    assert nothing_written()
    message = log.error.call_args.args[0] % log.error.call_args.args[1:]
    assert "statute check failed" in message and "nothing written, cursor kept" in message


def test_server_errors_are_retried_with_backoff_before_giving_up(fvl, settings):
    settings.PARAGRAF_RETSINFORMATION_RETRIES = 2
    answers = {**routes(), FVL + ".json": Answer(status=500)}
    with FixtureServer(answers) as server, mock.patch("guidelines.eli.logger") as log:
        with pytest.raises(eli.FetchError):
            check(server)
    assert [p for p, _ in server.requests].count(FVL + ".json") == 3
    assert log.warning.call_count == 3


def test_the_cursor_only_advances_after_a_successful_pass(fvl):
    answers = routes()
    with FixtureServer(answers) as server:
        check(server)
        cursor = StatuteWatch.load().feed_cursor
        answers[FEED] = feed((FVL, "2026-04-01T06:00:00Z"))
        answers[FVL + ".json"] = Answer(status=500)
        with pytest.raises(eli.EliError):
            check(server)
        assert StatuteWatch.load().feed_cursor == cursor
        answers[FVL + ".json"] = routes()[FVL + ".json"]
        check(server)
    assert StatuteWatch.load().feed_cursor == dt.datetime(2026, 4, 1, 6, tzinfo=dt.UTC)


def test_check_statutes_command_reports_in_danish_and_fails_cleanly(fvl):
    out = StringIO()
    with FixtureServer(routes()) as server:
        call_command("check_statutes", "--base-url", server.url, stdout=out)
    assert "1 nye punkter i Gennemsyn" in out.getvalue()
    assert "LBK nr 9001 af 02/01/2026" in out.getvalue()
    StatuteWatch.objects.update(feed_cursor=None)
    with FixtureServer({FEED: Answer(status=500)}) as server:
        with pytest.raises(CommandError, match="intet er gemt"):
            call_command("check_statutes", "--base-url", server.url, stdout=StringIO())
