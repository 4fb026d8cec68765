"""juesuan serve: a finding on its page, and the 编制 page, over HTTP
(tests/cli/serve_pages.sh starts it): a Shanghai PDF's finding shows its
page as a PNG the server made with the figure boxed, next to what was
expected; a text document's finding shows its table with the cell marked
or its note with the figure marked; the example county's source uploaded
as a zip is built, previewed and downloaded as PDF, Word, Excel and HTML;
a source with a mistake lists it as file:line:col and builds after the
fixed file is uploaded to the same build; the nine tables plus
department.yaml build too; hostile zips (path traversal, absolute names,
links, a zip bomb, too many files) are refused and write nothing outside
their folder; names are escaped; no path names a file on disk."""

import http.cookiejar
import json
import os
import re
import struct
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
import zipfile

BIN, URL, TMP, SRC, SHARED = sys.argv[1:6]
URL = URL.rstrip("/")
EXAMPLE = os.path.join(SRC, "examples/county-medical-security-2024")
PLANTED = os.path.join(SHARED, "fixtures/real/shanghai-putuo-2024/finance-bureau-planted-errors.pdf")
ZHENAN = os.path.join(SHARED, "fixtures/real/zhenan-medical-security-2023.txt")
LILING = os.path.join(SHARED, "fixtures/real/liling-medical-security-2022.txt")

jar = http.cookiejar.CookieJar()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k):
        return None


opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
fails = []


def check(ok, what):
    if not ok:
        print("FAIL:", what)
        fails.append(what)


def req(path, data=None, headers=None):
    """(status, headers, body bytes)."""
    r = urllib.request.Request(URL + path, data=data, headers=headers or {})
    try:
        with opener.open(r, timeout=300) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def text(path):
    s, _, b = req(path)
    return s, b.decode("utf-8", "replace")


def csrf():
    return re.search(r'<meta name="csrf" content="([0-9a-f]+)"', text("/audit")[1]).group(1)


