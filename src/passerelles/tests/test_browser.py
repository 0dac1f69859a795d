"""A person's path through the site in a real headless Chromium: home, search, a project, English."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", Path(__file__).resolve().parents[3] / "screenshots"))

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Chromium (Debian package chromium)"),
]


@pytest.fixture
def demo_site(transactional_db, live_server):
    """The live site with the demonstration data, loaded before the browser starts its event loop."""
    from passerelles.demo.load import load_demo

    load_demo()
    return live_server


@pytest.fixture
def page(demo_site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="fr-FR")
        yield page
        browser.close()


def test_home_search_project_english(demo_site, page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    page.goto(demo_site.url + "/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("heading", name="Chiffres clés").is_visible()
    page.screenshot(path=str(SCREENSHOTS / "1-home.png"), full_page=True)

    page.get_by_label("Rechercher des projets").fill("Porto-Novo")
    page.keyboard.press("Enter")
    page.wait_for_url("**/projects/?q=Porto-Novo")
    assert page.locator(".count-line").inner_text().startswith("1 projet ")
    page.screenshot(path=str(SCREENSHOTS / "2-search.png"), full_page=True)

    page.get_by_role("link", name="Réhabilitation et valorisation multimédia").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Financement").is_visible()
    assert page.get_by_text("140\u202f000 EUR").first.is_visible()
    page.screenshot(path=str(SCREENSHOTS / "3-project.png"), full_page=True)

    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/projects/**")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Financing").is_visible()
    assert page.get_by_text("Culture and heritage").first.is_visible()
    page.screenshot(path=str(SCREENSHOTS / "4-project-en.png"), full_page=True)
