"""The workbench in a real browser: headless Chromium driven by Selenium against a live ``datasette``.

Search for a speaker, open an article from a result, click a highlight and read its evidence; check a
claim. Every wait is bounded, the server is stopped at the end, and no page opens a dialog (the hostile
document's markup stays text). Screenshots go to a temporary folder, or to ``$QUOTES_SCREENSHOTS``
(``QUOTES_SCREENSHOTS=docs pytest tests/test_workbench_browser.py`` refreshes the README's pictures).

Needs Debian's ``chromium`` and ``chromium-driver`` and the ``selenium`` package (``.ci/run`` installs all three).
"""

from __future__ import annotations

import os
import shutil
import urllib.parse
from pathlib import Path

import pytest

pytest.importorskip("datasette", reason="the workbench needs the 'datasette' extra (in the 'test' extra)")
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is in the 'test' extra")

from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from quotes.workbench.archive import Archive  # noqa: E402
from tests.workbench_server import HOSTILE_DOC, build_archive, datasette_server  # noqa: E402

WAIT_S = 20


def _binary(*names: str) -> str | None:
    return next((path for path in map(shutil.which, names) if path), None)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    db, records = build_archive(folder)
    with datasette_server(db, folder) as (root, _, _):
        yield root, db, records, folder


@pytest.fixture(scope="module")
def browser(site):
    chromium = _binary("chromium", "chromium-browser", "google-chrome")
    driver_path = _binary("chromedriver", "chromium.chromedriver")
    if not chromium or not driver_path:
        pytest.skip("needs chromium and chromedriver on PATH (apt-get install -y chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
    ):
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={site[3] / 'profile'}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def _screenshot(driver, site, name: str) -> Path:
    folder = Path(os.environ["QUOTES_SCREENSHOTS"]) if os.environ.get("QUOTES_SCREENSHOTS") else site[3]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    assert driver.save_screenshot(str(path))
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    return path


def _no_dialog(driver) -> None:
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert  # noqa: B018 - the property raises when no dialog is open


def _errors(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE" and "favicon" not in e["message"]]


def test_search_open_article_click_highlight(site, browser):
    root, db, records, _ = site
    with Archive(db, read_only=True) as archive:
        name, _ = archive.speakers()[0]
    wait = WebDriverWait(browser, WAIT_S)
    browser.get(f"{root}/-/quotes/archive")
    box = wait.until(ec.presence_of_element_located((By.ID, "qwb-speaker")))
    box.send_keys(name.split()[-1])
    browser.find_element(By.ID, "qwb-go").click()
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "li.qwb-hit")))
    hits = browser.find_elements(By.CSS_SELECTOR, "li.qwb-hit")
    assert hits and all(name.split()[-1] in h.find_element(By.CSS_SELECTOR, ".qwb-who").text for h in hits)
    facet = browser.find_element(By.CSS_SELECTOR, "ul.qwb-facet-name")
    assert name in facet.text
    _screenshot(browser, site, "workbench-search.png")

    first = hits[0]
    quote_id = first.get_attribute("data-quote-id")
    first.find_element(By.CSS_SELECTOR, "a.qwb-article").click()
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, ".hl.content")))
    assert "workbench-bar" in browser.page_source
    # The quote of the result is highlighted in its article; a click on it shows its evidence.
    highlight = browser.find_element(By.CSS_SELECTOR, f'.hl.content[data-quote-id~="{quote_id}"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", highlight)
    details = browser.find_element(By.ID, "details")
    if details.is_displayed():  # opened on the quote by the link's #anchor: close it, so the click must reopen it
        browser.find_element(By.CSS_SELECTOR, "#details .close").click()
        wait.until(ec.invisibility_of_element(details))
    highlight.click()
    wait.until(ec.visibility_of(details))
    record = next(r for r in records if r["quote_id"] == quote_id and r["doc_id"] in browser.page_source)
    wait.until(lambda d: record["evidence"]["rule"] in details.text)
    assert quote_id in details.text and "confidence" in details.text and "text sha256" in details.text
    _screenshot(browser, site, "workbench-article.png")
    _no_dialog(browser)
    assert _errors(browser) == []


def test_claim_check_in_the_browser(site, browser):
    root, _, records, _ = site
    direct = next(r for r in records if r["kind"] == "direct" and r["speaker_name"] and len(r["content"]["text"]) > 40)
    claim = f"{direct['speaker_name']} said {' '.join(direct['content']['text'].split()[:9]).strip(',.')}"
    wait = WebDriverWait(browser, WAIT_S)
    browser.get(f"{root}/-/quotes/archive/check")
    wait.until(ec.presence_of_element_located((By.ID, "qwb-claim"))).send_keys(claim)
    browser.find_element(By.ID, "qwb-check").click()
    verdict = wait.until(ec.presence_of_element_located((By.ID, "qwb-verdict")))
    assert verdict.text.lower().startswith("direct quote")
    _screenshot(browser, site, "workbench-check.png")


def test_hostile_document_stays_text(site, browser):
    root = site[0]
    wait = WebDriverWait(browser, WAIT_S)
    browser.get(f"{root}/-/quotes/archive/article?{urllib.parse.urlencode({'doc': HOSTILE_DOC})}")
    text = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, ".text")))
    assert "<img src=x onerror=alert(1)>" in text.text and "<b>bold</b>" in text.text
    assert browser.find_elements(By.CSS_SELECTOR, ".text img, .text b") == []
    browser.get(f"{root}/-/quotes/archive?speaker=Mallory")
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "li.qwb-hit")))
    assert '<script>alert("name")</script> Mallory' in browser.find_element(By.CSS_SELECTOR, ".qwb-who").text
    _no_dialog(browser)
