"""The workbench in a real browser: headless Chromium driven by selenium.

Uses Debian's `chromium` and `chromium-driver` (nothing is downloaded). Without them the tests
skip locally; in CI (CI=true) a missing browser is a failure, never a silent skip.

`python tests/test_ui_browser.py docs/screenshots` makes the README's screenshots with the same
browser and the same kind of server.
"""
from __future__ import annotations

import os
import shutil
import sys
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
ROOT = Path(__file__).resolve().parent.parent
HELD = {"account": "acme-air", "text": "Book now, it is risk free.", "author": "jdoe"}


def browser_missing() -> str | None:
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        return "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    return None


if browser_missing():
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"browser tests cannot run in CI: {browser_missing()}", pytrace=False)
    pytest.skip(browser_missing(), allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402


class Server:
    """The service on a free local port, in a thread, over a throw-away policy copy and database."""

    def __init__(self, workdir: Path):
        from gatekeeper.app import create_app
        from gatekeeper.service import Settings

        self.policy_dir = workdir / "policies"
        shutil.copytree(ROOT / "policies", self.policy_dir, ignore=shutil.ignore_patterns("README.md"))
        self.app = create_app(Settings(policy_dir=str(self.policy_dir), database_url=f"sqlite:///{workdir / 'gk.db'}",
                                       policy_reload_seconds=0, policy_settle_seconds=0))
        self.gate = self.app.extensions["gatekeeper"]
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.api = self.app.test_client()
        self.keys = {}
        for name, role, accounts in (("scheduler", "poster", ["acme-air"]), ("reviewer", "reviewer", ["acme-air"]),
                                     ("audit", "auditor", ["*"]), ("root", "admin", ["*"])):
            self.keys[role] = self.gate.store.add_key(name, role, accounts)

    def hold(self, body=HELD) -> str:
        r = self.api.post("/v1/posts", json=body, headers={"Authorization": f"Bearer {self.keys['poster']}"})
        assert r.status_code == 202, r.get_json()
        return r.get_json()["decision_id"]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def start_browser(width=1200, height=900, javascript=True):
    options = webdriver.ChromeOptions()
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                f"--window-size={width},{height}", "--force-device-scale-factor=1", "--hide-scrollbars",
                "--disable-extensions", "--no-first-run"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    return driver


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("workbench"))
    yield s
    s.close()


@pytest.fixture(scope="module")
def driver():
    d = start_browser()
    yield d
    d.quit()


def sign_in(driver, server, role):
    driver.delete_all_cookies()
    driver.get(server.url + "/ui/login")
    field = driver.find_element(By.NAME, "key")
    assert field.get_attribute("type") == "password"
    assert driver.switch_to.active_element == field  # focus starts in the key field
    field.send_keys(server.keys[role] + Keys.ENTER)  # keyboard only
    WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".signout")))


def card(driver, decision_id):
    return driver.find_element(By.ID, f"card-{decision_id}")


def submit(driver, button):
    """Click a form's button and wait until the answer page has replaced this one: elements the answer
    is checked for (a flash message, a heading) may also be on the page being left."""
    page = driver.find_element(By.TAG_NAME, "html")
    button.click()
    WebDriverWait(driver, 10).until(left(page))


def left(page):
    """EC.staleness_of, also when ChromeDriver reports the replaced page as an inspector error ("Node with
    given id does not belong to the document", seen with Chromium 156 mid-navigation) instead of a stale
    element: either way the old page is gone."""
    stale = EC.staleness_of(page)

    def gone(driver):
        try:
            return stale(driver)
        except WebDriverException as error:
            if "does not belong to the document" in str(error):
                return True
            raise
    return gone


def test_sign_in_and_out(driver, server):
    sign_in(driver, server, "reviewer")
    assert "reviewer · reviewer" in driver.find_element(By.CSS_SELECTOR, ".who").text
    cookie = driver.get_cookie("gatekeeper_ui")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert "gatekeeper_ui" not in driver.execute_script("return document.cookie")
    driver.find_element(By.CSS_SELECTOR, ".signout button").click()
    WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.NAME, "key")))
    driver.get(server.url + "/ui/reviews")
    assert driver.current_url.startswith(server.url + "/ui/login")


