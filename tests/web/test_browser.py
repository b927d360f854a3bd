"""End to end in headless Chromium (Debian's chromium and chromedriver) against the real
server process: sign in, screen "Choe Ryong-hae", open SDN 23213, then the alert for it:
decided by a first reviewer, approved by a second user. Each page is saved as a screenshot at
1280 and 390 px wide into $PROSCRIBE_SCREENSHOTS (default tests/web/artifacts/)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.serving import running_server
from tests.web.conftest import USERS

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WIDTHS = (1280, 390)
WAIT = 60  # seconds for a page to come; the machine may be busy with other test runs
ARTIFACTS = Path(os.environ.get("PROSCRIBE_SCREENSHOTS") or Path(__file__).parent / "artifacts")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists() or not CHROMEDRIVER.exists(),
    reason="needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)",
)

if CHROMIUM.exists():
    from selenium import webdriver
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.remote.webdriver import WebDriver
    from selenium.webdriver.remote.webelement import WebElement
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait


@pytest.fixture
def server(web_home: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """`proscribe serve` on a free port over a copy of the web home; its URL and home."""
    home = tmp_path / "home"
    shutil.copytree(web_home, home)
    with running_server(home, tmp_path / "server.log") as base:
        yield base, home


@pytest.fixture
def browser() -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tempfile.mkdtemp(prefix="proscribe-chromium-")
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--window-size=1280,900",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def shoot(driver: WebDriver, name: str) -> None:
    """The whole page at each width: the window is made as tall as the page."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        driver.set_window_size(width, 900)
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(width, min(int(height) + 140, 6000))
        overflow = driver.execute_script(
            "return document.documentElement.scrollWidth > window.innerWidth"
        )
        assert not overflow, f"{name} scrolls sideways at {width} px"
        assert driver.save_screenshot(str(ARTIFACTS / f"{name}-{width}.png")), name
    driver.set_window_size(WIDTHS[0], 900)


def fill(driver: WebDriver, field: str, text: str) -> None:
    box = driver.find_element(By.ID, field)
    box.clear()
    box.send_keys(text)


def submit(driver: WebDriver, form_action: str) -> None:
    """Submit the form and wait until the next page has replaced this one."""
    page = driver.find_element(By.TAG_NAME, "html")
    button = f'form[action="{form_action}"] button[type="submit"]'
    driver.find_element(By.CSS_SELECTOR, button).click()
    WebDriverWait(driver, WAIT).until(lambda _: replaced(page))
    loaded(driver)


def replaced(page: WebElement) -> bool:
    """Whether `page` has left the document. Chromium says so with a stale reference, or,
    when asked in the middle of the navigation, with an inspector error ("Node with given id
    does not belong to the document"), which `staleness_of` does not expect."""
    try:
        page.is_enabled()
    except (StaleElementReferenceException, WebDriverException):
        return True
    return False


def loaded(driver: WebDriver) -> None:
    WebDriverWait(driver, WAIT).until(
        lambda d: d.execute_script("return document.readyState") == "complete"
    )


def wait_for(driver: WebDriver, css: str) -> None:
    WebDriverWait(driver, WAIT).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, css))
    )


def sign_in_as(driver: WebDriver, base: str, name: str, target: str) -> None:
    driver.get(base + target)
    assert "/signin" in driver.current_url  # sent to sign in first
    fill(driver, "name", name)
    fill(driver, "password", USERS[name][1])
    submit(driver, "/signin")
    WebDriverWait(driver, WAIT).until(lambda d: "/signin" not in d.current_url)
    loaded(driver)
    assert driver.current_url == base + target


def test_screen_open_the_entry_and_decide_its_alert_with_four_eyes(
    server: tuple[str, Path], browser: WebDriver
) -> None:
    base, _home = server
    browser.get(base + "/screen")
    wait_for(browser, "#password")
    ActionChains(browser).send_keys(Keys.TAB).perform()  # the keyboard's first stop
    assert browser.switch_to.active_element.get_attribute("class") == "skip"
    shoot(browser, "01-signin")

    # The first reviewer screens the name and opens an alert for the match.
    sign_in_as(browser, base, "ann", "/screen")
    shoot(browser, "02-screen")
    fill(browser, "name", "Choe Ryong-hae")
    browser.find_element(By.ID, "record").click()
    submit(browser, "/screen")
    wait_for(browser, ".match-card")
    best = browser.find_element(By.CSS_SELECTOR, ".match-card")
    assert "is-match" in best.get_attribute("class")
    marked = [mark.text for mark in best.find_elements(By.TAG_NAME, "mark")]
    assert marked == ["CHOE", "Ryong", "Hae"]
    opened = browser.find_elements(By.CSS_SELECTOR, '.results a[href^="/alerts/"]')
    assert len(opened) == 1  # one match, one alert
    alert_url = opened[0].get_attribute("href")
    shoot(browser, "03-results")

    best.find_element(By.CSS_SELECTOR, "a.entry-link").click()
    wait_for(browser, ".timeline")
    assert browser.current_url == base + "/entities/us_ofac_sdn/23213"
    assert browser.find_element(By.TAG_NAME, "h1").text == "CHOE, Ryong Hae"
    shoot(browser, "04-entity")

    browser.get(base + "/lists")
    assert "Stale lists" in browser.find_element(By.CSS_SELECTOR, ".notice.warning").text
    shoot(browser, "05-lists")
    submit(browser, "/lists/changes")
    wait_for(browser, "table.summary")
    browser.find_element(By.CSS_SELECTOR, "#amended-title ~ details > summary").click()
    shoot(browser, "06-changes")

    browser.find_element(By.LINK_TEXT, "Alerts").click()
    wait_for(browser, "table.queue")
    shoot(browser, "07-alerts")
    browser.find_element(By.CSS_SELECTOR, f'table.queue a[href="{alert_url[len(base) :]}"]').click()
    wait_for(browser, "#action-clear")
    assert not browser.find_elements(By.ID, "action-approve")  # review role: no approval
    shoot(browser, "08-alert-open")
    browser.find_element(By.ID, "action-clear").click()
    fill(browser, "reason", "Customer born 1988 in Busan; the listed man was born 1950.")
    submit(browser, alert_url[len(base) :] + "/decide")
    wait_for(browser, "#foureyes-title")
    pending = browser.find_element(By.CSS_SELECTOR, ".notice.warning").text
    assert "Clear proposed by ann" in pending
    assert "You proposed it" in pending
    shoot(browser, "09-alert-proposed")

    # A second user, with the approve role, approves it: four-eyes.
    browser.find_element(By.CSS_SELECTOR, 'form[action="/signout"] button').click()
    WebDriverWait(browser, WAIT).until(lambda d: "/signin" in d.current_url)
    loaded(browser)
    sign_in_as(browser, base, "bob", alert_url[len(base) :])
    browser.find_element(By.ID, "action-approve").click()
    fill(browser, "reason", "Agreed: the birth dates are 38 years apart.")
    submit(browser, alert_url[len(base) :] + "/decide")
    wait_for(browser, "#history-title")
    assert browser.find_element(By.CSS_SELECTOR, ".meta .badge").text == "cleared"
    rows = [
        [cell.text for cell in row.find_elements(By.TAG_NAME, "td")][1:3]
        for row in browser.find_elements(By.CSS_SELECTOR, "#history-title ~ div tbody tr")
    ]
    assert rows[-2:] == [["ann", "clear"], ["bob", "approve"]]
    assert not browser.find_elements(By.ID, "action-approve")  # decided: no more forms
    shoot(browser, "10-alert-cleared")
