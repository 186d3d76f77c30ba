#!/usr/bin/env python3
"""Browser check of the « Concours » demo servers with Selenium + headless Chromium.

Expects the six demo servers on 127.0.0.1:18601..18606, started by .ci/browser/run.
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
P_OPEN, P_JURY, P_DELIB, P_PAL, P_K, P_T2 = 18601, 18602, 18603, 18604, 18605, 18606
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
DEADLINE = time.time() + 30 * 60  # whole run bounded to 30 minutes


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
    # The declarations: original work, no identifying mark, no borrowed element, a recognisable person (so the
    # image-rights statement), the authors' rights, the gallery, and the règlement of the version shown.
    for cid in ["champ-original", "champ-sans_signe", "champ-elements_tiers", "personne-oui", "champ-droit_image",
                "champ-droit_auteur", "champ-galerie", "champ-reglement"]:
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


# ---------------------------------------------------------------- flow 7: sweep of every page
# Every page a user can reach, in each demo phase, as a visitor, the organiser and a juror, at 1280 px and 390 px:
# screenshot, axe-core audit (serious or critical fails), page-level horizontal overflow (fails, naming the widest
# element) and French typography of the rendered text (fails, quoting the excerpt).
SWEEP = []
WIDTHS = [(1280, 900), (390, 844)]
PHASES = [(P_OPEN, "open"), (P_JURY, "jury"), (P_DELIB, "delib"), (P_PAL, "pal"), (P_K, "repartition"), (P_T2, "second-tour")]

OVERFLOW_JS = r"""
var de = document.documentElement, vw = window.innerWidth;
if (de.scrollWidth <= vw) return null;
function clipped(el) {
  for (var p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    var s = getComputedStyle(p);
    if (s.overflowX === 'auto' || s.overflowX === 'scroll' || s.overflowX === 'hidden' || s.overflowX === 'clip') return true;
  }
  return false;
}
var worst = null, right = vw;
document.querySelectorAll('body *').forEach(function (el) {
  var r = el.getBoundingClientRect();
  if (r.right > right + 0.5 && !clipped(el)) { right = r.right; worst = el; }
});
var name = worst ? worst.tagName.toLowerCase() + (worst.id ? '#' + worst.id : '') +
  (worst.className && typeof worst.className === 'string' ? '.' + worst.className.trim().split(/\s+/).join('.') : '') : '?';
return {scrollWidth: de.scrollWidth, innerWidth: vw, widest: name, right: Math.round(right),
        text: worst ? (worst.innerText || '').slice(0, 60) : ''};
