"""Rank intervals computed in the background, in headless Chromium: the classement and the jury dashboard of a large
deliberation demo answer before their intervals (« Intervalles de rang en cours de calcul », « en calcul » cells),
then fill themselves in (the page asks again every 2 s and reloads once they are in), without JavaScript the
« Actualiser » link does it; the deliberation page (forms) asks to be reloaded and never reloads itself. At 1280 and
390 px, axe-core audit of the waiting page, sideways scrolling, console errors.

Usage, against a fresh deliberation demo of 1,000 posters (2,000 ballots: above the 600 a page waits for) on loopback:
    .build/debug/concours serve --demo --demo-phase deliberation --demo-entries 1000 --host 127.0.0.1 --port 18661 --data-dir /tmp/intervals-demo &
    python3 .ci/browser/intervals.py 18661 /tmp/intervals-check
Each first view needs intervals nobody asked for yet: the pages are opened with another method each time
(the classement calibrated, the dashboard by the raw mean, the deliberation by the z-score): run it on a fresh demo. The last line is « N passed, N failed »."""
import os, sys, time
from selenium.webdriver.common.by import By
from chromium import axe, check, console_errors, driver, overflow, summary

PORT, OUT = sys.argv[1], sys.argv[2]
os.makedirs(OUT, exist_ok=True)
PENDING = "Intervalles de rang en cours de calcul"

def sign_in(d):
    d.get(f"http://127.0.0.1:{PORT}/connexion")
    d.find_element(By.ID, "email").send_keys("organisation@demo.concours.fr")
    d.find_element(By.ID, "password").send_keys("demo-persévérance")
    d.find_element(By.CSS_SELECTOR, "form[action='/connexion'] button[type=submit]").click()
    time.sleep(1)

def body(d):
    """The page's text, no-break spaces as plain ones."""
    return d.find_element(By.TAG_NAME, "body").text.replace("\u00a0", " ").replace("\u202f", " ")

def until_filled(d, seconds=60):
    """Waits for the page to fill itself in (it reloads itself); true if it did."""
    end = time.time() + seconds
    while time.time() < end:
        if PENDING not in body(d):
            return True
        time.sleep(0.5)
    return False

base = f"http://127.0.0.1:{PORT}/organisation/editions/2022"
# One method per first view: (page, method parameter, width).
# The classement (calibrated) at 1280 px, the dashboard by the raw mean at 390 px.
for width, height, page in ((1280, 900, "classement"), (390, 844, "jury?classement=brut")):
    tag = f"{page.split('?')[0]} {width}"
    d = driver(width, height)
    try:
        sign_in(d)
        d.get(f"{base}/{page}")
        started = time.time()
        text = body(d)
        check(f"answers before its intervals, {tag}", PENDING in text and "en calcul" in text, text[:200])
        notice = d.find_elements(By.CSS_SELECTOR, "[data-calcul-en-cours][role=status]")
        check(f"the notice is a status with an Actualiser link, {tag}", notice and notice[0].find_elements(By.LINK_TEXT, "Actualiser"))
        d.save_screenshot(f"{OUT}/pending-{tag.replace(' ', '-')}.png")
        axe(d, f"pending, {tag}", serious_only=False)
        overflow(d, f"pending, {tag}")
        filled = until_filled(d)
        check(f"fills itself in, {tag}", filled, f"{time.time() - started:.1f} s")
        text = body(d)
        check(f"intervals shown, {tag}", "en calcul" not in text and "%" in text)
        d.save_screenshot(f"{OUT}/filled-{tag.replace(' ', '-')}.png")
        console_errors(d, tag)
    finally:
        d.quit()

# The deliberation page (z-score: intervals nobody asked for yet), with its forms, says to reload and stays as it is;
# the dashboard by the same method then has them, or fills itself in.
d = driver(1280, 900)
try:
    sign_in(d)
    d.get(f"{base}/deliberation?classement=normalise")
    text = body(d)
    check("deliberation says to reload", PENDING in text and "rechargez la page" in text, text[:200])
    check("deliberation does not mark itself for reloading", not d.find_elements(By.CSS_SELECTOR, "[data-calcul-en-cours]"))
    axe(d, "deliberation pending", serious_only=False)
    marker = d.execute_script("window.__kept = 1; return window.__kept")
    time.sleep(6)
    check("deliberation did not reload itself", d.execute_script("return window.__kept") == marker)
    d.get(f"{base}/jury?classement=normalise")
    if PENDING in body(d):
        check("dashboard fills itself in", until_filled(d))
    else:
        check("dashboard intervals already computed (the deliberation asked for them)", "%" in body(d))
    d.save_screenshot(f"{OUT}/dashboard-1280.png")
    console_errors(d, "dashboard")
finally:
    d.quit()

# Without JavaScript: the Actualiser link.
d = driver(1280, 900, js=False)
try:
    sign_in(d)
    # A page size of its own makes the same intervals (already computed by now): the notice is gone at once, or after
    # following the link.
    d.get(f"{base}/classement?par=25")
    if PENDING in body(d):
        time.sleep(8)
        d.find_element(By.LINK_TEXT, "Actualiser").click()
        time.sleep(1)
    check("without JavaScript, Actualiser shows the intervals", PENDING not in body(d))
finally:
    d.quit()

summary()
