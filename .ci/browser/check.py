#!/usr/bin/env python3
"""Browser check of the « Concours » demo servers with Selenium + headless Chromium.

Expects the four demo servers on 127.0.0.1:18601..18604, started by .ci/browser/run.
Writes screenshots to $CHECK_OUT/shots, results to $CHECK_OUT/results.json
and axe findings to $CHECK_OUT/axe.json.  Every wait is bounded.
"""
import json, os, re, sys, time, traceback, zipfile, subprocess, io, csv
from urllib.parse import urlparse

import requests
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait, Select
from selenium.webdriver.support import expected_conditions as EC

BASE = os.environ.get("CHECK_OUT", "/tmp/concours-browser-check")
SHOTS = f"{BASE}/shots"
DL = f"{BASE}/downloads"
os.makedirs(SHOTS, exist_ok=True)
os.makedirs(DL, exist_ok=True)
P_OPEN, P_JURY, P_DELIB, P_PAL = 18601, 18602, 18603, 18604
ORG = ("organisation@demo.concours.fr", "demo-persévérance")
JURY1 = ("jury1@demo.concours.fr", "demo-jury-2022")
ACCESS_CODE = "PERSEVERER-2022"
POSTER1 = f"{BASE}/poster1.jpg"
POSTER2 = f"{BASE}/poster2.jpg"
AXE_JS = None
for p in sys.path:
    c = os.path.join(p, "axe_selenium_python/node_modules/axe-core/axe.min.js")
    if os.path.exists(c):
        AXE_JS = open(c, encoding="utf-8").read()
        break

RESULTS = []
AXE = []
OFFHOST = set()
DEADLINE = time.time() + 20 * 60  # whole run bounded to 20 minutes


def u(port, path):
    return f"http://127.0.0.1:{port}{path}"


def make_driver(width, height, js=True):
    o = webdriver.ChromeOptions()
    o.binary_location = "/usr/bin/chromium"
    for a in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
              f"--window-size={width},{height}", "--lang=fr-FR",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--disable-default-apps", "--no-first-run", "--disable-domain-reliability",
              "--disable-client-side-phishing-detection", "--disable-features=OptimizationHints,MediaRouter,Translate",
              "--metrics-recording-only", "--no-pings", "--safebrowsing-disable-auto-update",
              # any host other than loopback fails to resolve: keeps every request on 127.0.0.1
              "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]:
        o.add_argument(a)
    prefs = {"intl.accept_languages": "fr-FR,fr",
             "download.default_directory": DL, "download.prompt_for_download": False,
             "safebrowsing.enabled": False}
    if not js:
        o.add_argument("--blink-settings=scriptEnabled=false")
        prefs["profile.managed_default_content_settings.javascript"] = 2
    o.add_experimental_option("prefs", prefs)
    o.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)
    d.set_page_load_timeout(30)
    d.set_script_timeout(60)
    # make the viewport (not the outer window) the requested size
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                      {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
    d.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": DL})
    d._tag = f"{width}" + ("" if js else "-nojs")
    return d


def drain(d):
    """Return [(method, url, status, mime)] of documents since the last call; record off-host URLs."""
    out = []
    try:
        logs = d.get_log("performance")
    except Exception:
        return out
    reqs = {}
    for e in logs:
        try:
            m = json.loads(e["message"])["message"]
        except Exception:
            continue
        p = m.get("params", {})
        if m.get("method") == "Network.requestWillBeSent":
            url = p.get("request", {}).get("url", "")
            host = urlparse(url).hostname
            if url.startswith("http") and host not in ("127.0.0.1",):
                OFFHOST.add(url[:120])
            rr = p.get("redirectResponse")
            if rr and p.get("type") == "Document":
                out.append((reqs.get(p["requestId"], "?"), rr.get("url"), rr.get("status"), rr.get("mimeType")))
            reqs[p["requestId"]] = p.get("request", {}).get("method", "?")
        elif m.get("method") == "Network.responseReceived" and p.get("type") == "Document":
            r = p["response"]
            out.append((reqs.get(p["requestId"], "?"), r.get("url"), r.get("status"), r.get("mimeType")))
    return out


def http_summary(events):
    return " → ".join(f"{m} {urlparse(url).path} {s}" for m, url, s, _ in events) or "?"


def flash(d):
    msgs = []
    for sel in [".flash", ".error", ".notice", ".field-error", "#resume-erreurs"]:
        for el in d.find_elements(By.CSS_SELECTOR, sel):
            t = el.text.strip()
            if t and t not in msgs:
                msgs.append(t)
    return " | ".join(msgs)[:400]


def shot(d, name):
    path = f"{SHOTS}/{name}.png"
    try:
        # scroll through once (bounded) so that loading="lazy" images are fetched before the capture
        vh = d.execute_script("return window.innerHeight") or 800
        for _ in range(10):
            if not d.execute_script("var y=window.scrollY;window.scrollBy(0,arguments[0]);return window.scrollY>y", vh):
                break
            time.sleep(0.1)
        d.execute_script("window.scrollTo(0,0)")
        t0 = time.time()
        while time.time() - t0 < 3 and not d.execute_script(
                "return Array.from(document.images).every(i=>i.complete)"):
            time.sleep(0.2)
    except Exception:
        pass
    try:
        # full-page screenshot through CDP (the viewport stays as set)
        import base64
        m = d.execute_cdp_cmd("Page.getLayoutMetrics", {})
        h = int(min(m["cssContentSize"]["height"], 6000))
        w = int(m["cssLayoutViewport"]["clientWidth"])
        data = d.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                                            "clip": {"x": 0, "y": 0, "width": w, "height": h, "scale": 1}})
        open(path, "wb").write(base64.b64decode(data["data"]))
    except Exception:
        d.save_screenshot(path)
    return path