def test_approve_and_reject_held_posts(driver, server):
    approve_id = server.hold()
    reject_id = server.hold({**HELD, "text": "Zero risk: book today!", "author": "ann"})
    sign_in(driver, server, "reviewer")
    driver.get(server.url + "/ui/reviews")
    assert "js" in driver.find_element(By.TAG_NAME, "html").get_attribute("class")
    # The finding's message shows when its highlight gets keyboard focus.
    mark = card(driver, approve_id).find_element(By.CSS_SELECTOR, "mark.hl")
    tip = mark.find_element(By.CSS_SELECTOR, ".tip")
    assert mark.text.startswith("risk free") and not tip.is_displayed()
    driver.execute_script("arguments[0].focus()", mark)
    assert tip.is_displayed() and "legal review" in tip.text
    # The countdown is live.
    countdown = card(driver, approve_id).find_element(By.CSS_SELECTOR, "time.countdown")
    driver.execute_script("arguments[0].textContent = 'stale'", countdown)
    WebDriverWait(driver, 5).until(lambda d: countdown.text.startswith(("2 d 23 h", "3 d 0 h")))

    card(driver, approve_id).find_element(By.NAME, "note").send_keys("Checked with legal")
    submit(driver, card(driver, approve_id).find_element(By.XPATH, ".//button[text()='Approve']"))
    WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".flash-ok")))
    assert "Approved and sent" in driver.find_element(By.CSS_SELECTOR, ".flash-ok").text
    assert not driver.find_elements(By.ID, f"card-{approve_id}")
    assert [p["text"] for p in server.gate.store.sandbox_list()] == [HELD["text"]]

    # Reject needs a reason: the browser will not send the form without one.
    reject_button = card(driver, reject_id).find_element(By.XPATH, ".//button[text()='Reject']")
    reject_button.click()
    assert card(driver, reject_id) and server.gate.store.held(reject_id)["status"] == "held"
    card(driver, reject_id).find_element(By.NAME, "reason").send_keys("Claims need legal sign-off")
    submit(driver, card(driver, reject_id).find_element(By.XPATH, ".//button[text()='Reject']"))
    WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".flash-ok")))
    assert "Rejected" in driver.find_element(By.CSS_SELECTOR, ".flash-ok").text
    assert server.gate.store.held(reject_id)["status"] == "rejected"
    assert len(server.gate.store.sandbox_list()) == 1


def test_resolve_an_interrupted_send(driver, server):
    decision_id = server.hold({**HELD, "author": "ann"})
    assert server.gate.store.held_move(decision_id, ("held",), "unknown")  # as Gate.reconcile leaves it
    sign_in(driver, server, "reviewer")
    driver.get(server.url + "/ui/reviews?status=unknown")
    box = card(driver, decision_id)
    assert "Check the platform first" in box.text and not box.find_elements(By.XPATH, ".//button[text()='Approve']")
    box.find_element(By.NAME, "note").send_keys("Not on the feed")
    submit(driver, box.find_element(By.XPATH, ".//button[text()='It was not published']"))
    WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".flash-ok")))
    assert "Recorded as not published" in driver.find_element(By.CSS_SELECTOR, ".flash-ok").text
    assert driver.current_url.endswith("/ui/reviews?status=unknown") and not driver.find_elements(By.ID, f"card-{decision_id}")
    assert server.gate.store.held(decision_id)["status"] == "forward_failed"
    event = server.gate.store.decision(decision_id)["events"][-1]
    assert (event["outcome"], event["note"]) == ("not_sent", "Not on the feed")


