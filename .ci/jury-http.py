#!/usr/bin/env python3
"""JuryBench through the running service: one simulated jury, every ballot cast through the service's own forms.

Usage:
  jury-http.py setup WORK YEAR                        writes WORK/edition.json and WORK/establishments.csv
  jury-http.py run BASE_URL YEAR SCENARIO SEED OUT.json JURYBENCH
  jury-http.py table RESULT.json...                   prints the summary table of finished runs

`run` drives a fresh server whose data folder holds only the bench edition (draft), the establishments and the
organiser: it opens the edition, files 60 posters through `POST /participer` (multipart, access code), marks them
eligible, closes entries, opens judging, invites 8 jurors (each accepts the link with a password), deals k = 4 from
the dashboard's form, and has each juror score the posters of their list with the simulated score of that (juror,
poster). Then it reads `classement.json` and the classement page, checks that they agree, replays the very same
ballots through `JuryBench --ballots` (the in-process `JudgingReport`) and checks that the service's figures equal
them; then a second round on the proposed top 4 of each category, scored afresh by every juror, ranked by round 2
alone, then by both rounds counted (the organisers' other final rule). The clustered scenario deals every poster to
every juror and has each one score only those of JuryBench's clustered assignment.

The simulation is JuryBench's (Sources/JuryBench/Simulation.swift), with Python's generator: true quality ~ N(5, 1.5),
(clustered: +1 for category A, −1 for C), juror offsets ~ N(0, 1.5), slopes U(0.7, 1.3), noise σ 1 (juror 1: σ 3 in
the erratic scenario), score =
round(5 + o + b (q − 5) + ε) clamped to 0–10, half away from zero as Swift's `rounded()`.
Standard library only.
"""
import html.parser
import http.cookiejar
import json
import math
import random
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
import struct

POSTERS = 60
JURORS = 8
PER_POSTER = 4
CATEGORIES = [("a", "Catégorie A"), ("b", "Catégorie B"), ("c", "Catégorie C")]
CRITERION = "note"
ESTABLISHMENTS = 10
ACCESS_CODE = "BANC-JURY-HTTP"
ORGANISER = ("organisation@banc.concours.fr", "banc-organisation-2026")
METHODS = ["rawMean", "zScore", "calibrated"]
UAI_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


# MARK: - Setup files


def uai(number):
    return f"{number:07d}{UAI_LETTERS[number % 23]}"


def establishment_uais():
    return [uai(930100 + i) for i in range(ESTABLISHMENTS)]


def setup(work, year):
    now = time.time()
    day = 86400
    paris = lambda t: time.strftime("%Y-%m-%dT%H:%M", time.gmtime(t))
    edition = {
        "number": 99,
        "year": year,
        "theme": "Banc d’essai du jury",
        "weekStart": time.strftime("%Y-%m-%d", time.gmtime(now + 40 * day)),
        "weekEnd": time.strftime("%Y-%m-%d", time.gmtime(now + 45 * day)),
        # Opened two days ago, deadline in a month: entries can be filed now (Paris time is within a few hours of UTC).
        "submissionOpensAt": paris(now - 2 * day),
        "submissionDeadline": paris(now + 30 * day),
        "categories": [{"code": code, "label": label} for code, label in CATEGORIES],
        # One criterion on 0–10 of weight 1: the ballot's weighted mean is the simulated score itself.
        "criteria": [{"code": CRITERION, "label": "Note d’ensemble", "weight": 1, "scale": {"min": 0, "max": 10}}],
        "prizes": [
            {"code": "premier", "label": "1er prix", "perCategory": True, "rank": 1},
            {"code": "deuxieme", "label": "2e prix", "perCategory": True, "rank": 2},
            {"code": "troisieme", "label": "3e prix", "perCategory": True, "rank": 3},
        ],
        # 10 establishments × 3 categories × 2 = 60 posters.
        "maxEntriesPerEstablishmentAndCategory": 2,
        "accessCode": ACCESS_CODE,
        "jury": {"quorum": 3, "disagreementThreshold": 4, "normalisationMinimum": 5},
    }
    with open(f"{work}/edition.json", "w", encoding="utf-8") as f:
        json.dump(edition, f, ensure_ascii=False, indent=2)
    with open(f"{work}/establishments.csv", "w", encoding="utf-8") as f:
        f.write("identifiant_de_l_etablissement;nom_etablissement;type_etablissement;nom_commune;code_departement\n")
        for i, code in enumerate(establishment_uais()):
            f.write(f"{code};Collège du Banc {i + 1};Collège;Saint-Denis;93\n")


# MARK: - Simulation (JuryBench's model)


def swift_round(x):
    return math.copysign(math.floor(abs(x) + 0.5), x)


