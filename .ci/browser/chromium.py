"""What the browser checks share (viewer.py, intervals.py): headless Chromium from Debian's packages, the axe-core
audit that axe-selenium-python bundles, and « PASS … » / « FAIL … » lines ending with « N passed, N failed »."""
import json, os, sys
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

AXE_JS = None
for p in sys.path:
    c = os.path.join(p, "axe_selenium_python/node_modules/axe-core/axe.min.js")
    if os.path.exists(c):
        AXE_JS = open(c, encoding="utf-8").read()
results = []

def check(name, ok, detail=""):
    results.append((name, bool(ok), detail))
    print(("PASS " if ok else "FAIL ") + name + (f" — {detail}" if detail else ""), flush=True)

def driver(width, height, js=True):
    """A French headless Chromium of that size (a phone's metrics under 600 px) that reaches loopback only."""
    o = webdriver.ChromeOptions()
    o.binary_location = "/usr/bin/chromium"
    for a in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", f"--window-size={width},{height}",
              "--lang=fr-FR", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]:
        o.add_argument(a)
    if not js:
        o.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    o.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)
    d.set_page_load_timeout(60)
    d.set_script_timeout(60)
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
    return d

def axe(d, label, serious_only=True):
    """axe-core on the page as it is: fails on serious or critical violations (on any with serious_only=False)."""
    d.execute_script(AXE_JS)
    r = d.execute_async_script("var cb=arguments[arguments.length-1];axe.run(document,{resultTypes:['violations']}).then(function(r){cb(r.violations.map(function(v){return [v.id,v.impact,v.nodes.length,v.nodes[0].html.slice(0,160)]}))})")
    failing = [v for v in r if v[1] in ("serious", "critical")] if serious_only else r
    check(f"axe {label}", not failing, json.dumps(r, ensure_ascii=False)[:600])

def overflow(d, label):
    w = d.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    check(f"no sideways scroll {label}", w[0] <= w[1], str(w))

def console_errors(d, label):
    errors = [e for e in d.get_log("browser") if e["level"] == "SEVERE" and "favicon.ico" not in e["message"]]
    check(f"no console error {label}", not errors, json.dumps(errors)[:400])

def summary():
    passed = sum(1 for r in results if r[1])
    print(f"{passed} passed, {len(results) - passed} failed")
    return len(results) - passed