def test_try_a_post(driver, server):
    sign_in(driver, server, "poster")
    driver.get(server.url + "/ui/try")
    driver.find_element(By.NAME, "text").send_keys("Fly with us: guaranteed returns on every AcmeMiles point!")
    Select(driver.find_element(By.NAME, "account")).select_by_value("acme-air")
    driver.find_element(By.XPATH, "//button[text()='Check']").click()
    WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.ID, "result")))
    assert driver.find_element(By.CSS_SELECTOR, "#result-h .verdict").text.lower() == "block"
    mark = driver.find_element(By.CSS_SELECTOR, "#result mark.hl-block")
    assert mark.text.startswith("guaranteed returns")
    assert driver.find_element(By.NAME, "text").get_attribute("value").startswith("Fly with us")  # kept for editing


def test_forged_form_is_refused_and_changes_nothing(driver, server):
    decision_id = server.hold()
    sign_in(driver, server, "reviewer")
    driver.get(server.url + "/ui/reviews")
    form = card(driver, decision_id).find_element(By.CSS_SELECTOR, "form")
    driver.execute_script("arguments[0].querySelector('[name=csrf_token]').value = 'forged'", form)
    submit(driver, form.find_element(By.XPATH, ".//button[text()='Approve']"))
    WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.TAG_NAME, "h1")))
    assert driver.find_element(By.TAG_NAME, "h1").text.startswith("400")
    assert "CSRF" in driver.find_element(By.CSS_SELECTOR, "[role=alert]").text
    assert server.gate.store.held(decision_id)["status"] == "held"


def test_pages_a_role_may_not_use_answer_403(driver, server):
    sign_in(driver, server, "poster")
    nav = driver.find_element(By.CSS_SELECTOR, "nav").text
    assert "Try a post" in nav and "Review queue" not in nav
    driver.get(server.url + "/ui/decisions")
    assert driver.find_element(By.TAG_NAME, "h1").text.startswith("403")


def test_basic_flows_work_with_javascript_off(server):
    decision_id = server.hold()
    plain = start_browser(javascript=False)
    try:
        sign_in(plain, server, "reviewer")
        plain.get(server.url + "/ui/reviews")
        assert "js" not in (plain.find_element(By.TAG_NAME, "html").get_attribute("class") or "")  # scripts really are off
        submit(plain, card(plain, decision_id).find_element(By.XPATH, ".//button[text()='Approve']"))
        WebDriverWait(plain, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".flash-ok")))
        assert server.gate.store.held(decision_id)["status"] == "sent"
        plain.get(server.url + "/ui/try")
        plain.find_element(By.NAME, "text").send_keys("Thanks for flying with us!")
        submit(plain, plain.find_element(By.XPATH, "//button[text()='Check']"))
        WebDriverWait(plain, 10).until(EC.presence_of_element_located((By.ID, "result")))
        assert plain.find_element(By.CSS_SELECTOR, "#result-h .verdict").text.lower() == "allow"
    finally:
        plain.quit()