class World:
    def __init__(self, scenario, seed):
        self.name = f"jury-http/{scenario}/{seed}"
        self.rng = random.Random(self.name)
        g = self.rng
        # Clustered: category A is clearly stronger, C weaker (as in JuryBench).
        shift = [1.0, 0.0, -1.0] if scenario == "clustered" else [0.0, 0.0, 0.0]
        self.quality = [5 + shift[i % 3] + 1.5 * g.gauss(0, 1) for i in range(POSTERS)]
        self.category = [CATEGORIES[i % 3][0] for i in range(POSTERS)]
        self.scenario = scenario
        self.offsets = [1.5 * g.gauss(0, 1) for _ in range(JURORS)]
        self.slopes = [0.7 + 0.6 * g.random() for _ in range(JURORS)]
        self.noise = [3.0 if (j == 0 and scenario == "erratic") else 1.0 for j in range(JURORS)]

    def score(self, juror, poster, round_number):
        """The noise of each (round, juror, poster) has its own generator: the values do not depend on the order in which
        the service deals and lists the posters (that order is the service's, shuffled per juror)."""
        q = self.quality[poster]
        noise = random.Random(f"{self.name}/{round_number}/{juror}/{poster}").gauss(0, 1)
        y = 5 + self.offsets[juror] + self.slopes[juror] * (q - 5) + self.noise[juror] * noise
        return int(min(max(swift_round(y), 0), 10))

    def clustered_pairs(self):
        """JuryBench's clustered assignment: jurors 1–3 belong to A, 4–6 to B, 7–8 to C; each poster gets up to 3 jurors
        of its own category, then the least loaded others up to 4."""
        home = [[0, 1, 2], [3, 4, 5], [6, 7]]
        load = [0] * JURORS
        pairs = set()
        for p in range(POSTERS):
            own = home[p % 3]
            chosen = sorted(own, key=lambda j: (load[j], j))[:3]
            others = sorted((j for j in range(JURORS) if j not in own), key=lambda j: (load[j], j))
            chosen += others[: PER_POSTER - len(chosen)]
            for j in chosen:
                load[j] += 1
                pairs.add((j, p))
        return pairs

    def true_best(self):
        return max(range(POSTERS), key=lambda i: self.quality[i])

    def true_category_ranks(self):
        ranks = {}
        for code, _ in CATEGORIES:
            members = sorted((i for i in range(POSTERS) if self.category[i] == code), key=lambda i: -self.quality[i])
            for r, i in enumerate(members):
                ranks[i] = r + 1
        return ranks


def kendall_tau_b(estimate, truth):
    """τ-b as JuryBench's `kendallTau`: ties within 1e-9 on the estimate, 1e-12 on the truth."""
    keys = sorted(truth)
    concordant = discordant = ties_x = ties_y = 0
    for a in range(len(keys)):
        for b in range(a + 1, len(keys)):
            dx = estimate.get(keys[a], -99) - estimate.get(keys[b], -99)
            dy = truth[keys[a]] - truth[keys[b]]
            if abs(dx) < 1e-9 and abs(dy) < 1e-12:
                continue
            if abs(dx) < 1e-9:
                ties_x += 1
                continue
            if abs(dy) < 1e-12:
                ties_y += 1
                continue
            if (dx > 0) == (dy > 0):
                concordant += 1
            else:
                discordant += 1
    denominator = math.sqrt((concordant + discordant + ties_x) * (concordant + discordant + ties_y))
    return (concordant - discordant) / denominator if denominator > 0 else 0.0


def top(scores):
    """The poster ranked first over all categories: best score, ties to the first filed (lowest entry id), as
    `RankOrdering`."""
    return min(scores, key=lambda i: (-scores[i], i))


# MARK: - A poster PNG (zlib only)