def record(flow, step, ok, http="", msg="", shotpath="", note=""):
    RESULTS.append(dict(flow=flow, step=step, ok=bool(ok), http=http, msg=msg, shot=shotpath, note=note))
    print(f"[{'OK' if ok else 'FAILED'}] {flow} / {step} | {http} | {msg[:160]} | {note} | {shotpath}", flush=True)


def go(d, port, path):
    drain(d)
    d.get(u(port, path))
    return drain(d)


def submit_and_wait(d, el):
    """Click a submit button and wait (bounded) for a new page."""
    drain(d)
    old = d.find_element(By.TAG_NAME, "html")
    el.click()
    try:
        WebDriverWait(d, 30).until(EC.staleness_of(old))
    except Exception:
        pass
    WebDriverWait(d, 30).until(lambda x: x.execute_script("return document.readyState") == "complete")
    return drain(d)


def login(d, port, creds, flow, tag):
    ev = go(d, port, "/connexion")
    d.find_element(By.ID, "email").clear()
    d.find_element(By.ID, "email").send_keys(creds[0])
    d.find_element(By.ID, "password").send_keys(creds[1])
    ev += submit_and_wait(d, d.find_element(By.CSS_SELECTOR, "form[action='/connexion'] button[type=submit]"))
    s = shot(d, f"{tag}-login")
    ok = "/connexion" not in urlparse(d.current_url).path and d.find_elements(By.CSS_SELECTOR, "li.who a")
    record(flow, f"sign in as {creds[0]}", ok, http_summary(ev), flash(d) or d.title, s,
           f"landed on {urlparse(d.current_url).path}")
    return ok


def logout(d, flow, tag):
    btn = d.find_element(By.CSS_SELECTOR, "form[action='/deconnexion'] button")
    ev = submit_and_wait(d, btn)
    s = shot(d, f"{tag}-logout")
    ok = not d.find_elements(By.CSS_SELECTOR, "li.who a") and d.find_elements(By.CSS_SELECTOR, "a[href='/connexion']")
    record(flow, "sign out", ok, http_summary(ev), flash(d), s, f"landed on {urlparse(d.current_url).path}")


def scroll(d, el):
    try:
        d.execute_script("arguments[0].scrollIntoView({block:'center'})", el)
    except Exception:
        pass


def axe(d, page_label):
    if not AXE_JS:
        return
    if time.time() > DEADLINE:
        return
    try:
        d.execute_script(AXE_JS)
        res = d.execute_async_script(
            "var cb=arguments[arguments.length-1];"
            "axe.run(document,{resultTypes:['violations']}).then(function(r){cb({v:r.violations.map(function(v){"
            "return {id:v.id,impact:v.impact,help:v.help,nodes:v.nodes.map(function(n){return {target:n.target,html:n.html.slice(0,200),summary:n.failureSummary}})}})})})"
            ".catch(function(e){cb({error:String(e)})});")
    except Exception as e:
        res = {"error": repr(e)}
    entry = {"page": page_label, "width": d._tag, "url": d.current_url, "violations": res.get("v", []),
             "error": res.get("error")}
    AXE.append(entry)
    ser = [v for v in entry["violations"] if v["impact"] in ("serious", "critical")]
    print(f"   axe {page_label}@{d._tag}: {len(entry['violations'])} violations, {len(ser)} serious/critical"
          + (f" ERROR {entry['error']}" if entry["error"] else ""), flush=True)