"""

# The rules of Tests/WebTests/TypographyScanWebTests.swift, on what the browser shows.
TYPO_JS = r"""
var out = [];
function add(rule, text, i) { out.push(rule + ': «' + text.slice(Math.max(0, i - 30), i + 30).replace(/\s+/g, ' ') + '»'); }
var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
var plainParents = {SCRIPT: 1, STYLE: 1, OPTION: 1, TEXTAREA: 1, CODE: 1, TITLE: 1};
for (var n = walker.nextNode(); n; n = walker.nextNode()) {
  var el = n.parentElement;
  if (!el || plainParents[el.tagName] || el.closest('code, pre.code, textarea')) continue;
  if (el.closest('[hidden]') || el.getClientRects().length === 0) continue;
  // URLs and e-mail addresses are not French text.
  var t = n.nodeValue.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+|\bmailto:\S+|\S+@\S+\.\S+/g, function (m) { return ' '.repeat(m.length); });
  var m, re;
  re = / [:;!?]/g; while ((m = re.exec(t))) add('espace ordinaire avant « ' + m[0][1] + ' »', t, m.index);
  re = /[^\s\u00a0\u202f\d][;!?]/g; while ((m = re.exec(t))) add('pas d’espace avant « ' + m[0][1] + ' »', t, m.index);
  re = /[^\s\u00a0\u202f\d]:(?!\d)/g; while ((m = re.exec(t))) add('pas d’espace avant « : »', t, m.index);
  re = /«(?![\u00a0\u202f])/g; while ((m = re.exec(t))) add('« sans espace insécable', t, m.index);
  re = /(?<![\u00a0\u202f])»/g; while ((m = re.exec(t))) add('» sans espace insécable', t, m.index);
  re = /\((?:e|s|es|x|ne|le)\)/g; while ((m = re.exec(t))) add('pluriel « (s) »', t, m.index);
  re = /\d{4}-\d{2}-\d{2}|T\d{2}:\d{2}/g; while ((m = re.exec(t))) add('date ISO', t, m.index);
  re = /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/g; while ((m = re.exec(t))) add('date numérique', t, m.index);
  re = /\b\d+(?:er|re|e|ère|ème|es|ers|res)\b/g; while ((m = re.exec(t))) add('ordinal sans exposant', t, m.index);
}
return out.slice(0, 40);
"""


# Breaches known to live in a template being rewritten elsewhere, shown as known rather than failing: none.
KNOWN_TYPO = []


def known_typo(label, breach):
    return any(label.startswith(page) and excerpt in breach for page, excerpt, _ in KNOWN_TYPO)


def set_width(d, width, height):
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                      {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
    d._tag = f"{width}"


def audit(d, flow, phase, label, path=None, expect=(200,), port=None):
    """Visits `path` (or audits the page shown when None) at both widths; records one result per width."""
    slug = re.sub(r"[^a-z0-9]+", "-", f"{phase}-{label}".lower()).strip("-")[:80]
    for w, h in WIDTHS:
        if time.time() > DEADLINE:
            record(flow, f"{label} @{w}", False, "", "skipped (time budget)")
            return
        set_width(d, w, h)
        if path is not None:
            ev = go(d, port, path)
        else:
            # a page answering a form: the layout follows the new width without sending the form again
            time.sleep(0.3)
            ev = drain(d)
        status = ev[-1][2] if ev else None
        s = shot(d, f"sweep-{slug}-{w}")
        before = len(AXE)
        axe(d, f"{phase} {label}")
        serious = []
        if len(AXE) > before:
            serious = [v for v in AXE[-1]["violations"] if v["impact"] in ("serious", "critical")]
            if AXE[-1].get("error"):
                serious.append({"id": "axe-error", "nodes": [{"target": [AXE[-1]["error"][:80]]}]})
        overflow = d.execute_script(OVERFLOW_JS)
        found = d.execute_script(TYPO_JS) or []
        typo = [t for t in found if not known_typo(label, t)]
        known = [t for t in found if known_typo(label, t)]
        problems = [f"axe {v['id']}: " + ", ".join(" ".join(n["target"]) for n in v["nodes"][:3]) for v in serious]
        if overflow:
            problems.append(f"overflow {overflow['scrollWidth']}>{overflow['innerWidth']}: {overflow['widest']} "
                            f"(right {overflow['right']}) «{overflow['text']}»")
        problems += [f"typo {t}" for t in typo]
        status_ok = status in expect if (path is not None and status is not None) else True
        if not status_ok:
            problems.append(f"HTTP {status}, expected {expect}")
        SWEEP.append(dict(phase=phase, page=label, width=w, url=d.current_url, status=status, shot=s,
                          axe_serious=len(serious), overflow=overflow, typography=typo, known_typography=known))
        record(flow, f"{label} @{w}", not problems, http_summary(ev) if path is not None else "", " | ".join(problems)[:600], s)


def sweep_login(d, port, creds, flow, tag):
    set_width(d, *WIDTHS[0])
    return login(d, port, creds, flow, tag)


def first_href(d, css):
    els = d.find_elements(By.CSS_SELECTOR, css)
    return urlparse(els[0].get_attribute("href")).path + (("?" + urlparse(els[0].get_attribute("href")).query)
                                                          if urlparse(els[0].get_attribute("href")).query else "") if els else None


def submit_demo_entry(port):
    """Files an entry with requests (as the form does) and returns the private path `/depot/TOKEN`."""
    s = requests.Session()
    s.trust_env = False
    r = s.get(u(port, "/participer"), timeout=30)
    token = re.search(r'name="_csrf" value="([^"]+)"', r.text).group(1)
    rules = re.search(r'name="reglement" value="([^"]+)"', r.text).group(1)
    fields = {"_csrf": token, "etablissement": "0940389M", "categorie": "college", "titre": "Balayage « affiche » du navigateur",
              "intention": "Une affiche déposée pour vérifier chaque page.", "classe": "3e A", "eleves": "20",
              "enseignant": "M. Testeur", "email": "testeur@ac-test.fr", "code": ACCESS_CODE,
              "original": "oui", "sans_signe": "oui", "elements_tiers": "aucun", "personne_reconnaissable": "oui",
              "droit_image": "oui", "droit_auteur": "oui", "galerie": "oui", "reglement": rules}
    with open(POSTER1, "rb") as f:
        r = s.post(u(port, "/participer"), data=fields, files={"affiche": ("affiche.jpg", f, "image/jpeg")},
                   allow_redirects=False, timeout=60)
    loc = r.headers.get("Location", "")
    return loc or None


def sweep_phase(port, phase):
    flow = f"7 sweep {phase}"
    d = make_driver(*WIDTHS[0])
    try:
        # ---- visitor
        audit(d, flow, phase, "accueil", "/", port=port)
        audit(d, flow, phase, "participer", "/participer", port=port, expect=(200, 403, 404))
        if phase == "open":
            d.get(u(port, "/participer"))
            d.find_element(By.CSS_SELECTOR, "form[action='/participer'] button[type=submit]").click()
            WebDriverWait(d, 30).until(lambda x: x.execute_script("return document.readyState") == "complete")
            audit(d, flow, phase, "participer (erreurs)")
            receipt = submit_demo_entry(port)
            if receipt:
                audit(d, flow, phase, "accusé de dépôt", receipt, port=port)
                audit(d, flow, phase, "page privée", urlparse(receipt).path, port=port)
            else:
                record(flow, "submission for the receipt", False, "", "no redirect after POST /participer")
        audit(d, flow, phase, "palmarès (archive)", "/palmares", port=port)
        if phase == "pal":
            audit(d, flow, phase, "palmarès 2022", "/palmares/2022", port=port)
            audit(d, flow, phase, "galerie 2022", "/palmares/2022/galerie", port=port)
        else:
            audit(d, flow, phase, "palmarès 2022 non publié (404)", "/palmares/2022", port=port, expect=(404,))
        audit(d, flow, phase, "page inconnue (404)", "/page-inexistante", port=port, expect=(404,))
        audit(d, flow, phase, "connexion", "/connexion", port=port)
        set_width(d, *WIDTHS[0])
        go(d, port, "/connexion")
        d.find_element(By.ID, "email").send_keys(ORG[0])
        d.find_element(By.ID, "password").send_keys("mauvais mot de passe")
        submit_and_wait(d, d.find_element(By.CSS_SELECTOR, "form[action='/connexion'] button[type=submit]"))
        audit(d, flow, phase, "connexion (erreur)")
        # the legal pages, the règlement and the model forms (a page that does not answer 200, such as a draft
        # edition's règlement, is skipped)
        for path in ["/mentions-legales", "/donnees-personnelles", "/accessibilite", "/reglement", "/reglement/2022", "/modeles",
                     "/modeles/droits-auteur", "/modeles/droit-image"]:
            if requests.get(u(port, path), timeout=10).status_code == 200:
                audit(d, flow, phase, path, path, port=port)
        # ---- organiser
        sweep_login(d, port, ORG, flow, f"sweep-{phase}-org")
        audit(d, flow, phase, "organisation", "/organisation", port=port)
        audit(d, flow, phase, "édition", "/organisation/editions/2022", port=port)
        audit(d, flow, phase, "statistiques", "/organisation/editions/2022/statistiques", port=port)
        audit(d, flow, phase, "données personnelles", "/organisation/donnees", port=port)
        if phase == "open":
            set_width(d, *WIDTHS[0])
            go(d, port, "/organisation/editions/2022")
            m = d.find_elements(By.ID, "max")
            if m:
                m[0].clear()
                m[0].send_keys("0")
                submit_and_wait(d, d.find_element(By.CSS_SELECTOR, "form[action$='/parametres'] button[type=submit]"))
                audit(d, flow, phase, "paramètres (erreurs)")
        audit(d, flow, phase, "dépôts", "/organisation/editions/2022/depots", port=port)
        audit(d, flow, phase, "dépôts filtrés", "/organisation/editions/2022/depots?categorie=college&recevabilite=eligible&q=a", port=port)
        audit(d, flow, phase, "dépôts page 2", "/organisation/editions/2022/depots?par=25&page=2", port=port)
        set_width(d, *WIDTHS[0])
        go(d, port, "/organisation/editions/2022/depots")
        rows = d.find_elements(By.CSS_SELECTOR, "table tbody tr")
        by_state = {}
        for row in rows:
            a = row.find_elements(By.CSS_SELECTOR, "a[href^='/organisation/depots/']")
            if not a:
                continue
            badge = row.text
            key = ("annulée" if "annulée" in badge else "retirée" if "retirée" in badge else
                   "non recevable" if "non recevable" in badge.lower() else "recevable" if "recevable" in badge.lower() else "à vérifier")
            by_state.setdefault(key, urlparse(a[0].get_attribute("href")).path)
        for key, path in sorted(by_state.items()):
            audit(d, flow, phase, f"dépôt ({key})", path, port=port)
        audit(d, flow, phase, "établissements", "/organisation/etablissements", port=port)
        audit(d, flow, phase, "établissements (recherche)", "/organisation/etablissements?q=Cr%C3%A9teil", port=port)
        audit(d, flow, phase, "journal", "/organisation/journal", port=port)
        # a new juror, so that the invitation block shows
        set_width(d, *WIDTHS[0])
        go(d, port, "/organisation/jury")
        d.find_element(By.ID, "nom").send_keys(f"Juré balayage {phase}")
        d.find_element(By.ID, "email").send_keys(f"balayage-{phase}@ac-test.fr")
        submit_and_wait(d, d.find_element(By.CSS_SELECTOR, "form[method=post][action='/organisation/jury'] button[type=submit]"))
        link = d.find_elements(By.CSS_SELECTOR, "code.link-box")
        invitation = urlparse(link[0].text.strip()).path if link else None
        audit(d, flow, phase, "jurés (invitation créée)")
        audit(d, flow, phase, "jurés", "/organisation/jury", port=port)
        set_width(d, *WIDTHS[0])
        go(d, port, "/organisation/jury")
        d.find_element(By.CSS_SELECTOR, "form[method=post][action='/organisation/jury'] button[type=submit]").click()
        WebDriverWait(d, 30).until(lambda x: x.execute_script("return document.readyState") == "complete")
        audit(d, flow, phase, "jurés (erreurs)")
        audit(d, flow, phase, "suivi du jury", "/organisation/editions/2022/jury", port=port)
        audit(d, flow, phase, "suivi du jury normalisé", "/organisation/editions/2022/jury?normalisation=1", port=port)
        audit(d, flow, phase, "suivi du jury brut", "/organisation/editions/2022/jury?classement=brut", port=port)
        if phase in ("jury", "repartition"):
            audit(d, flow, phase, "second tour (proposition)", "/organisation/editions/2022/jury/second-tour?n=2", port=port)
        if phase == "second-tour":
            audit(d, flow, phase, "suivi du jury, premier tour", "/organisation/editions/2022/jury?tour=1", port=port)
            audit(d, flow, phase, "classement, premier tour", "/organisation/editions/2022/classement?tour=1", port=port)
        if phase == "repartition":
            # A refused deal and a close without confirmation come back as messages on the dashboard.
            set_width(d, *WIDTHS[0])
            go(d, port, "/organisation/editions/2022/jury")
            k = d.find_element(By.ID, "k")
            k.clear()
            k.send_keys("3")
            submit_and_wait(d, d.find_element(By.CSS_SELECTOR, "form[action$='/jury/repartition'] button[type=submit]"))
            audit(d, flow, phase, "suivi du jury (répartition à 3)")
        audit(d, flow, phase, "classement", "/organisation/editions/2022/classement", port=port)
        audit(d, flow, phase, "délibération", "/organisation/editions/2022/deliberation", port=port)
        audit(d, flow, phase, "mot de passe", "/compte/mot-de-passe", port=port)
        audit(d, flow, phase, "jury interdit à l’organisateur (403)", "/jury", port=port, expect=(403,))
        d.delete_all_cookies()
        if invitation:
            audit(d, flow, phase, "invitation", invitation, port=port)
            set_width(d, *WIDTHS[0])
            go(d, port, invitation)
            d.find_element(By.ID, "password").send_keys("court")
            submit_and_wait(d, d.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
            audit(d, flow, phase, "invitation (erreurs)")
        # ---- juror
        juror = JURY1 if phase in ("open", "jury", "repartition", "second-tour") else ("jury2@demo.concours.fr", JURY1[1])
        sweep_login(d, port, juror, flow, f"sweep-{phase}-jury")
        audit(d, flow, phase, "espace jury", "/jury", port=port)
        audit(d, flow, phase, "espace jury notées", "/jury?statut=notees", port=port)
        set_width(d, *WIDTHS[0])
        go(d, port, "/jury")
        card = first_href(d, ".jury-grid a[href^='/jury/affiches/']")
        if card:
            audit(d, flow, phase, "notation", card, port=port)
            if phase in ("jury", "second-tour"):
                go(d, port, card)
                radios = d.find_elements(By.CSS_SELECTOR, "input[type=radio]:not([disabled])")
                if radios:
                    scroll(d, radios[0])
                    radios[0].click()
                    submit_and_wait(d, d.find_element(By.CSS_SELECTOR, "button[name=action][value=brouillon]"))
                    audit(d, flow, phase, "notation (brouillon)")
                    go(d, port, card)
                    scroll(d, d.find_element(By.CSS_SELECTOR, "button[name=action][value=valider]"))
                    submit_and_wait(d, d.find_element(By.CSS_SELECTOR, "button[name=action][value=valider]"))
                    audit(d, flow, phase, "notation (erreurs)")
        audit(d, flow, phase, "organisation interdite au juré (403)", "/organisation", port=port, expect=(403,))
        audit(d, flow, phase, "mot de passe (juré)", "/compte/mot-de-passe", port=port)
        set_width(d, *WIDTHS[0])
        go(d, port, "/compte/mot-de-passe")
        submit_and_wait(d, d.find_element(By.CSS_SELECTOR, "form[action='/compte/mot-de-passe'] button[type=submit]"))
        audit(d, flow, phase, "mot de passe (erreurs)")
    except Exception as e:
        record(flow, "exception", False, "", repr(e)[:300], shot(d, f"sweep-{phase}-exception"), traceback.format_exc()[-600:])
    finally:
        d.quit()


def flow_sweep():
    for port, phase in PHASES:
        sweep_phase(port, phase)
    json.dump(SWEEP, open(f"{BASE}/sweep.json", "w"), ensure_ascii=False, indent=1)
    pages = {(e["phase"], e["page"]) for e in SWEEP}
    print(f"=== sweep: {len(pages)} pages × widths = {len(SWEEP)} audits; "
          f"axe serious/critical {sum(e['axe_serious'] for e in SWEEP)}, overflow {sum(1 for e in SWEEP if e['overflow'])}, "
          f"typography {sum(len(e['typography']) for e in SWEEP)} (known, in files of another branch: "
          f"{sum(len(e['known_typography']) for e in SWEEP)})", flush=True)


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
        ("sweep", flow_sweep),
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