def png(index, width=1200, height=900):
    """A flat-coloured poster with a band whose place and colour depend on `index`: distinct bytes for each poster,
    at the form's minimum long edge (1,200 px)."""
    background = bytes(((index * 37) % 200 + 30, (index * 91) % 200 + 30, (index * 53) % 200 + 30))
    band = bytes((255 - background[0], 255 - background[1], 255 - background[2]))
    top_row, rows = (index * 13) % (height - 100), []
    plain = b"\x00" + background * width
    striped = b"\x00" + background * (width // 4) + band * (width // 2) + background * (width - width // 4 - width // 2)
    for y in range(height):
        rows.append(striped if top_row <= y < top_row + 80 else plain)
    raw = b"".join(rows)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")


# MARK: - HTTP, as a browser would


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Page:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    @property
    def location(self):
        return self.headers.get("Location")


class Browser:
    """One person: a cookie jar, redirects not followed (their targets are checked), the CSRF token read from pages."""

    def __init__(self, base, name):
        self.base = base
        self.name = name
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())
        self.csrf = None
        self.requests = 0

    def request(self, method, path, body=None, content_type=None):
        headers = {"User-Agent": "bench-jury-http"}
        if content_type:
            headers["Content-Type"] = content_type
        req = urllib.request.Request(self.base + path, data=body, method=method, headers=headers)
        self.requests += 1
        try:
            with self.opener.open(req, timeout=120) as response:
                page = Page(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            page = Page(error.code, error.headers, error.read())
        if page.status == 200 and "text/html" in (page.headers.get("Content-Type") or ""):
            found = re.search(r'name="_csrf" value="([^"]+)"', page.text)
            if found:
                self.csrf = found.group(1)
        return page

    def get(self, path, expect=200):
        page = self.request("GET", path)
        check(expect is None or page.status == expect, f"{self.name}: GET {path} answered {page.status}, not {expect}: {page.text[:300]}")
        return page

    def post(self, path, fields, expect=303):
        check(self.csrf, f"{self.name}: no CSRF token before POST {path}")
        body = urllib.parse.urlencode([("_csrf", self.csrf)] + list(fields)).encode()
        page = self.request("POST", path, body, "application/x-www-form-urlencoded")
        check(expect is None or page.status == expect, f"{self.name}: POST {path} answered {page.status}, not {expect}: {flash_or_errors(page)}")
        return page

    def post_multipart(self, path, fields, file_field, filename, content_type, data, expect=303):
        check(self.csrf, f"{self.name}: no CSRF token before POST {path}")
        boundary = f"----banc{random.getrandbits(64):016x}"
        parts = []
        # The token first: the service checks it before reading any byte of the file.
        for name, value in [("_csrf", self.csrf)] + list(fields):
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
        )
        parts.append(data)
        parts.append(f"\r\n--{boundary}--\r\n".encode())
        page = self.request("POST", path, b"".join(parts), f"multipart/form-data; boundary={boundary}")
        check(expect is None or page.status == expect, f"{self.name}: POST {path} answered {page.status}, not {expect}: {flash_or_errors(page)}")
        return page

    def follow(self, page):
        """GET the redirect's target (to read its flash message)."""
        check(page.location, f"{self.name}: no redirect")
        location = page.location
        if location.startswith(self.base):
            location = location[len(self.base):]
        return self.get(location)


def flash_or_errors(page):
    text = page.text
    found = re.findall(r'class="(?:field-error|flash[^"]*|notice)"[^>]*>(.*?)</', text, re.S)
    return " | ".join(re.sub(r"<[^>]+>", "", f).strip() for f in found)[:600] or text[:300]


def flash(page):
    found = re.search(r'<(?:p|div)[^>]*class="flash[^"]*"[^>]*>(.*?)</(?:p|div)>', page.text, re.S)
    return re.sub(r"<[^>]+>", "", found.group(1)).strip() if found else ""


def edition_state(browser, year):
    page = browser.get(f"/organisation/editions/{year}")
    found = re.search(r'class="status status-([a-z]+)"', page.text)
    return found.group(1) if found else "?"


def move(browser, year, target):
    browser.get(f"/organisation/editions/{year}")
    answer = browser.follow(browser.post(f"/organisation/editions/{year}/etat", [("cible", target)]))
    state = re.search(r'class="status status-([a-z]+)"', answer.text)
    check(state and state.group(1) == target, f"the edition did not move to {target}: {flash(answer)}")


def sign_in(base, email, password, name):
    browser = Browser(base, name)
    browser.get("/connexion")
    page = browser.post("/connexion", [("email", email), ("password", password)])
    check(page.location and "connexion" not in page.location, f"{name}: sign-in refused")
    return browser


# MARK: - The classement page, parsed


class ClassementTable(html.parser.HTMLParser):
    """Rows of every `table.classement`: the text of each cell, and the anonymous code of the row."""

    def __init__(self):
        super().__init__()
        self.tables = []
        self.in_table = False
        self.row = None
        self.cell = None
        self.code = None
        self.in_code = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "classement" in (attrs.get("class") or "").split():
            self.in_table = True
            self.tables.append([])
        elif self.in_table and tag == "tr":
            self.row = {"cells": [], "code": None}
        elif self.row is not None and tag == "td":
            self.cell = []
        elif self.cell is not None and tag == "code":
            self.in_code = True
            self.code = []

    def handle_endtag(self, tag):
        if tag == "table" and self.in_table:
            self.in_table = False
        elif tag == "tr" and self.row is not None:
            if len(self.row["cells"]) == 10:
                self.tables[-1].append(self.row)
            self.row = None
        elif tag == "td" and self.cell is not None:
            self.row["cells"].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "code" and self.in_code:
            self.in_code = False
            self.row["code"] = "".join(self.code).strip()

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)
        if self.in_code:
            self.code.append(data)


def french_number(text):
    return float(text.replace("\u202f", "").replace("\u00a0", "").replace(" ", "").replace(",", "."))


def leading_int(text):
    found = re.match(r"\s*(\d+)", text)
    return int(found.group(1)) if found else None