# ---------------------------------------------------------------- flow 1 / 2: submission
def fill_submission(d, flow, tag, establishment, uai, title, js):
    ev = go(d, P_OPEN, "/participer")
    s = shot(d, f"{tag}-01-form")
    record(flow, "open /participer", any(x[2] == 200 for x in ev), http_summary(ev), d.title, s)
    if js:
        axe(d, "/participer")
    f = d.find_element(By.ID, "champ-etablissement")
    f.send_keys(establishment)
    picked = establishment
    if not js:
        time.sleep(1.5)
        n = d.execute_script("return document.querySelectorAll('#liste-etablissements option').length")
        record(flow, "JavaScript really off (no datalist suggestions after typing)", n == 0, "", f"{n} suggestion(s)")
    if js:
        # wait for the suggestion list fed by /etablissements/recherche, then pick the matching option
        try:
            WebDriverWait(d, 8).until(lambda x: x.execute_script(
                "return document.querySelectorAll('#liste-etablissements option').length") > 0)
            opts = d.execute_script("return Array.from(document.querySelectorAll('#liste-etablissements option'))"
                                    ".map(o=>[o.value,o.label])")
            match = [o for o in opts if o[0] == uai] or opts
            # choosing a datalist option puts its value in the field, as a user's pick does
            d.execute_script("arguments[0].value=arguments[1];arguments[0].dispatchEvent(new Event('input',{bubbles:true}));"
                             "arguments[0].dispatchEvent(new Event('change',{bubbles:true}))", f, match[0][0])
            picked = f"{establishment} → suggestion {match[0][1]!r}"
            record(flow, "establishment suggestions (datalist)", True, "", f"{len(opts)} suggestion(s): {opts[:3]}")
        except Exception as e:
            record(flow, "establishment suggestions (datalist)", False, "", "no suggestion appeared in 8 s", note=repr(e)[:100])
    Select(d.find_element(By.ID, "champ-categorie")).select_by_value("college")
    d.find_element(By.ID, "champ-titre").send_keys(title)
    d.find_element(By.ID, "champ-intention").send_keys(
        "Notre classe a voulu montrer que chaque pas compte : l’affiche suit un élève qui reprend confiance.")
    d.find_element(By.ID, "champ-affiche").send_keys(POSTER1)
    d.find_element(By.ID, "champ-classe").send_keys("4e B")
    d.find_element(By.ID, "champ-eleves").send_keys("24")
    d.find_element(By.ID, "champ-enseignant").send_keys("Mme Hélène Dupré")
    d.find_element(By.ID, "champ-email").send_keys("helene.dupre@ac-test.fr")
    d.find_element(By.ID, "champ-code").send_keys(ACCESS_CODE)
    for cid in ["champ-droit_image", "champ-droit_auteur", "champ-galerie"]:
        cb = d.find_element(By.ID, cid)
        if not cb.is_selected():
            scroll(d, cb)
            cb.click()
    s = shot(d, f"{tag}-02-filled")
    ev = submit_and_wait(d, d.find_element(By.CSS_SELECTOR, "form[action='/participer'] button[type=submit]"))
    s = shot(d, f"{tag}-03-receipt")
    ref = d.find_elements(By.CSS_SELECTOR, ".receipt .reference")
    link = d.find_elements(By.CSS_SELECTOR, ".receipt dd a")
    ok = bool(ref and link)
    record(flow, f"submit (establishment: {picked})", ok, http_summary(ev),
           (d.find_element(By.CSS_SELECTOR, ".receipt h1").text + " — réf. " + ref[0].text) if ok else flash(d), s,
           f"private link {link[0].get_attribute('href')}" if ok else f"url {d.current_url}")
    if not ok:
        return None
    priv = link[0].get_attribute("href")
    if js:
        axe(d, "receipt (after submission)")
    return priv


def private_page_flow(d, flow, tag, priv, js):
    ev = go(d, P_OPEN, urlparse(priv).path)
    s = shot(d, f"{tag}-04-private")
    ok = any(x[2] == 200 for x in ev) and d.find_elements(By.ID, "champ-titre")
    record(flow, "open private link", ok, http_summary(ev), d.find_element(By.TAG_NAME, "h1").text, s)
    if js:
        axe(d, "private page /depot/…")
    # edit title
    t = d.find_element(By.ID, "champ-titre")
    t.clear()
    t.send_keys("Titre modifié — chaque pas compte")
    ev = submit_and_wait(d, d.find_element(By.CSS_SELECTOR, f"form[action='{urlparse(priv).path}'] button[type=submit]"))
    s = shot(d, f"{tag}-05-edited")
    body = d.find_element(By.TAG_NAME, "body").text
    fl = flash(d)
    ok = "Titre modifié — chaque pas compte" in body and d.find_elements(By.CSS_SELECTOR, ".flash")
    record(flow, "edit title and save", ok, http_summary(ev), fl, s,
           "" if ok else ("title changed but no .flash message" if "Titre modifié" in body else "title not changed"))
    # replace poster
    before = d.find_element(By.CSS_SELECTOR, ".entry-summary").text
    d.find_element(By.CSS_SELECTOR, "form[action$='/affiche'] input[type=file]").send_keys(POSTER2)
    ev = submit_and_wait(d, d.find_element(By.CSS_SELECTOR, "form[action$='/affiche'] button[type=submit]"))
    s = shot(d, f"{tag}-06-replaced")
    after = d.find_elements(By.XPATH, "//section[contains(@class,'entry-summary')]//dt[normalize-space()='Fichier']/following-sibling::dd[1]")
    after = after[0].text if after else ""
    changed = "1240" in after or "1754" in after
    ok = changed and d.find_elements(By.CSS_SELECTOR, ".flash")
    record(flow, "replace poster (1240×1754 JPEG)", ok, http_summary(ev), flash(d), s,
           "file facts now: " + after[:100])
    # withdraw
    cb = d.find_element(By.ID, "champ-confirmation")
    scroll(d, cb)
    cb.click()
    ev = submit_and_wait(d, d.find_element(By.CSS_SELECTOR, "form[action$='/retrait'] button[type=submit]"))
    s = shot(d, f"{tag}-07-withdrawn")
    body = d.find_element(By.TAG_NAME, "body").text
    ok = "retirée" in body and d.find_elements(By.CSS_SELECTOR, ".flash")
    record(flow, "withdraw (confirmation ticked)", ok, http_summary(ev), flash(d), s)


