"""The app in a real browser (Debian's Chromium driven by Playwright)."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from index.settings import PROJECT_ROOT

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def ask(page, question: str, turn: int) -> str:
    """Ask in the chat box and wait for that turn's reply to carry its citation link (or a refusal)."""
    page.locator("#question textarea").fill(question)
    page.locator("#question textarea").press("Enter")
    bot = page.locator("#chat .bot, #chat [data-testid='bot']")
    page.wait_for_function(
        f"() => document.querySelector('#chat a[href*=\"#cite-{turn}-1\"]') !== null", timeout=60_000)
    return bot.last.inner_text()


def test_ask_cite_follow_up_upload(browser, app_url, tmp_path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(app_url)
    page.wait_for_selector("#question textarea", timeout=60_000)

    text = ask(page, "Who is Britain's UN ambassador?", 0)
    assert "Barbara Woodward" in text and "Sources" in text

    page.locator('#chat a[href*="#cite-0-1"]').first.click()
    mark = page.locator("#viewer mark")
    mark.wait_for(timeout=30_000)
    assert "Barbara Woodward" in mark.inner_text()
    # Scrolled into view: the highlighted sentence is inside the viewer's visible box.
    page.wait_for_function("() => { const m = document.querySelector('#viewer mark'), v = document.querySelector('#viewer');"
                           " const r = m.getBoundingClientRect(), b = v.getBoundingClientRect();"
                           " return v.scrollTop > 0 && r.top >= b.top - 2 && r.bottom <= b.bottom + 2; }", timeout=10_000)
    page.screenshot(path=str(tmp_path / "app.png"))
    if os.environ.get("NEWSQA_SCREENSHOT"):
        shutil.copy(tmp_path / "app.png", os.environ["NEWSQA_SCREENSHOT"])

    text = ask(page, "What did she accuse Russia of?", 1)
    assert "obtain more weapons from Iran" in text

    page.get_by_text("Articles", exact=True).click()
    article = tmp_path / "volcano.txt"
    article.write_text("Volcano erupts in Iceland\n\nLava from the eruption reached the fishing town of Grindavik "
                       "on Sunday, the Icelandic Met Office said.")
    page.locator("#upload input[type=file]").set_input_files(str(article))
    page.wait_for_function("() => document.querySelector('#corpus-status')?.innerText.includes('added')", timeout=60_000)
    assert "volcano" in page.locator("#articles").inner_text()

    text = ask(page, "Which town did the lava from the eruption in Iceland reach?", 2)
    assert "Grindavik" in text
    page.screenshot(path=str(tmp_path / "after-upload.png"))
    assert (tmp_path / "app.png").stat().st_size > 10_000
    assert "uploaded by a user" in page.locator("#chat").inner_text()

    other = browser.new_page()  # another session, opened after the upload, lists it and can remove it
    other.goto(app_url)
    other.get_by_text("Articles", exact=True).click()
    other.wait_for_function("() => document.querySelector('#articles')?.innerText.includes('volcano')", timeout=60_000)
    other.close()


def test_the_timeline_opens_and_an_event_leads_to_its_sentence(browser, app_url):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(app_url)
    page.wait_for_selector("#question textarea", timeout=60_000)
    page.get_by_text("Timeline", exact=True).click()
    page.locator("#timeline-show").click()
    first = page.locator('#timeline a[href*="#cite-tl-1"]').first
    first.wait_for(timeout=60_000)
    assert "9 Dec 2022" in page.locator("#timeline").inner_text()   # "on Friday" in the article dated 10 Dec
    first.click()
    mark = page.locator("#viewer mark")
    mark.wait_for(timeout=30_000)
    assert mark.inner_text().strip()[:40] in page.locator("#timeline").inner_text()



def test_a_metadata_citation_highlights_the_field_in_the_source_viewer(browser, app_url):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(app_url)
    page.wait_for_selector("#question textarea", timeout=60_000)
    text = ask(page, "which outlets are there?", 0)
    assert "Outlet: The Financial Times" in text  # the FT's outlet comes from a copyright line cleaning removed
    links = page.locator('#chat a[href*="#cite-0-"]')
    marked = []
    for i in range(links.count()):
        links.nth(i).click()
        page.wait_for_timeout(500)
        marked.append(page.locator("#viewer mark").first.inner_text() if page.locator("#viewer mark").count() else "")
    assert "The Financial Times" in marked  # the field itself is highlighted, in the article's header


def test_a_thumbs_down_with_a_correction_becomes_a_failing_question(browser, app, tmp_path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(app.url)
    page.wait_for_selector("#question textarea", timeout=60_000)
    ask(page, "Who is Britain's UN ambassador?", 0)
    page.locator("#fb-correction textarea, #fb-correction input").first.fill("Dame Edna Everage")
    page.locator("#fb-down").click()
    page.wait_for_function("() => document.querySelector('#fb-status')?.innerText.includes('is kept')", timeout=30_000)
    page.locator("#export-md").click()
    page.wait_for_function("() => document.querySelector('#exported a') !== null", timeout=30_000)
    page.close()

    env = {**os.environ, "QA_DATA_DIR": str(app.data)}
    questions = tmp_path / "from-feedback.yaml"
    made = subprocess.run([sys.executable, "-m", "eval", "from-feedback", "--out", str(questions)],
                          cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert made.returncode == 0, made.stderr
    assert "Dame Edna Everage" in questions.read_text()
    out = tmp_path / "run"
    scored = subprocess.run([sys.executable, "-m", "eval", "run", str(questions), "--corpus", str(app.corpus),
                             "--data-dir", str(tmp_path / "eval-data"), "--out", str(out)],
                            cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert scored.returncode == 0, scored.stderr
    results = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert [r["asked"] for r in results] == ["Who is Britain's UN ambassador?"]
    assert results[0]["verdict"]["correct"] is False  # fails until the answer says what the user said is right


def test_a_suggested_question_is_asked_by_a_click_and_answered(browser, app_url):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(app_url)
    suggestion = page.locator("#suggest-0")
    suggestion.wait_for(state="visible", timeout=60_000)
    question = suggestion.inner_text().strip()
    assert question.endswith("?")
    suggestion.click()
    page.wait_for_function("() => document.querySelector('#chat a[href*=\"#cite-0-1\"]') !== null", timeout=60_000)
    assert question in page.locator("#chat").inner_text()
    page.close()
