"""Browser tests of `juesuan serve` (make e2e): a real headless Chromium,
driven through its DevTools protocol (cdp.py), against a server started on a
free loopback port with a store of a few documents.

  1. 审核: a Shanghai PDF uploaded through the page's file input; its
     findings shown; clicking the finding on "占71.73%" opens its page as a
     picture (a PNG the server made) with the figure boxed — the picture's
     natural size is the page at 1.5 px/pt and red frame pixels are on it.
  2. 编制: the example county's source folder uploaded as a zip; the
     self-audit and the preview shown; the PDF downloaded (a real %PDF).
  3. 历年: the store's departments and years.
Screenshots of each step go to build/e2e/. Usage: run.py BUILD_DIR."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.environ.get("JUE_SHARED", os.path.join(ROOT, "..", "shared"))
PLANTED = os.path.join(SHARED, "fixtures/real/shanghai-putuo-2024/finance-bureau-planted-errors.pdf")
EXAMPLE = os.path.join(ROOT, "examples/county-medical-security-2024")

failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures.append(what)


def start_server(binary, store, env):
    p = subprocess.Popen([binary, "serve", "--listen", "127.0.0.1:0", "--store", store], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, env=env)
    line = p.stdout.readline()
    if "http://" not in line:
        p.kill()
        raise RuntimeError("serve did not start: " + line + p.stderr.read())
    url = line[line.index("http://"):].split()[0].split("（")[0]
    return p, url.rstrip("/")


def make_store(binary, store, env, tmp):
    """A store with two documents of two departments, for 历年."""
    docs = [os.path.join(SHARED, "fixtures/real/shanghai-putuo-2024/finance-bureau.pdf"),
            os.path.join(SHARED, "fixtures/real/shanghai-putuo-2024/planning-resources-bureau.pdf")]
    subprocess.run([binary, "store", "add", *docs, "--store", store], env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)


def zip_example(tmp):
    path = os.path.join(tmp, "county-medical-security-2024.zip")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(os.listdir(EXAMPLE)):
            full = os.path.join(EXAMPLE, name)
            if os.path.isfile(full):
                z.write(full, "county-medical-security-2024/" + name)
    return path


def red_pixels(b, selector):
    """Counts the pixels of the image in the box colour (#d01010), drawn
    into a canvas (same origin, so readable)."""
    return b.eval("(()=>{const i=document.querySelector(%s);const c=document.createElement('canvas');"
                  "c.width=i.naturalWidth;c.height=i.naturalHeight;const x=c.getContext('2d');x.drawImage(i,0,0);"
                  "const d=x.getImageData(0,0,c.width,c.height).data;let n=0;"
                  "for(let k=0;k<d.length;k+=4)if(d[k]===0xd0&&d[k+1]===0x10&&d[k+2]===0x10)n++;return n})()"
                  % json.dumps(selector))


def audit_flow(b, url, shots):
    b.navigate(url + "/audit")
    b.set_files("input[type=file][name=file]", [PLANTED])
    b.wait_for("location.search.startsWith('?b=') && document.querySelector('.job .state') && "
               "document.querySelector('.job .state').textContent==='已完成'", timeout=180, what="the audit")
    b.screenshot(os.path.join(shots, "audit-upload.png"))
    href = b.eval("document.querySelector('.job a').getAttribute('href')")
    b.navigate(url + href)
    n = b.eval("document.querySelectorAll('.finding').length")
    check(n >= 5, f"审核: {n} findings of the planted PDF listed")
    b.screenshot(os.path.join(shots, "audit-findings.png"))
    # click the finding on 71.73% (claims.share, page 19)
    link = b.eval("(()=>{for(const f of document.querySelectorAll('.finding'))"
                  "if(f.textContent.includes('71.73%')){const a=[...f.querySelectorAll('a')]"
                  ".find(a=>a.textContent.includes('在页面上查看'));if(a){a.id='go';return a.getAttribute('href')}}"
                  "return null})()")
    check(bool(link), "审核: the finding on 71.73% has a link to its page")
    if not link:
        return
    b.events = [e for e in b.events if e["method"] != "Page.loadEventFired"]
    b.eval("document.getElementById('go').click()")
    b.wait_event("Page.loadEventFired")
    b.wait_for("document.querySelector('img.page') && document.querySelector('img.page').complete", timeout=60,
               what="the page picture")
    src = b.eval("document.querySelector('img.page').getAttribute('src')")
    w = b.eval("document.querySelector('img.page').naturalWidth")
    h = b.eval("document.querySelector('img.page').naturalHeight")
    check(src is not None and src.endswith(".png") and "/finding/" in src, f"审核: the page picture is {src}")
    check(880 <= w <= 900 and 1255 <= h <= 1270, f"审核: the picture is an A4 page at 1.5 px/pt ({w}x{h})")
    red = red_pixels(b, "img.page")
    check(red > 100, f"审核: the figure is boxed ({red} pixels in the box colour)")
    facts = b.eval("document.querySelector('.facts').textContent")
    check("71.73%" in facts and "71.65%" in facts, "审核: found 71.73%, expected 71.65%, shown beside the page")
    b.screenshot(os.path.join(shots, "audit-finding-boxed.png"), full=False)


def build_flow(b, url, shots, downloads, tmp):
    b.navigate(url + "/build")
    b.screenshot(os.path.join(shots, "build-form.png"))
    b.set_files("input[type=file][name=zip]", [zip_example(tmp)])
    b.events = [e for e in b.events if e["method"] != "Page.loadEventFired"]
    b.eval("document.querySelector('form.buildform').submit()")
    b.wait_event("Page.loadEventFired")
    b.wait_for("document.getElementById('state') && document.getElementById('state').textContent.includes('已结束')",
               timeout=300, what="the build")
    summary = b.eval("document.querySelector('.summary').textContent")
    check("已生成" in summary, "编制: " + summary)
    b.wait_for("document.querySelector('#preview img') && document.querySelector('#preview img').complete",
               timeout=60, what="the preview")
    pw = b.eval("document.querySelector('#preview img').naturalWidth")
    check(pw > 500, f"编制: the preview shows the PDF's first page ({pw} px wide)")
    b.screenshot(os.path.join(shots, "build-result.png"))
    b.allow_downloads(downloads)
    b.eval("[...document.querySelectorAll('.downloads a')].find(a=>a.textContent==='PDF').click()")
    done = b.wait_event("Browser.downloadProgress", timeout=60, match=lambda p: p.get("state") == "completed")
    files = [f for f in os.listdir(downloads) if f.endswith(".pdf")]
    ok = bool(files) and open(os.path.join(downloads, files[0]), "rb").read(5) == b"%PDF-"
    check(ok, f"编制: the PDF downloaded ({files}, {done['params'].get('receivedBytes')} bytes)")
    # the preview of a page with a table (公开01表 is on page 5 of the example)
    b.navigate(b.eval("location.href.split('?')[0]") + "?p=5")
    b.wait_for("document.querySelector('#preview img') && document.querySelector('#preview img').complete",
               timeout=60, what="the preview of page 5")
    b.screenshot(os.path.join(shots, "build-preview.png"))


def history_flow(b, url, shots):
    b.navigate(url + "/history")
    rows = b.eval("document.querySelectorAll('table.overview tbody tr').length")
    check(rows >= 2, f"历年: {rows} department-years listed")
    b.screenshot(os.path.join(shots, "history.png"))


def main():
    build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build")
    binary = os.path.join(build, "juesuan")
    shots = os.path.join(build, "e2e")
    shutil.rmtree(shots, ignore_errors=True)
    os.makedirs(shots)
    tmp = tempfile.mkdtemp(prefix="jue-e2e-")
    env = dict(os.environ, JUESUAN_DATA=os.environ.get("JUESUAN_DATA", os.path.join(ROOT, "data")))
    store = os.path.join(tmp, "store.db")
    make_store(binary, store, env, tmp)
    server, url = start_server(binary, store, env)
    browser = None
    try:
        browser = cdp.Browser(binary=os.environ.get("CHROMIUM", "chromium"))
        audit_flow(browser, url, shots)
        downloads = os.path.join(tmp, "downloads")
        os.makedirs(downloads)
        build_flow(browser, url, shots, downloads, tmp)
        history_flow(browser, url, shots)
    finally:
        if browser:
            browser.close()
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"screenshots in {shots}")
    if failures:
        print(f"{len(failures)} browser check(s) failed", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
