"""``newslake web`` as a person uses it, in headless Chromium driven by Selenium: search, open
an article, follow an entity, narrow by a facet, run a saved analysis from its form and
download its CSV, run SQL, look at the report, re-run the rejects from the ingestion page.
Each main page is saved as a screenshot in docs/web/ (shown in docs/web.md).

The browser is Debian's: ``chromium`` and ``chromium-driver`` (``/usr/bin/chromedriver``),
never a downloaded one; without them these tests fail — they do not skip:

    apt-get install -y chromium chromium-driver fonts-liberation

The lake is test_web.py's (built once a session, in its own bucket), served by a ``newslake web``
of this module's own.
"""

from __future__ import annotations

import csv
import os
import time
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.integration.test_web import SEED_TITLE, build_web_lake, serving

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "web"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
         "--force-color-profile=srgb", "--force-device-scale-factor=1", "--window-size=1280,1000")


@pytest.fixture(scope="module")
def web(settings, local_stack, seed_path):
    """test_web.py's lake (built once a session) served by a `newslake web` of this module's own."""
    with serving(build_web_lake(settings, seed_path)) as server:
        yield server


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    for path in (CHROMIUM, CHROMEDRIVER):
        assert Path(path).exists(), f"{path} is missing: apt-get install -y chromium chromium-driver"
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must not look for a driver online
    downloads = tmp_path_factory.mktemp("downloads")
    options = Options()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.downloads = downloads
    yield driver
    driver.quit()


def wait(browser, condition, timeout: float = 30):
    """Until ``condition`` holds; an element replaced by the next page load is looked up again."""
    return WebDriverWait(browser, timeout, ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)).until(condition)


