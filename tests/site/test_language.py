"""English is the second UI language; Danish stays the default."""

from __future__ import annotations

import ast
import gettext
import re

from django.conf import settings


def test_danish_is_the_default_without_a_language_cookie(client, learner):
    client.force_login(learner)
    html = client.get("/mine-kurser/").content.decode()
    assert '<html lang="da">' in html
    assert "<h1>Mine kurser</h1>" in html
    assert "My courses" not in html


def test_choosing_english_in_the_footer_shows_my_courses_in_english(client, learner):
    client.force_login(learner)
    response = client.post("/sprog/", {"language": "en", "next": "/mine-kurser/"})
    assert response.status_code == 302
    assert response["Location"] == "/mine-kurser/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = client.get("/mine-kurser/").content.decode()
    assert '<html lang="en">' in html
    assert "<h1>My courses</h1>" in html
    assert "Mine kurser" not in html


def test_switching_back_to_danish_restores_the_danish_text(client, learner):
    client.force_login(learner)
    client.post("/sprog/", {"language": "en", "next": "/mine-kurser/"})
    client.post("/sprog/", {"language": "da", "next": "/mine-kurser/"})
    assert "<h1>Mine kurser</h1>" in client.get("/mine-kurser/").content.decode()


def test_the_footer_offers_a_labelled_language_choice_returning_to_the_same_page(client, learner):
    client.force_login(learner)
    html = client.get("/mine-kurser/").content.decode()
    assert 'action="/sprog/"' in html
    assert '<label class="form-label" for="language-select">Sprog</label>' in html
    assert '<option value="en" lang="en">English</option>' in html
    assert '<option value="da" lang="da" selected>Dansk</option>' in html
    assert '<input type="hidden" name="next" value="/mine-kurser/">' in html
    assert "csrfmiddlewaretoken" in html.split('action="/sprog/"')[1]


def test_next_cannot_send_the_user_to_another_site(client, learner):
    client.force_login(learner)
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example/"):
        response = client.post("/sprog/", {"language": "en", "next": target})
        assert response.status_code == 302
        assert "evil.example" not in response["Location"], target


def test_an_unknown_language_is_ignored_and_danish_is_kept(client, learner):
    client.force_login(learner)
    client.post("/sprog/", {"language": "xx", "next": "/mine-kurser/"})
    assert "<h1>Mine kurser</h1>" in client.get("/mine-kurser/").content.decode()


LOCALE_EN = settings.LOCALE_PATHS[0] / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%%|%[sd]|\{[a-z_]*\}")


def _po_entries() -> list[tuple[str, list[str], list[str]]]:
    """(msgid, [Danish forms], [English forms]) for every non-header entry of the .po file."""
    entries = []
    for block in (LOCALE_EN / "django.po").read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, list[str]] = {}
        key = None
        for line in block.splitlines():
            match = re.match(r'^(msgid_plural|msgid|msgstr(?:\[\d\])?) (".*")$', line)
            if match:
                key = match.group(1)
                fields[key] = [match.group(2)]
            elif line.startswith('"') and key:
                fields[key].append(line)
        text = {k: "".join(ast.literal_eval(part) for part in v) for k, v in fields.items()}
        if text.get("msgid"):
            sources = [text["msgid"]] + ([text["msgid_plural"]] if "msgid_plural" in text else [])
            forms = [text[k] for k in sorted(text) if k.startswith("msgstr")]
            entries.append((text["msgid"], sources, forms))
    return entries


def test_english_translations_keep_every_placeholder_of_the_danish_text():
    entries = _po_entries()
    assert len(entries) > 800
    for msgid, sources, forms in entries:
        assert len(forms) == len(sources), msgid
        for source, form in zip(sources, forms, strict=True):
            if form:
                expected = sorted(PLACEHOLDER.findall(source))
                assert sorted(PLACEHOLDER.findall(form)) == expected, msgid


def test_the_committed_english_mo_file_matches_the_po_file():
    with (LOCALE_EN / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for msgid, sources, forms in _po_entries():
        if len(forms) == 1 and forms[0]:
            assert compiled.gettext(msgid) == forms[0], msgid
        elif len(forms) == 2 and forms[0]:
            assert compiled.ngettext(sources[0], sources[1], 1) == forms[0], msgid
            assert compiled.ngettext(sources[0], sources[1], 5) == forms[1], msgid


def test_anonymous_visitors_get_no_language_form_and_so_no_csrf_cookie_on_public_pages(client, db):
    response = client.get("/certifikater/")
    assert response.status_code == 200
    assert 'action="/sprog/"' not in response.content.decode()
    assert settings.CSRF_COOKIE_NAME not in response.cookies


def test_an_anonymous_visitor_whose_browser_asks_for_english_gets_english(client, db):
    html = client.get("/certifikater/", headers={"accept-language": "en"}).content.decode()
    assert '<html lang="en">' in html
    assert "Verify a certificate" in html
    html = client.get("/certifikater/").content.decode()
    assert '<html lang="da">' in html
    assert "Kontrollér et kursusbevis" in html