def compare_page_and_json(page_text, report, problems, label):
    """The classement page says what `classement.json` says: order, ranks by the three methods, intervals, ballot
    counts and scores (as the page rounds them)."""
    parser = ClassementTable()
    parser.feed(page_text)
    check(len(parser.tables) == len(report["categories"]), f"{label}: {len(parser.tables)} tables on the page, {len(report['categories'])} categories in the JSON")
    compared = 0
    for table, category in zip(parser.tables, report["categories"]):
        entries = category["entries"]
        if [r["code"] for r in table] != [e["anonymousCode"] for e in entries]:
            problems.append(f"{label}: category {category['code']}: the page lists the posters in another order than the JSON")
            continue
        for row, entry in zip(table, entries):
            cells = row["cells"]
            rank, interval, ballots = leading_int(cells[0]), cells[1], int(cells[5])
            raw_rank = re.search(r"\((\d+)\)", cells[7])
            z_rank = re.search(r"\((\d+)\)", cells[8])
            low, high = entry["rankInterval"]["lower"], entry["rankInterval"]["upper"]
            expected_interval = f"{low}" if low == high else f"{low}–{high}"
            mismatches = []
            if rank != entry["ranks"].get("calibrated"):
                mismatches.append(f"rank {rank} / {entry['ranks'].get('calibrated')}")
            if not raw_rank or int(raw_rank.group(1)) != entry["ranks"].get("rawMean"):
                mismatches.append(f"raw rank {cells[7]} / {entry['ranks'].get('rawMean')}")
            if not z_rank or int(z_rank.group(1)) != entry["ranks"].get("zScore"):
                mismatches.append(f"z rank {cells[8]} / {entry['ranks'].get('zScore')}")
            if interval != expected_interval:
                mismatches.append(f"interval {interval} / {expected_interval}")
            if ballots != entry["ballots"]:
                mismatches.append(f"ballots {ballots} / {entry['ballots']}")
            if ("ex aequo" in cells[0]) != entry["exAequo"]:
                mismatches.append("ex aequo")
            for cell, method in ((cells[6], "calibrated"), (cells[7].split("(")[0], "rawMean"), (cells[8].split("(")[0], "zScore")):
                if abs(french_number(cell) - entry["scores"][method]) > 0.0051:
                    mismatches.append(f"{method} score {cell} / {entry['scores'][method]}")
            if mismatches:
                problems.append(f"{label}: {entry['anonymousCode']}: page and JSON differ: " + ", ".join(mismatches))
            compared += 1
    return compared


# MARK: - The in-process report on the same ballots


def replay(jurybench, ballots, posters, path):
    """`JuryBench --ballots`: the in-process JudgingReport of these ballots, keyed by entry id."""
    with open(path, "w", encoding="utf-8") as f:
        json.dump(
            {
                "ballots": ballots,
                "posters": posters,
                "categoryOrder": [code for code, _ in CATEGORIES],
                "scale": {"min": 0, "max": 10},
                "prizePlaces": 3,
                "draws": 1000,
            },
            f,
        )
    out = subprocess.run([jurybench, "--ballots", path], capture_output=True, text=True, timeout=300)
    check(out.returncode == 0, f"JuryBench --ballots failed: {out.stderr[-500:]}")
    return {row["poster"]: row for row in json.loads(out.stdout)["rows"]}


def compare_service_and_replay(report, entry_ids, replayed, problems, label):
    """Scores (to 1e-4, the JSON's rounding), ranks, ballot counts, rank intervals and prize chances."""
    worst = 0.0
    interval_mismatches = 0
    for category in report["categories"]:
        for entry in category["entries"]:
            mine = replayed.get(entry_ids[entry["reference"]])
            if mine is None:
                problems.append(f"{label}: {entry['reference']} has no in-process row")
                continue
            for method in METHODS:
                service, local = entry["scores"].get(method), mine["scores"].get(method)
                if service is None or local is None:
                    if service != local:
                        problems.append(f"{label}: {entry['reference']} {method}: {service} / {local}")
                    continue
                worst = max(worst, abs(service - local))
                if abs(service - local) > 1e-4:
                    problems.append(f"{label}: {entry['reference']} {method}: service {service}, in process {local:.6f}")
                if entry["ranks"].get(method) != mine["ranks"].get(method):
                    problems.append(f"{label}: {entry['reference']} rank by {method}: service {entry['ranks'].get(method)}, in process {mine['ranks'].get(method)}")
            if entry["ballots"] != mine["ballots"]:
                problems.append(f"{label}: {entry['reference']} ballots: service {entry['ballots']}, in process {mine['ballots']}")
            interval = [entry["rankInterval"]["lower"], entry["rankInterval"]["upper"]] if entry["rankInterval"] else None
            if interval != mine["rankInterval"] or abs((entry["prizePlaceProbability"] or 0) - (mine["prizePlaceProbability"] or 0)) > 1e-9:
                interval_mismatches += 1
    return worst, interval_mismatches


# MARK: - One run