# -- screenshots for the README ------------------------------------------------------------------
def make_screenshots(out_dir: Path) -> list[Path]:
    """Seed a realistic queue and log, then photograph each page at 1200 px wide."""
    import tempfile

    from conftest import Recorder, set_upstream

    out_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="gk-shots-"))
    server = Server(work)
    down = Recorder(status=503, body=b'{"error": "service unavailable"}')
    driver = start_browser()
    shots = []
    try:
        poster = {"Authorization": f"Bearer {server.keys['poster']}"}
        for body in (
            {"account": "acme-air", "author": "maria.lopez", "text": "Big news: the new Boston lounge is open, and it's totally risk free to upgrade!"},
            {"account": "acme-air", "author": "dev-bot", "automated": True,
             "text": "Thanks for following us, @sunny_day_sarah! Our new oat snack cures the travel blues."},
            {"account": "acme-air", "author": "sam.k", "text": "Heads up: the layoffs memo goes out Friday, we will post the route changes after."},
        ):
            assert server.api.post("/v1/posts", json=body, headers=poster).status_code == 202
            time.sleep(0.01)
        set_upstream(server.policy_dir, "acme-air", f"upstream:\n  type: webhook\n  url: {down.url}/hook\n")
        failed = server.hold({"account": "acme-air", "author": "maria.lopez", "text": "Zero risk: book the winter sale today!"})
        reviewer = {"Authorization": f"Bearer {server.keys['reviewer']}"}
        server.api.post(f"/v1/reviews/{failed}/approve", json={"note": "ok"}, headers=reviewer)
        set_upstream(server.policy_dir, "acme-air", "upstream:\n  type: sandbox\n")
        interrupted = server.hold({"account": "acme-air", "author": "dev-bot", "automated": True,
                                   "text": "Flight AC 212 is boarding now at gate B12: risk free rebooking for everyone!"})
        assert server.gate.store.held_move(interrupted, ("held",), "unknown")  # as a crash mid-send leaves it
        for text in ("See you on board, Dana! Gate B12 opens at 6:40.", "Call me on 415-555-0123 and I'll fix the booking",
                     "Guaranteed returns with AcmeMiles!", "Sorry if you feel the delay was our fault.",
                     "Our fall timetable is live on https://acme-air.com/timetable", "WHY IS NOBODY ANSWERING"):
            server.api.post("/v1/check", json={"account": "acme-air", "text": text}, headers=poster)
        draft = work / "draft"
        shutil.copytree(server.policy_dir, draft)
        main = draft / "gatekeeper.yaml"
        main.write_text(main.read_text().replace("rules:\n", "rules:\n  tone.blame: review\n  lexicon.finance.risk_free: block\n", 1))

        def shoot(name, path, role, before=None):
            sign_in(driver, server, role)
            driver.get(server.url + path)
            if before:
                before()
            height = min(max(driver.execute_script("return document.documentElement.scrollHeight"), 500), 2400)
            driver.set_window_size(1200, height)
            # The window's own frame takes part of its height: grow it until the page fits the viewport.
            frame = driver.execute_script("return window.outerHeight - window.innerHeight")
            if frame > 0:
                driver.set_window_size(1200, height + frame)
            target = out_dir / f"{name}.png"
            driver.save_screenshot(str(target))
            driver.set_window_size(1200, 900)
            shots.append(target)

        def focus_first_mark():
            driver.execute_script("document.querySelector('mark.hl').focus()")

        def try_a_post():
            driver.find_element(By.NAME, "text").send_keys(
                "So sorry about bag! Call us on 415-555-0123, and check https://acme-air-deals.com for a voucher.")
            driver.find_element(By.XPATH, "//button[text()='Check']").click()
            WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.ID, "result")))
            driver.execute_script("document.querySelector('#result mark.hl').focus()")

        shoot("login", "/ui/login", "reviewer", lambda: (driver.delete_all_cookies(), driver.get(server.url + "/ui/login")))
        shoot("reviews", "/ui/reviews", "reviewer", focus_first_mark)
        shoot("decisions", "/ui/decisions", "auditor")
        oldest_held = server.gate.store.decisions(limit=50)[-1]["decision_id"]
        server.api.post(f"/v1/reviews/{oldest_held}/approve", json={"note": "Lounge copy checked with legal"}, headers=reviewer)
        shoot("decision", f"/ui/decisions/{oldest_held}", "auditor")
        jdoe = server.policy_dir / "accounts" / "jdoe.yaml"
        jdoe.write_text(jdoe.read_text().replace("kind: personal", "kind: persnal"))
        shoot("policy", "/ui/policy?q=refund", "auditor")
        shoot("try", "/ui/try", "reviewer", try_a_post)
        shoot("what-if", f"/ui/what-if?draft={draft}&n=100", "admin")
    finally:
        driver.quit()
        down.close()
        server.close()
        shutil.rmtree(work, ignore_errors=True)
    return shots


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.path.insert(0, str(ROOT))
    for shot in make_screenshots(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")):
        print(shot, shot.stat().st_size, "bytes")