def flow_submission(width, height, js, establishment, uai, flow, tag):
    d = make_driver(width, height, js)
    try:
        if js is False:
            # verify that JS is really off
            go(d, P_OPEN, "/")
            try:
                on = d.execute_script("return 1")
                note = "WebDriver can still run scripts (expected); page scripts are blocked by the setting"
            except Exception:
                note = ""
        priv = fill_submission(d, flow, tag, establishment, uai,
                               f"Chaque pas compte ({tag})", js)
        if priv:
            private_page_flow(d, flow, tag, priv, js)
    except Exception as e:
        record(flow, "exception", False, "", repr(e)[:300], shot(d, f"{tag}-exception"), traceback.format_exc()[-300:])
    finally:
        d.quit()


# ---------------------------------------------------------------- flow 3: jury
def flow_jury():
    flow = "3 jury"
    d = make_driver(1280, 900)
    try:
        login(d, P_JURY, JURY1, flow, "jury")
        ev = go(d, P_JURY, "/jury")
        s = shot(d, "jury-01-list")
        cards = d.find_elements(By.CSS_SELECTOR, ".jury-grid .card a[href^='/jury/affiches/']")
        record(flow, "open jury list /jury", any(x[2] == 200 for x in ev) and bool(cards), http_summary(ev),
               d.find_element(By.CSS_SELECTOR, ".progress-line").text if d.find_elements(By.CSS_SELECTOR, ".progress-line") else "",
               s, f"{len(cards)} poster links")
        href = cards[0].get_attribute("href")
        ev = go(d, P_JURY, urlparse(href).path)
        s = shot(d, "jury-02-poster")
        img_ok = d.execute_script("var i=document.querySelector('figure.poster img');return !!i && i.complete && i.naturalWidth>0")
        record(flow, f"open poster {urlparse(href).path}", any(x[2] == 200 for x in ev) and img_ok, http_summary(ev),
               d.find_element(By.TAG_NAME, "h1").text, s, f"image loaded={img_ok}")
        fss = d.find_elements(By.CSS_SELECTOR, ".score-form fieldset")
        for i, fs in enumerate(fss):
            radios = fs.find_elements(By.CSS_SELECTOR, "input[type=radio]")
            r = radios[min(len(radios) - 1, 3 + (i % 2))]
            d.execute_script("arguments[0].scrollIntoView({block:'center'})", r)
            r.click()
        d.find_element(By.ID, "commentaire").send_keys("Belle composition, message lisible.")
        ev = submit_and_wait(d, d.find_element(By.CSS_SELECTOR, "button[name=action][value=brouillon]"))
        s = shot(d, "jury-03-draft")
        checked = d.execute_script("return document.querySelectorAll('.score-form input[type=radio]:checked').length")
        fl = flash(d)
        record(flow, f"score {len(fss)} criteria, save draft", bool(fl) and checked == len(fss) and "corrigez" not in fl,
               http_summary(ev), fl, s, f"{checked}/{len(fss)} scores kept after reload; url {urlparse(d.current_url).path}")
        if urlparse(d.current_url).path != urlparse(href).path:
            go(d, P_JURY, urlparse(href).path)
        ev = submit_and_wait(d, d.find_element(By.CSS_SELECTOR, "button[name=action][value=valider]"))
        s = shot(d, "jury-04-validated")
        fl = flash(d)
        code0 = urlparse(href).path.split("/")[3]
        landed = urlparse(d.current_url).path
        ev2 = go(d, P_JURY, urlparse(href).path)
        s2 = shot(d, "jury-04b-validated-poster")
        validated = "Notation validée" in d.find_element(By.TAG_NAME, "body").text
        record(flow, "validate scoring", ("valid" in fl.lower() or f"{code0} enregistrée" in fl) and "corrigez" not in fl and validated,
               http_summary(ev), fl, s,
               f"redirected to next poster {landed}; reopening {code0} shows « Notation validée. »={validated} ({s2})")
        ev = go(d, P_JURY, "/jury")
        s = shot(d, "jury-05-list-after")
        code = urlparse(href).path.split("/")[3]
        badge = d.execute_script(
            "var a=document.querySelector(\".jury-grid a[href='/jury/affiches/\"+arguments[0]+\"']\");"
            "return a? a.closest('li').querySelector('.badge').textContent:''", code)
        record(flow, "jury list shows the poster's state", bool(badge), http_summary(ev),
               d.find_element(By.CSS_SELECTOR, ".progress-line").text, s, f"badge for {code}: {badge!r}")
        # password page
        who = d.find_element(By.CSS_SELECTOR, "li.who a")
        who_name = who.text
        ev = submit_and_wait(d, who)
        s = shot(d, "jury-06-password")
        axe(d, "/compte/mot-de-passe")
        ok = urlparse(d.current_url).path == "/compte/mot-de-passe" and any(x[2] == 200 for x in ev)
        record(flow, f"click user name « {who_name} » → /compte/mot-de-passe", ok, http_summary(ev),
               d.find_element(By.TAG_NAME, "h1").text, s)
        d.find_element(By.ID, "current").send_keys(JURY1[1])
        d.find_element(By.ID, "password").send_keys("password1234")
        d.find_element(By.ID, "password2").send_keys("password1234")
        ev = submit_and_wait(d, d.find_element(By.CSS_SELECTOR, "form[action='/compte/mot-de-passe'] button"))
        s = shot(d, "jury-07-password-refused")
        fl = flash(d)
        focused = d.execute_script("return document.activeElement && document.activeElement.id")
        record(flow, "new password « password1234 » refused", "pas été changé" in fl or "n’a pas" in fl, http_summary(ev),
               fl, s, f"focus on #{focused}")
        axe(d, "/compte/mot-de-passe (errors)")
        # sign out and back in
        logout(d, flow, "jury-08")
        ev = go(d, P_JURY, "/jury")
        s = shot(d, "jury-09-jury-after-logout")
        record(flow, "/jury after sign-out redirects to sign-in", "/connexion" in d.current_url, http_summary(ev),
               flash(d) or d.title, s)
        ok = login(d, P_JURY, JURY1, flow, "jury-10-relogin")
        ev = go(d, P_JURY, "/connexion")
        axe(d, "/connexion (signed in)")
    except Exception as e:
        record(flow, "exception", False, "", repr(e)[:300], shot(d, "jury-exception"), traceback.format_exc()[-400:])
    finally:
        d.quit()
    # sign-in page (anonymous) at both widths for axe, plus a wrong-password check
    for w, h in [(1280, 900), (390, 844)]:
        d = make_driver(w, h)
        try:
            ev = go(d, P_JURY, "/connexion")
            shot(d, f"connexion-{w}")
            axe(d, "/connexion")
            d.find_element(By.ID, "email").send_keys(JURY1[0])
            d.find_element(By.ID, "password").send_keys("mauvais-mot-de-passe")
            ev = submit_and_wait(d, d.find_element(By.CSS_SELECTOR, "form[action='/connexion'] button"))
            s = shot(d, f"connexion-{w}-wrong")
            record(flow, f"wrong password refused @{w}", "/connexion" in d.current_url and bool(flash(d)),
                   http_summary(ev), flash(d), s)
            if w == 390:
                login(d, P_JURY, JURY1, flow, "jury-390")
                go(d, P_JURY, "/jury")
                shot(d, "jury-390-list")
                go(d, P_JURY, "/compte/mot-de-passe")
                shot(d, "jury-390-password")
                axe(d, "/compte/mot-de-passe")
                cards = d.find_elements(By.CSS_SELECTOR, "a[href^='/jury/affiches/']")
        except Exception as e:
            record(flow, f"exception @{w}", False, "", repr(e)[:300], shot(d, f"connexion-{w}-exception"))
        finally:
            d.quit()