def run(base, year, scenario, seed, out_path, jurybench):
    started = time.time()
    world = World(scenario, seed)
    problems = []
    organiser = sign_in(base, ORGANISER[0], ORGANISER[1], "organiser")
    move(organiser, year, "open")

    # 60 posters through the public form, as a school would (the establishment typed as its UAI).
    school = Browser(base, "school")
    uais = establishment_uais()
    t0 = time.time()
    for i in range(POSTERS):
        form = school.get("/participer")
        rules = re.search(r'name="reglement" value="([^"]+)"', form.text)
        check(rules, "no règlement version on the submission form")
        fields = [
            ("etablissement", uais[(i // 3) % ESTABLISHMENTS]),
            ("categorie", world.category[i]),
            ("titre", f"Affiche {i + 1:02d}"),
            ("intention", "Une affiche du banc d’essai du jury."),
            ("classe", "4e B"),
            ("eleves", "24"),
            ("enseignant", "Mme Banc"),
            ("email", "banc@ac-creteil.fr"),
            ("code", ACCESS_CODE),
            ("droit_auteur", "oui"),
            ("original", "oui"),
            ("sans_signe", "oui"),
            ("elements_tiers", "aucun"),
            ("personne_reconnaissable", "non"),
            ("reglement", rules.group(1)),
        ]
        sent = school.post_multipart("/participer", fields, "affiche", f"affiche-{i + 1:02d}.png", "image/png", png(i))
        check(sent.location and sent.location.startswith("/depot/"), f"poster {i + 1}: no receipt ({sent.location})")
    upload_seconds = time.time() - t0

    # The organiser's list maps each title (hence the simulated poster) to its entry id; every one is marked eligible.
    listing = organiser.get(f"/organisation/editions/{year}/depots?par=100").text
    entry_of = {}
    for found in re.finditer(r'<a href="/organisation/depots/(\d+)"><code>([^<]+)</code></a></td>\s*<td>(?:<[^>]+>)*Affiche(?:&nbsp;|&#160;|\s|\u00a0|\u202f)*(\d+)', listing, re.S):
        entry_of[int(found.group(3)) - 1] = (int(found.group(1)), found.group(2))
    check(len(entry_of) == POSTERS, f"the entries list shows {len(entry_of)} of the {POSTERS} posters")
    for i in range(POSTERS):
        organiser.get(f"/organisation/depots/{entry_of[i][0]}")
        organiser.post(f"/organisation/depots/{entry_of[i][0]}/recevabilite", [("decision", "eligible")])
    move(organiser, year, "closed")
    move(organiser, year, "judging")

    # 8 jurors: created by the organiser, each accepting their single-use link with a password.
    jurors = []
    for j in range(JURORS):
        email = f"jure{j + 1}@banc.concours.fr"
        organiser.get("/organisation/jury")
        page = organiser.post("/organisation/jury", [("nom", f"Juré {j + 1}"), ("email", email), ("conflits", "")], expect=200)
        link = re.search(r"/invitation/([A-Za-z0-9_-]+)", page.text)
        check(link, f"no invitation link for {email}")
        browser = Browser(base, f"juror {j + 1}")
        browser.get(f"/invitation/{link.group(1)}")
        password = f"Banc-jury-{seed}-{j + 1}-persévérance"
        accepted = browser.post(f"/invitation/{link.group(1)}", [("password", password), ("password2", password), ("conflits", "")])
        check(accepted.location == "/jury", f"juror {j + 1}: invitation not accepted ({accepted.location})")
        jurors.append({"email": email, "browser": browser})
    roster = organiser.get("/organisation/jury?par=100").text
    for juror in jurors:
        row = re.search(re.escape(juror["email"]) + r".*?/organisation/jury/(\d+)/invitation", roster, re.S)
        check(row, f"{juror['email']} is not on the jury page")
        juror["id"] = int(row.group(1))

    # k = 4 per poster, from the dashboard's form. Clustered: every juror is given every poster but scores only those of
    # JuryBench's clustered assignment (mostly their own category); opening round 2 then closes round 1 with the rest
    # missing (audited).
    organiser.get(f"/organisation/editions/{year}/jury")
    clustered = world.scenario == "clustered"
    mode = [("mode", "tous")] if clustered else [("mode", "k"), ("k", str(PER_POSTER))]
    dealt = organiser.follow(organiser.post(f"/organisation/editions/{year}/jury/repartition", mode))
    check("Répartition enregistrée" in flash(dealt), f"the deal was refused: {flash(dealt)}")
    expected = POSTERS * PER_POSTER
    listed_pairs = POSTERS * JURORS if clustered else expected
    check(f"0 / {listed_pairs} notations attendues rendues" in dealt.text.replace("\u202f", "").replace("\u00a0", " "), f"the dashboard does not expect {listed_pairs} ballots")
    wanted = world.clustered_pairs() if clustered else None

    # Anonymous codes, from the organiser's side only (classement.json lists every eligible poster, scored or not).
    before = json.loads(organiser.get(f"/organisation/editions/{year}/classement.json").body)
    poster_of_code, poster_of_reference = {}, {}
    reference_of = {i: ref for i, (_, ref) in entry_of.items()}
    index_of_reference = {ref: i for i, ref in reference_of.items()}
    for category in before["categories"]:
        for entry in category["entries"]:
            i = index_of_reference[entry["reference"]]
            poster_of_code[entry["anonymousCode"]] = i
            poster_of_reference[entry["reference"]] = i
    check(len(poster_of_code) == POSTERS, "classement.json does not list the 60 posters")
    entry_ids = {reference_of[i]: entry_of[i][0] for i in range(POSTERS)}

    def score_round(label, round_number, only=None):
        """Each juror scores every poster of their list (or those of `only`, (juror, poster) pairs), in list order;
        returns the ballots in the order cast."""
        cast = []
        loads = []
        for j, juror in enumerate(jurors):
            browser = juror["browser"]
            listed = browser.get("/jury?par=200").text
            codes = list(dict.fromkeys(re.findall(r'<a href="/jury/affiches/([A-Za-z0-9-]+)"><strong>', listed)))
            loads.append(len(codes))
            for code in codes:
                check(code in poster_of_code, f"{label}: juror {j + 1} was dealt an unknown code {code}")
                poster = poster_of_code[code]
                if only is not None and (j, poster) not in only:
                    continue
                browser.get(f"/jury/affiches/{code}")
                value = world.score(j, poster, round_number)
                browser.post(f"/jury/affiches/{code}", [(f"note_{CRITERION}", str(value)), ("commentaire", ""), ("action", "valider")])
                cast.append({"juror": juror["id"], "poster": entry_of[poster][0], "value": float(value), "category": world.category[poster], "index": poster})
        return cast, loads

    # Round 1.
    t0 = time.time()
    round1, loads = score_round("round 1", 1, wanted)
    scoring_seconds = time.time() - t0
    check(len(round1) == expected, f"round 1: {len(round1)} ballots cast, {expected} expected")
    check(max(loads) - min(loads) <= 1, f"round 1: loads {loads} differ by more than one")
    check(not clustered or all(n == POSTERS for n in loads), f"round 1: with every juror, lists of {loads} posters")
    per_poster = {}
    for b in round1:
        per_poster[b["index"]] = per_poster.get(b["index"], 0) + 1
    check(all(per_poster.get(i) == PER_POSTER for i in range(POSTERS)), "round 1: some poster did not get 4 jurors")
    board = organiser.get(f"/organisation/editions/{year}/jury").text.replace("\u202f", "").replace("\u00a0", " ")
    check(f"{expected} / {listed_pairs} notations attendues rendues" in board, f"the dashboard does not count {expected} / {listed_pairs} ballots")

    report1 = json.loads(organiser.get(f"/organisation/editions/{year}/classement.json").body)
    page1 = organiser.get(f"/organisation/editions/{year}/classement?par=100").text
    check(report1["round"] == 1, f"classement.json says round {report1['round']}")
    rows1 = [e for c in report1["categories"] for e in c["entries"]]
    check(len(rows1) == POSTERS, f"classement.json lists {len(rows1)} posters")
    if any(e["ballots"] != PER_POSTER for e in rows1):
        problems.append("round 1: classement.json does not count 4 ballots for every poster")
    compared1 = compare_page_and_json(page1, report1, problems, "round 1")

    # The very same ballots, in process: in the order cast, then by entry and juror (the service reads them without
    # an ORDER BY: the scores do not depend on the order, the bootstrap's draws do).
    posters = [{"id": entry_of[i][0], "category": world.category[i]} for i in range(POSTERS)]
    strip = lambda ballots: [{k: b[k] for k in ("juror", "poster", "value", "category")} for b in ballots]
    replay_path = out_path + ".ballots.json"
    replayed = replay(jurybench, strip(round1), posters, replay_path)
    worst1, intervals1 = compare_service_and_replay(report1, entry_ids, replayed, problems, "round 1")
    interval_order = "as cast"
    if intervals1:
        by_entry = sorted(round1, key=lambda b: (b["poster"], b["juror"]))
        replayed_sorted = replay(jurybench, strip(by_entry), posters, replay_path)
        _, sorted_mismatches = compare_service_and_replay(report1, entry_ids, replayed_sorted, [], "round 1 (by entry)")
        if sorted_mismatches < intervals1:
            intervals1, interval_order = sorted_mismatches, "by entry, juror"

    # Figures against the truth.
    truth = {i: world.quality[i] for i in range(POSTERS)}
    scores = {m: {poster_of_reference[e["reference"]]: e["scores"][m] for e in rows1} for m in METHODS}
    taus = {m: kendall_tau_b(scores[m], truth) for m in METHODS}
    true_ranks = world.true_category_ranks()
    covered = sum(
        1 for e in rows1 if e["rankInterval"] and e["rankInterval"]["lower"] <= true_ranks[poster_of_reference[e["reference"]]] <= e["rankInterval"]["upper"]
    )
    best = world.true_best()
    winners = {m: top(scores[m]) == best for m in METHODS}

    # Round 2: the proposed shortlist (top 4 of each category by the calibrated method), scored afresh by all.
    proposal = organiser.get(f"/organisation/editions/{year}/jury/second-tour").text
    ticked = re.findall(r'<input type="checkbox" name="affiche" value="(\d+)" id="affiche-\d+"[^>]*\schecked>', proposal)
    check(len(ticked) >= 12, f"the second-round proposal ticks {len(ticked)} posters")
    opened = organiser.follow(
        organiser.post(f"/organisation/editions/{year}/jury/second-tour", [("n", "4")] + [("affiche", t) for t in ticked] + [("ajout", "")])
    )
    check("Second tour ouvert" in flash(opened), f"round 2 did not open: {flash(opened)}")
    round2, loads2 = score_round("round 2", 2)
    shortlisted = {int(t) for t in ticked}
    check(all(n == len(ticked) for n in loads2), f"round 2: juror loads {loads2}, {len(ticked)} shortlisted")
    check({b["poster"] for b in round2} == shortlisted, "round 2: the jurors' lists are not the shortlist")
    report2 = json.loads(organiser.get(f"/organisation/editions/{year}/classement.json").body)
    page2 = organiser.get(f"/organisation/editions/{year}/classement?par=100").text
    rows2 = [e for c in report2["categories"] for e in c["entries"]]
    if report2["round"] != 2 or any(e["round"] != 2 for e in rows2):
        problems.append(f"round 2: classement.json says round {report2['round']}")
    if len(rows2) != len(ticked) or any(e["ballots"] != JURORS for e in rows2):
        problems.append("round 2: classement.json does not rank the shortlist with 8 ballots each")
    compared2 = compare_page_and_json(page2, report2, problems, "round 2")
    index_of_entry = {entry_of[i][0]: i for i in range(POSTERS)}
    posters2 = [{"id": p, "category": world.category[index_of_entry[p]]} for p in sorted(shortlisted)]
    replayed2 = replay(jurybench, strip(round2), posters2, replay_path)
    worst2, intervals2 = compare_service_and_replay(report2, entry_ids, replayed2, problems, "round 2")
    if intervals2:
        replayed2s = replay(jurybench, strip(sorted(round2, key=lambda b: (b["poster"], b["juror"]))), posters2, replay_path)
        _, sorted2 = compare_service_and_replay(report2, entry_ids, replayed2s, [], "round 2 (by entry)")
        intervals2 = min(intervals2, sorted2)
    # Neither order reproduces the service's rank intervals: the figures do not hold.
    for label, count in (("round 1", intervals1), ("round 2", intervals2)):
        if count:
            problems.append(f"{label}: the rank intervals or prize chances of {count} poster(s) differ from the in-process ones in either ballot order")
    final = {poster_of_reference[e["reference"]]: e["scores"]["calibrated"] for e in rows2}
    # The organisers' other final rule: both rounds counted (round 1's ballots on the shortlisted posters join round 2's).
    organiser.get(f"/organisation/editions/{year}/jury")
    ruled = organiser.follow(organiser.post(f"/organisation/editions/{year}/jury/second-tour/regle", [("cumul", "1")]))
    check("cumule les notes des deux tours" in flash(ruled), f"the cumulative rule was refused: {flash(ruled)}")
    report3 = json.loads(organiser.get(f"/organisation/editions/{year}/classement.json").body)
    rows3 = [e for c in report3["categories"] for e in c["entries"]]
    if report3.get("countedRounds") != [1, 2] or len(rows3) != len(ticked):
        problems.append(f"both rounds: classement.json counts rounds {report3.get('countedRounds')} on {len(rows3)} posters")
    round1_kept = [b for b in round1 if b["poster"] in shortlisted]
    per_entry = {}
    for b in round2 + round1_kept:
        per_entry[b["poster"]] = per_entry.get(b["poster"], 0) + 1
    if any(e["ballots"] != per_entry.get(entry_ids[e["reference"]]) for e in rows3):
        problems.append("both rounds: classement.json does not count round 1's and round 2's ballots on each shortlisted poster")
    compared3 = compare_page_and_json(organiser.get(f"/organisation/editions/{year}/classement?par=100").text, report3, problems, "both rounds")
    replayed3 = replay(jurybench, strip(round1_kept + round2), posters2, replay_path)
    worst3, intervals3 = compare_service_and_replay(report3, entry_ids, replayed3, problems, "both rounds")
    if intervals3:
        problems.append(f"both rounds: the rank intervals or prize chances of {intervals3} poster(s) differ from the in-process ones")
    cumulated = {poster_of_reference[e["reference"]]: e["scores"]["calibrated"] for e in rows3}
    # ?tour=1 still shows round 1 as it was.
    kept = json.loads(organiser.get(f"/organisation/editions/{year}/classement.json?tour=1").body)
    if kept["round"] != 1 or kept["categories"] != report1["categories"]:
        problems.append("round 2: classement.json?tour=1 is no longer round 1 as it was")

    result = {
        "scenario": scenario,
        "seed": seed,
        "tau": taus,
        "coverage": [covered, len(rows1)],
        "winner": winners,
        "twoRoundWinner": top(final) == best,
        "cumulativeWinner": top(cumulated) == best,
        "bestShortlisted": entry_of[best][0] in shortlisted,
        "shortlist": len(ticked),
        "pageRowsCompared": [compared1, compared2, compared3],
        "worstScoreDifference": max(worst1, worst2, worst3),
        "intervalMismatches": [intervals1, intervals2],
        "intervalOrder": interval_order,
        "problems": problems,
        "seconds": {"uploads": round(upload_seconds, 1), "round1Scoring": round(scoring_seconds, 1), "total": round(time.time() - started, 1)},
        "requests": organiser.requests + school.requests + sum(j["browser"].requests for j in jurors),
    }
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=2)
    print(
        f"  {scenario} seed {seed}: τ raw {taus['rawMean']:.3f} z {taus['zScore']:.3f} calibrated {taus['calibrated']:.3f}, "
        f"coverage {covered}/{len(rows1)}, winner {'/'.join('yes' if winners[m] else 'no' for m in METHODS)}, "
        f"2 rounds {'yes' if result['twoRoundWinner'] else 'no'} (both counted: {'yes' if result['cumulativeWinner'] else 'no'}); {result['requests']} requests in {result['seconds']['total']} s; "
        f"{len(problems)} problem(s)",
        file=sys.stderr,
    )
    for p in problems:
        print(f"    PROBLEM: {p}", file=sys.stderr)


# MARK: - Summary


def median(values):
    s = sorted(values)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def table(paths):
    results = [json.load(open(p, encoding="utf-8")) for p in paths]
    print("| scenario | seed | τ raw | τ z-score | τ calibrated | 90 % coverage | winner = true best: raw / z / calibrated | 2 rounds (calibrated): round 2 alone / both counted | page = JSON | service = in process (max |Δ|) | intervals = in process |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    yes = lambda b: "yes" if b else "no"
    for r in results:
        t = r["tau"]
        print(
            f"| {r['scenario']} | {r['seed']} | {t['rawMean']:.3f} | {t['zScore']:.3f} | {t['calibrated']:.3f} | "
            f"{100 * r['coverage'][0] / r['coverage'][1]:.0f} % | {' / '.join(yes(r['winner'][m]) for m in METHODS)} | "
            f"{yes(r['twoRoundWinner'])} / {yes(r['cumulativeWinner'])}{'' if r['bestShortlisted'] else ' (best not shortlisted)'} | "
            f"{'yes' if not [p for p in r['problems'] if 'page and JSON' in p or 'the page lists' in p] else 'NO'} ({sum(r['pageRowsCompared'])} rows) | "
            f"{'yes' if not [p for p in r['problems'] if 'in process' in p] else 'NO'} ({r['worstScoreDifference']:.1e}) | "
            f"{'yes (' + r['intervalOrder'] + ')' if r['intervalMismatches'] == [0, 0] else 'NO: ' + '+'.join(map(str, r['intervalMismatches'])) + ' posters'} |"
        )
    for scenario in dict.fromkeys(r["scenario"] for r in results):
        rs = [r for r in results if r["scenario"] == scenario]
        cov = sum(r["coverage"][0] for r in rs) / sum(r["coverage"][1] for r in rs)
        taus = " / ".join(f"{median([r['tau'][m] for r in rs]):.3f}" for m in METHODS)
        wins = " / ".join(f"{sum(r['winner'][m] for r in rs)}" for m in METHODS)
        print(
            f"\n{scenario}, {len(rs)} seeds: median τ raw / z / calibrated {taus}; coverage {100 * cov:.0f} %; "
            f"winner = true best {wins} of {len(rs)} (raw / z / calibrated), {sum(r['twoRoundWinner'] for r in rs)} of {len(rs)} after 2 rounds (round 2 alone), {sum(r['cumulativeWinner'] for r in rs)} with both counted"
        )
    problems = [f"{r['scenario']} seed {r['seed']}: {p}" for r in results for p in r["problems"]]
    verdict = "HOLDS" if not problems else f"FAILS ({len(problems)} problem(s))"
    print(f"\nCross-check (service's classement.json = its page = JuryBench --ballots on the same ballots, 4 per poster; round 2 alone and both rounds counted): {verdict}")
    for p in problems:
        print(f"  {p}")
    return 0 if not problems else 1


def main(argv):
    try:
        if argv[1] == "setup":
            setup(argv[2], int(argv[3]))
        elif argv[1] == "run":
            run(argv[2], int(argv[3]), argv[4], int(argv[5]), argv[6], argv[7])
        elif argv[1] == "table":
            return table(argv[2:])
        else:
            sys.exit(__doc__)
    except Failure as failure:
        print(f"[bench-jury-http] FAILED: {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