def screenshot(browser, name: str, max_height: int = 2200) -> None:
    """The page as a person sees it, as tall as it is (up to ``max_height``), into docs/web/."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1280, min(max_height, max(700, height)))
    browser.save_screenshot(str(SHOTS / f"{name}.png"))
    browser.set_window_size(1280, 1000)


def assert_nothing_fetched(browser) -> None:
    """Nothing but the page itself: no script, style sheet, font or image from anywhere."""
    assert browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)") == []


def test_search_open_an_article_and_follow_an_entity(browser, web):
    browser.get(web.url + "/")
    box = wait(browser, ready.element_to_be_clickable((By.CSS_SELECTOR, "form.search-form input[name=q]")))
    box.send_keys("Putin Iran anti-west alliance", Keys.ENTER)
    wait(browser, lambda b: "q=" in b.current_url)  # the results page, not the page before it
    first = wait(browser, lambda b: b.find_element(By.CSS_SELECTOR, "ol.hits li a.title").text)
    assert first == SEED_TITLE
    assert browser.find_elements(By.CSS_SELECTOR, "ol.hits mark")
    assert_nothing_fetched(browser)
    screenshot(browser, "search")

    english = browser.find_element(By.CSS_SELECTOR, "#facet-lang a")
    english.click()
    wait(browser, ready.presence_of_element_located((By.ID, "filters")))
    assert "lang=" in browser.current_url
    browser.back()

    wait(browser, ready.element_to_be_clickable((By.CSS_SELECTOR, "ol.hits li a.title"))).click()
    title = wait(browser, ready.presence_of_element_located((By.ID, "article-title")))
    assert title.text == SEED_TITLE
    people = browser.find_elements(By.CSS_SELECTOR, "#article-body a.entity.ent-person")
    assert len(people) >= 3
    assert browser.find_elements(By.CSS_SELECTOR, "#article-body .quote")
    assert browser.find_element(By.ID, "provenance").is_displayed()
    assert_nothing_fetched(browser)
    screenshot(browser, "article")

    name = people[0].get_attribute("title").split(": ", 1)[1]
    people[0].click()
    heading = wait(browser, ready.presence_of_element_located((By.ID, "entity-name")))
    assert heading.text == name
    assert browser.find_element(By.ID, "entity-timeline").is_displayed()

    # for the picture, the entity the lake names most (the seed article has no date: no timeline)
    browser.get(web.url + "/")
    top = wait(browser, ready.presence_of_element_located((By.CSS_SELECTOR, "#facet-entity a")))
    name, kind = top.text, top.get_attribute("title")
    browser.get(f"{web.url}/entity?name={name.replace(' ', '+')}&type={kind}")
    assert wait(browser, ready.presence_of_element_located((By.ID, "entity-name"))).text == name
    assert browser.find_elements(By.CSS_SELECTOR, "#entity-timeline svg .point, #entity-timeline svg .area")
    screenshot(browser, "entity")


def test_run_a_saved_analysis_and_download_its_csv(browser, web):
    browser.get(web.url + "/analyses")
    wait(browser, ready.element_to_be_clickable((By.LINK_TEXT, "top_entities"))).click()
    since = wait(browser, ready.presence_of_element_located((By.ID, "param-since")))
    since.clear()
    since.send_keys("30 days ago")
    Select(browser.find_element(By.ID, "param-type")).select_by_visible_text("PERSON")
    browser.find_element(By.CSS_SELECTOR, "#analysis-form button[type=submit]").click()
    table = wait(browser, ready.presence_of_element_located((By.CSS_SELECTOR, "table.results")))
    headers = [th.text for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
    rows = table.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert headers[:2] == ["entity", "type"] and rows
    assert {row.find_elements(By.TAG_NAME, "td")[1].text for row in rows} == {"PERSON"}
    screenshot(browser, "analysis")

    browser.find_element(By.ID, "download-csv").click()
    target = browser.downloads / "top_entities.csv"
    deadline = time.monotonic() + 30
    while not target.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    with target.open(encoding="utf-8") as handle:
        downloaded = list(csv.reader(handle))
    assert downloaded[0] == headers
    assert len(downloaded) - 1 == len(rows)
    assert [r[0] for r in downloaded[1:]] == [row.find_element(By.TAG_NAME, "td").text for row in rows]


def test_sql_runs_from_the_keyboard_and_refuses_writes(browser, web):
    browser.get(web.url + "/sql")
    area = wait(browser, ready.presence_of_element_located((By.CSS_SELECTOR, "#sql-form textarea")))
    area.send_keys("SELECT language, count(*) AS articles FROM articles GROUP BY ALL ORDER BY articles DESC")
    area.send_keys(Keys.CONTROL, Keys.ENTER)  # the page's one script
    wait(browser, ready.presence_of_element_located((By.CSS_SELECTOR, "table.results")))
    assert "q=SELECT" in browser.current_url  # the statement is in the URL: shareable
    screenshot(browser, "sql")
    area = browser.find_element(By.CSS_SELECTOR, "#sql-form textarea")
    area.clear()
    area.send_keys("COPY (SELECT * FROM articles) TO '/tmp/stolen.csv'")
    browser.find_element(By.CSS_SELECTOR, "#sql-form button[type=submit]").click()
    error = wait(browser, ready.presence_of_element_located((By.ID, "sql-error")))
    assert "COPY statements are refused" in error.text


def test_the_report_and_re_running_rejects_from_the_ingestion_page(browser, web):
    browser.get(web.url + "/report?since=all")
    wait(browser, ready.presence_of_element_located((By.ID, "overview")))
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.chart")) >= 4
    assert_nothing_fetched(browser)
    screenshot(browser, "report", max_height=3200)

    browser.get(web.url + "/ingestion")
    wait(browser, ready.presence_of_element_located((By.ID, "runs")))
    screenshot(browser, "ingestion")
    browser.find_element(By.CSS_SELECTOR, "#retry-form button[type=submit]").click()  # the form token, no bearer
    wait(browser, ready.presence_of_element_located((By.ID, "job-state")))

    def job_state() -> str:
        try:  # the page reloads itself while the job runs
            return browser.find_element(By.ID, "job-state").text
        except (NoSuchElementException, StaleElementReferenceException):
            return "Running"

    deadline = time.monotonic() + 300
    while "Running" in job_state() and time.monotonic() < deadline:
        time.sleep(1)
    assert job_state() == "Done.", browser.page_source[-2000:]
    assert "rejected again" in browser.find_element(By.ID, "job-report").text
    screenshot(browser, "job")