# ---------------------------------------------------------------- flow 4: deliberation
def session_from(d):
    s = requests.Session()
    for c in d.get_cookies():
        s.cookies.set(c["name"], c["value"], domain=c.get("domain"), path=c.get("path", "/"))
    s.trust_env = False  # no proxy: loopback only
    return s


def flow_deliberation():
    flow = "4 deliberation"
    d = make_driver(1280, 900)
    try:
        login(d, P_DELIB, ORG, flow, "delib")
        ev = go(d, P_DELIB, "/organisation/editions/2022")
        s = shot(d, "delib-01-edition")
        link = d.find_element(By.LINK_TEXT, "Délibération et prix")
        ev = submit_and_wait(d, link)
        s = shot(d, "delib-02-page")
        forms = d.find_elements(By.CSS_SELECTOR, "form.award-form[action$='/prix']")
        record(flow, "open « Délibération et prix »", any(x[2] == 200 for x in ev) and bool(forms), http_summary(ev),
               d.find_element(By.TAG_NAME, "h1").text, s, f"{len(forms)} award forms")
        f = forms[0]
        sel = Select(f.find_element(By.TAG_NAME, "select"))
        chosen = sel.first_selected_option.text
        dep = f.find_element(By.NAME, "depot").get_attribute("value")
        d.execute_script("arguments[0].scrollIntoView({block:'center'})", f)
        ev = submit_and_wait(d, f.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        s = shot(d, "delib-03-awarded")
        fl = flash(d)
        awarded = d.find_elements(By.XPATH, "//h2[normalize-space()='Prix attribués']")
        record(flow, f"award « {chosen} » (suggested) to entry {dep}", bool(awarded) and bool(fl) and "corrig" not in fl,
               http_summary(ev), fl, s)
        # a prize given at another place than its own needs a reason: rank-2 entry of the same category, « 3e prix », no reason
        row2 = d.find_elements(By.XPATH, f"//input[@name='depot' and @value='{dep}']/ancestor::table[1]"
                                          "//tr[td[1]/strong[normalize-space()='2']]//form[contains(@class,'award-form') and contains(@action,'/prix')]")
        if row2:
            f = row2[0]
            Select(f.find_element(By.TAG_NAME, "select")).select_by_value("troisieme")
            scroll(d, f)
            code2 = f.find_element(By.NAME, "depot").get_attribute("value")
            ev = submit_and_wait(d, f.find_element(By.CSS_SELECTOR, "button[type=submit]"))
            s = shot(d, "delib-04-out-of-rank-refused")
            fl = flash(d)
            record(flow, f"(extra) « 3e prix » to the rank-2 entry {code2} without a reason → refused",
                   ("motif" in fl.lower() or "indiquez pourquoi" in fl) and "attribué à" not in fl, http_summary(ev), fl, s)
        else:
            record(flow, "(extra) out-of-rank award check", False, "", "no rank-2 award form found in the same category")
        # CSV via browser cookie
        rs = session_from(d)
        r = rs.get(u(P_DELIB, "/organisation/editions/2022/export.csv"), timeout=30)
        ct = r.headers.get("Content-Type", "")
        cd = r.headers.get("Content-Disposition", "")
        open(f"{DL}/export.csv", "wb").write(r.content)
        txt = r.content.decode("utf-8-sig", errors="replace")
        bom = r.content[:3] == b"\xef\xbb\xbf"
        rows = list(csv.reader(io.StringIO(txt), delimiter=";" if txt.count(";") > txt.count(",") else ","))
        record(flow, "download CSV (session cookie reused with requests)",
               r.status_code == 200 and ct.startswith("text/csv"), f"GET export.csv {r.status_code}",
               f"Content-Type: {ct}; Content-Disposition: {cd}; BOM={bom}; "
               f"{len(rows)} rows; header: {rows[0][:6] if rows else ''}", f"{DL}/export.csv")
        # CSV without session must be refused
        r0 = requests.get(u(P_DELIB, "/organisation/editions/2022/export.csv"), timeout=30, allow_redirects=False)
        record(flow, "(extra) CSV without session is not served", r0.status_code in (302, 303, 401, 403),
               f"GET export.csv (no cookie) {r0.status_code}", r0.headers.get("Location", ""))
        # ZIP
        r = rs.get(u(P_DELIB, "/organisation/editions/2022/laureats.zip"), timeout=60)
        zpath = f"{DL}/laureats.zip"
        open(zpath, "wb").write(r.content)
        ct = r.headers.get("Content-Type", "")
        p1 = subprocess.run([sys.executable, "-m", "zipfile", "-t", zpath], capture_output=True, text=True, timeout=60)
        p2 = subprocess.run(["unzip", "-t", zpath], capture_output=True, text=True, timeout=60)
        p3 = subprocess.run(["unzip", "-l", zpath], capture_output=True, text=True, timeout=60)
        record(flow, "download winners' ZIP + zipfile -t + unzip -t",
               r.status_code == 200 and p1.returncode == 0 and p2.returncode == 0,
               f"GET laureats.zip {r.status_code}",
               f"Content-Type: {ct}; {len(r.content)} bytes; python zipfile -t rc={p1.returncode} {p1.stdout.strip()[-80:]}{p1.stderr.strip()[-120:]}; "
               f"unzip -t rc={p2.returncode} {p2.stdout.strip().splitlines()[-1] if p2.stdout.strip() else p2.stderr.strip()[-120:]}",
               zpath, "unzip -l: " + " / ".join(l.strip() for l in p3.stdout.splitlines()[3:-2])[:300])
        # browser download of the CSV by clicking the button (bounded wait)
        for fn in os.listdir(DL):
            if fn.endswith(".crdownload"):
                os.remove(os.path.join(DL, fn))
        before = set(os.listdir(DL))
        go(d, P_DELIB, "/organisation/editions/2022/deliberation")
        d.find_element(By.CSS_SELECTOR, "a[href$='export.csv']").click()
        new = set()
        t0 = time.time()
        while time.time() - t0 < 15:
            new = {f for f in set(os.listdir(DL)) - before if not f.endswith(".crdownload")}
            if new:
                break
            time.sleep(0.5)
        record(flow, "(extra) click CSV button in the browser → file downloaded", bool(new), "",
               f"new file(s) in {DL}: {sorted(new)}")
    except Exception as e:
        record(flow, "exception", False, "", repr(e)[:300], shot(d, "delib-exception"), traceback.format_exc()[-400:])
    finally:
        d.quit()


# ---------------------------------------------------------------- flow 5: organiser cancels an entry
def flow_cancel():
    flow = "5 organiser cancel"
    for w, h in [(1280, 900), (390, 844)]:
        d = make_driver(w, h)
        try:
            login(d, P_OPEN, ORG, flow, f"org-{w}")
            ev = go(d, P_OPEN, "/organisation/editions/2022/depots")
            s = shot(d, f"org-{w}-01-entries")
            links = [a.get_attribute("href") for a in d.find_elements(By.CSS_SELECTOR, "td a[href^='/organisation/depots/'] code")
                     and d.find_elements(By.XPATH, "//td/a[starts-with(@href,'/organisation/depots/')][code]")]
            record(flow, f"entries list @{w}", any(x[2] == 200 for x in ev) and bool(links), http_summary(ev),
                   d.find_element(By.TAG_NAME, "h1").text, s, f"{len(links)} entries")
            # pick an entry that is not cancelled yet (rows without an « annulée » badge)
            target = None
            for a in d.find_elements(By.XPATH, "//td/a[starts-with(@href,'/organisation/depots/')][code]"):
                row = a.find_element(By.XPATH, "./ancestor::tr")
                if "annulée" not in row.text and "retirée" not in row.text:
                    target = (a.get_attribute("href"), a.text)
                    break
            ev = go(d, P_OPEN, urlparse(target[0]).path)
            s = shot(d, f"org-{w}-02-entry")
            record(flow, f"open entry {target[1]} @{w}", any(x[2] == 200 for x in ev), http_summary(ev),
                   d.find_element(By.TAG_NAME, "h1").text, s)
            axe(d, "organiser entry page /organisation/depots/ID")
            h2 = d.find_elements(By.XPATH, "//h2[normalize-space()='Annuler ce dépôt']")
            if w == 1280:
                m = d.find_element(By.ID, "motif-annulation")
                d.execute_script("arguments[0].scrollIntoView({block:'center'})", m)
                m.send_keys("Doublon : dépôt fait deux fois par erreur (test navigateur)")
                ev = submit_and_wait(d, d.find_element(By.CSS_SELECTOR, "form[action$='/annulation'] button"))
                s = shot(d, f"org-{w}-03-cancelled")
                fl = flash(d)
                h1 = d.find_element(By.TAG_NAME, "h1").text
                record(flow, f"« Annuler ce dépôt » with a reason (section found={bool(h2)})",
                       "annulée" in h1 and bool(d.find_elements(By.CSS_SELECTOR, ".flash")), http_summary(ev), fl, s, f"h1: {h1}")
                ev = go(d, P_OPEN, "/organisation/editions/2022/depots")
                s = shot(d, f"org-{w}-04-entries-after")
                row = d.find_element(By.XPATH, f"//td/a[code[normalize-space()='{target[1]}']]/ancestor::tr")
                record(flow, "entries list shows it « annulée »", "annulée" in row.text, http_summary(ev),
                       re.sub(r"\s+", " ", row.text)[:200], s)
                ev = go(d, P_OPEN, "/organisation/journal")
                s = shot(d, f"org-{w}-05-journal")
                body = d.find_element(By.TAG_NAME, "body").text
                lines = [l for l in body.splitlines() if target[1] in l or "annul" in l.lower()]
                record(flow, "journal /organisation/journal lists the cancellation",
                       any(x[2] == 200 for x in ev) and any(target[1] in l for l in lines) and any("annul" in l.lower() for l in lines),
                       http_summary(ev), " / ".join(lines[:3])[:300], s)
        except Exception as e:
            record(flow, f"exception @{w}", False, "", repr(e)[:300], shot(d, f"org-{w}-exception"), traceback.format_exc()[-400:])
        finally:
            d.quit()


# ---------------------------------------------------------------- flow 6: publication
def images_report(d):
    return d.execute_script(
        "var imgs=Array.from(document.images);return [imgs.length, imgs.filter(i=>i.complete&&i.naturalWidth>0).length,"
        "imgs.filter(i=>!(i.complete&&i.naturalWidth>0)).map(i=>i.src).slice(0,5)]")


def flow_palmares():
    flow = "6 publication"
    for w, h in [(1280, 900), (390, 844)]:
        d = make_driver(w, h)
        try:
            for path, name in [("/palmares/2022", "palmares"), ("/palmares/2022/galerie", "galerie")]:
                ev = go(d, P_PAL, path)
                # lazy images: scroll through the page (bounded)
                for y in range(0, 20):
                    d.execute_script("window.scrollBy(0, 800)")
                    time.sleep(0.15)
                d.execute_script("window.scrollTo(0,0)")
                t0 = time.time()
                while time.time() - t0 < 10:
                    n, ok, bad = images_report(d)
                    if n and ok == n:
                        break
                    time.sleep(0.5)
                s = shot(d, f"pub-{w}-{name}")
                n, okc, bad = images_report(d)
                record(flow, f"{path} @{w}", any(x[2] == 200 for x in ev) and n > 0 and okc == n, http_summary(ev),
                       d.find_element(By.TAG_NAME, "h1").text, s, f"{okc}/{n} images loaded {bad}")
                if w == 1280:
                    axe(d, path)
            # open one poster link
            go(d, P_PAL, "/palmares/2022")
            a = d.find_elements(By.CSS_SELECTOR, "a[href*='/affiches/'][href$='/affiche']")
            if a and w == 1280:
                href = a[0].get_attribute("href")
                r = requests.get(href, timeout=30)
                record(flow, "(extra) a prize-winner's full image", r.status_code == 200 and r.headers.get("Content-Type", "").startswith("image/"),
                       f"GET {urlparse(href).path} {r.status_code}", r.headers.get("Content-Type", ""))
        except Exception as e:
            record(flow, f"exception @{w}", False, "", repr(e)[:300], shot(d, f"pub-{w}-exception"))
        finally:
            d.quit()


def flow_home_axe():
    for w, h in [(1280, 900), (390, 844)]:
        d = make_driver(w, h)
        try:
            ev = go(d, P_OPEN, "/")
            s = shot(d, f"home-{w}")
            record("0 home", f"/ @{w}", any(x[2] == 200 for x in ev), http_summary(ev), d.find_element(By.TAG_NAME, "h1").text, s)
            axe(d, "/")
        finally:
            d.quit()


def main():
    only = sys.argv[1:]
    steps = [
        ("home", flow_home_axe),
        ("sub1280", lambda: flow_submission(1280, 900, True, "Albert Camus", "0940389M", "1 submission JS @1280", "sub-1280")),
        ("sub390", lambda: flow_submission(390, 844, True, "Gustave Courbet", "0930167B", "1 submission JS @390", "sub-390")),
        ("nojs", lambda: flow_submission(1280, 900, False, "0940412M", "0940412M", "2 submission no-JS @1280", "nojs-1280")),
        ("nojs390", lambda: flow_submission(390, 844, False, "0770023G", "0770023G", "2 submission no-JS @390", "nojs-390")),
        ("jury", flow_jury),
        ("delib", flow_deliberation),
        ("cancel", flow_cancel),
        ("pal", flow_palmares),
    ]
    for name, fn in steps:
        if only and name not in only:
            continue
        if time.time() > DEADLINE:
            record(name, "skipped (time budget)", False)
            continue
        try:
            fn()
        except Exception as e:
            record(name, "exception", False, "", repr(e)[:300])
    json.dump(RESULTS, open(f"{BASE}/results.json", "w"), ensure_ascii=False, indent=1)
    json.dump(AXE, open(f"{BASE}/axe.json", "w"), ensure_ascii=False, indent=1)
    print("\n=== off-host requests seen:", sorted(OFFHOST) or "none")
    print("=== axe serious/critical:")
    for e in AXE:
        for v in e["violations"]:
            if v["impact"] in ("serious", "critical"):
                print(f"  {e['page']} @{e['width']}: {v['id']} ({v['impact']}) — {v['help']} — "
                      + "; ".join(" ".join(n['target']) for n in v["nodes"][:4]) + (f" (+{len(v['nodes'])-4})" if len(v['nodes']) > 4 else ""))
    print(f"=== {sum(r['ok'] for r in RESULTS)} OK, {sum(not r['ok'] for r in RESULTS)} FAILED")
    sys.exit(1 if any(not r["ok"] for r in RESULTS) else 0)


if __name__ == "__main__":
    main()