def post(path, fields, files, ajax=False):
    """multipart/form-data: fields {name: value}, files [(name, filename, bytes)]."""
    b = uuid.uuid4().hex
    parts = []
    for k, v in fields.items():
        parts.append(f'--{b}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode())
    for k, fn, data in files:
        parts.append(f'--{b}\r\nContent-Disposition: form-data; name="{k}"; filename="{fn}"\r\n'
                     f'Content-Type: application/octet-stream\r\n\r\n'.encode() + data + b"\r\n")
    body = b"".join(parts) + f"--{b}--\r\n".encode()
    h = {"Content-Type": f"multipart/form-data; boundary={b}"}
    if ajax:
        h["X-Requested-With"] = "t"
    return req(path, body, h)


T = csrf()

# ---- a finding on its page ----


def audit(path):
    s, _, body = post("/audit/upload", {"csrf": T}, [("file", os.path.basename(path), open(path, "rb").read())], True)
    batch = json.loads(body)["batch"]
    for _ in range(1200):
        jobs = json.loads(req(f"/audit/jobs?b={batch}")[2])["jobs"]
        if all(j["state"] in ("done", "failed") for j in jobs):
            return jobs[0]["id"]
        time.sleep(0.1)
    raise SystemExit("audit did not end")


def finding_link(job, needle):
    """The index of the finding whose text holds needle (its 在页面上查看 link)."""
    page = text(f"/audit/job/{job}")[1]
    for block in page.split('<div class="finding ')[1:]:
        m = re.search(rf'/audit/job/{job}/finding/(\d+)"', block)
        if needle in block and m:
            return int(m.group(1))
    return None


job = audit(PLANTED)
n = finding_link(job, "71.73%")
check(n is not None, "the finding on 71.73% links to its page")
s, page = text(f"/audit/job/{job}/finding/{n}")
check(s == 200, f"finding page: {s}")
check(f'src="/audit/job/{job}/finding/{n}.png"' in page, "the finding page shows its page picture")
check('class="actual">71.73%' in page and 'class="expected">71.65%' in page, "found and expected beside the page")
check("claims.share" in page and "第19页" in page, "the rule and the page are said")
s, h, png = req(f"/audit/job/{job}/finding/{n}.png")
check(s == 200 and h.get("Content-Type") == "image/png" and png[:8] == b"\x89PNG\r\n\x1a\n", "the picture is a PNG")
w, ht = struct.unpack(">II", png[16:24])
check((w, ht) == (893, 1263), f"an A4 page at 1.5 px/pt: {w}x{ht}")
s2, _, png2 = req(f"/audit/job/{job}/finding/{n}.png")
check(png2 == png, "the picture is made once and kept")
for bad in (f"{len(page)}", "999", "-1", "abc", f"{n}.png.x", f"{n}x", "", f"{n}/../..", "%2e%2e"):
    check(req(f"/audit/job/{job}/finding/{bad}")[0] == 404, f"finding/{bad} is 404")
check(req("/audit/job/0123456789abcdef/finding/0")[0] == 404, "unknown job is 404")

# a text document: the table with the cell marked, the note with the figure marked
job = audit(ZHENAN)
n = finding_link(job, "302 商品和服务支出")
s, page = text(f"/audit/job/{job}/finding/{n}")
check(s == 200 and page.count('data-hit="1"') == 1, "the table's cell is marked once")
check(re.search(r'<td id="T06-302-[^"]*" data-hit="1"[^>]*>6\.27</td>', page) is not None, "the marked cell is 302's 6.27")
check("<img" not in page.split("<main>")[1], "no picture for a text document")
job = audit(LILING)
n = finding_link(job, "51447.51万元")
page = text(f"/audit/job/{job}/finding/{n}")[1]
check('<mark class="figure">51447.51万元</mark>' in page, "the note's figure is marked")
check(text("/static/view.css")[0] == 200, "the views' style sheet")

# ---- 编制 ----


def zip_of(files, name="src.zip"):
    """files: [(name in the zip, bytes)] (symlinks: (name, None, target))."""
    path = os.path.join(TMP, name)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for entry in files:
            if len(entry) == 3:
                info = zipfile.ZipInfo(entry[0])
                info.create_system = 3
                info.external_attr = (0o120777 << 16)
                z.writestr(info, entry[2])
            else:
                z.writestr(entry[0], entry[1])
    return open(path, "rb").read()


def example_files(prefix="county-medical-security-2024/", change=None):
    out = []
    for name in sorted(os.listdir(EXAMPLE)):
        full = os.path.join(EXAMPLE, name)
        if os.path.isfile(full):
            data = open(full, "rb").read()
            if change and name in change:
                data = change[name](data)
            out.append((prefix + name, data))
    return out


def build(files, zipname="county-medical-security-2024.zip"):
    s, h, body = post("/build/upload", {"csrf": T}, [("zip", zipname, zip_of(files))])
    return s, h.get("Location"), body.decode("utf-8", "replace")


def wait_build(loc):
    for _ in range(3000):
        s, page = text(loc)
        if "已结束" in page or "编制中止" in page:
            return page
        time.sleep(0.1)
    raise SystemExit("build did not end")


s, loc, _ = build(example_files())
check(s == 303 and loc and re.fullmatch(r"/build/[0-9a-f]{16}", loc), f"upload answers a build id: {s} {loc}")
page = wait_build(loc)
check("已生成，自审未发现错误" in page, "the example builds with a clean self-audit")
check(f'<img class="page" src="{loc}/page/1.png"' in page, "a preview of the first page")
for key, magic in (("pdf", b"%PDF-"), ("docx", b"PK"), ("xlsx", b"PK"), ("html", b"<!DOC")):
    s, h, body = req(f"{loc}/download/{key}")
    check(s == 200 and body.startswith(magic), f"download {key}: {s}")
    check("attachment" in (h.get("Content-Disposition") or ""), f"download {key} is an attachment")
s, h, png = req(f"{loc}/page/1.png")
check(s == 200 and png[:4] == b"\x89PNG", "preview page 1 is a PNG")
check(req(f"{loc}/page/9999.png")[0] == 404, "a page the PDF does not have is 404")
for bad in ("/download/../../etc/passwd", "/download/md", "/page/1", "/page/x.png", "/nope"):
    check(req(loc + bad)[0] == 404, f"{bad} is 404")
check(req("/build/0123456789abcdef")[0] == 404, "an unknown build is 404")
check(req("/build/..%2f..%2fetc")[0] == 404, "a build path with .. is 404")

# a mistake in the source: listed at its place; the fixed file uploaded to the same build
broken = example_files(change={"income.csv": lambda d: d.replace(b'"4,215,368.27"', b'"4,215.368.27"', 1)})
s, loc2, _ = build(broken)
page = wait_build(loc2)
check("源数据有错误" in page, "a source with a mistake is not built")
m = re.search(r'<li class="sev-error">county-medical-security-2024/income\.csv:3:\d+：错误：金额', page)
check(m is not None, "the mistake is listed as income.csv:3:col")
check(TMP not in page and "/build-" not in page, "no server path shown")
fixed = open(os.path.join(EXAMPLE, "income.csv"), "rb").read()
s, h, _ = post(f"{loc2}/retry", {"csrf": T}, [("file", "income.csv", fixed)])
check(s == 303 and h.get("Location") == loc2, "the fixed file goes to the same build")
page = wait_build(loc2)
check("已生成" in page and "第 2 次编制" in page, "the fixed source builds on the second try")

# the nine tables (as build writes them) plus department.yaml
out = os.path.join(TMP, "tables")
subprocess.run([BIN, "build", EXAMPLE, "-o", out, "--format", "xlsx"], check=True, stdout=subprocess.DEVNULL)
xlsx = open(os.path.join(out, "county-medical-security-2024.xlsx"), "rb").read()
yaml = open(os.path.join(EXAMPLE, "department.yaml"), "rb").read()
s, h, _ = post("/build/upload", {"csrf": T}, [("tables", "bureau-2024.xlsx", xlsx), ("department", "department.yaml", yaml)])
check(s == 303, f"tables upload: {s}")
page = wait_build(h.get("Location"))
check("已生成" in page and "/download/pdf" in page, "the nine tables and department.yaml build")

# hostile zips: refused, nothing written outside the build's folder
cases = [
    ("path traversal", [("../evil.txt", b"x"), ("a/department.yaml", b"")], "不安全的文件名"),
    ("absolute name", [("/tmp/evil.txt", b"x")], "不安全的文件名"),
    ("deep traversal", [("a/../../evil.txt", b"x")], "不安全的文件名"),
    ("a link", [("a/department.yaml", None, "/etc/passwd")], "符号链接"),
    ("zip bomb", [("a/zeros.csv", b"\0" * (80 << 20))], "超过"),
    ("high ratio", [("a/department.yaml", b"a: 1\n"), ("a/zeros.csv", b"\0" * (20 << 20))], "压缩比异常"),
    ("too many files", [(f"a/f{i}.csv", b"") for i in range(600)], "文件太多"),
    ("no department.yaml", [("a/income.csv", b"x")], "没有 department.yaml"),
    ("not a zip", None, "不是 zip"),
]
for what, files, why in cases:
    data = zip_of(files) if files is not None else b"just text"
    s, _, body = post("/build/upload", {"csrf": T}, [("zip", "x.zip", data)])
    body = body.decode("utf-8", "replace")
    check(s == 400 and why in body, f"{what}: {s} {why in body}")
for root, _, names in os.walk(TMP):
    check("evil.txt" not in names, f"a hostile zip wrote evil.txt into {root}")

# escaping: the upload's name is shown as text
s, loc3, _ = build(example_files(), zipname="<script>alert(1)</script>.zip")
page = wait_build(loc3)
check("<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;.zip" in page, "the upload's name is escaped")
# the CSRF token is required
s, _, _ = post("/build/upload", {}, [("zip", "a.zip", zip_of(example_files()))])
check(s == 403, f"an upload without the CSRF token: {s}")

if fails:
    print(f"{len(fails)} check(s) failed")
    sys.exit(1)
print("serve pages: all checks passed")
