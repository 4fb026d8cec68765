/* The page layout every page shares, error pages, the login form,
 * the home page and the static style sheet and script (strings here: no
 * build step). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/encoding.h"
#include "serve_internal.h"

void serve_csrf_field(const serve_req *rq, jue_buf *b)
{
    jue_buf_printf(b, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", rq->csrf);
}

void serve_page_begin(serve_req *rq, serve_resp *rs, const char *nav, const char *title)
{
    static const char *const NAV[][2] = { { "audit", "审核" }, { "build", "编制" }, { "history", "历年" } };
    jue_buf *b = &rs->body;
    jue_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    jue_buf_printf(b, "<meta name=\"csrf\" content=\"%s\"><title>", rq->csrf);
    serve_esc(b, title);
    jue_buf_puts(b, " · 决算</title><link rel=\"stylesheet\" href=\"/static/app.css\">"
                    "<script src=\"/static/app.js\" defer></script></head>\n<body><header><a class=\"brand\" href=\"/\">决算</a><nav>");
    for (size_t i = 0; i < sizeof NAV / sizeof NAV[0]; i++)
        jue_buf_printf(b, "<a href=\"/%s\"%s>%s</a>", NAV[i][0], nav && !strcmp(nav, NAV[i][0]) ? " class=\"on\"" : "",
                       NAV[i][1]);
    jue_buf_puts(b, "</nav></header>\n<main><h1>");
    serve_esc(b, title);
    jue_buf_puts(b, "</h1>\n");
}

void serve_page_end(serve_req *rq, serve_resp *rs)
{
    (void)rq;
    jue_buf_puts(&rs->body, "</main>\n<footer>juesuan " JUE_VERSION " · 文件只在本机处理，服务停止时删除</footer></body></html>\n");
}

void serve_error(serve_req *rq, serve_resp *rs, int status, const char *msg)
{
    static const struct { int status; const char *what; } WHAT[] = {
        { 400, "请求有误" }, { 403, "不允许" }, { 404, "没有这个页面" }, { 413, "上传的文件太大或太多" },
        { 415, "不支持的提交方式" }, { 421, "主机名不对" }, { 500, "服务器内部错误" }, { 503, "服务器繁忙" },
        { 507, "磁盘空间不足" },
    };
    const char *what = "出错了";
    for (size_t i = 0; i < sizeof WHAT / sizeof WHAT[0]; i++)
        if (WHAT[i].status == status) what = WHAT[i].what;
    rs->status = status;
    jue_buf_reset(&rs->body);
    if (rq->route && rq->route->path[1] && serve_header(rq, "X-Requested-With")) {   /* the page's script asked */
        rs->type = "application/json; charset=utf-8";
        jue_buf_puts(&rs->body, "{\"error\":");
        serve_json_str(&rs->body, msg ? msg : what);
        jue_buf_puts(&rs->body, "}\n");
        return;
    }
    serve_page_begin(rq, rs, NULL, what);
    jue_buf_puts(&rs->body, "<p class=\"error\">");
    serve_esc(&rs->body, msg ? msg : what);
    jue_buf_puts(&rs->body, "</p><p><a href=\"/\">返回首页</a></p>\n");
    serve_page_end(rq, rs);
}

/* GET: the form; POST: the token checked, a cookie saying so set; the
 * gate's refusal (rs->status 401): the form. */
void serve_page_login(serve_req *rq, serve_resp *rs)
{
    const char *t = rq->app->o.token;
    bool refused = rs->status == 401, wrong = false;
    if (!refused && !t) { rs->location = jue_strdup("/"); return; }
    if (!refused && !strcmp(rq->method, "POST")) {
        const char *given = serve_arg(rq, "token");
        if (given && serve_same_secret(given, t)) {
            char v[33];
            serve_token_cookie(rq->app, v);
            jue_buf c;
            jue_buf_init(&c);
            jue_buf_printf(&c, "juesuan_token=%s; Path=/; HttpOnly; SameSite=Strict", v);
            rs->cookie = jue_buf_take(&c);
            rs->location = jue_strdup("/");
            return;
        }
        wrong = true;
    }
    serve_page_begin(rq, rs, NULL, "请输入访问令牌");
    rs->status = refused || wrong ? 401 : 200;
    if (wrong) jue_buf_puts(&rs->body, "<p class=\"error\">访问令牌不对。</p>");
    jue_buf_puts(&rs->body, "<p>此服务器设有访问令牌（启动时的 --token 或 --token-file）。</p>"
                            "<form method=\"post\" action=\"/login\">");
    serve_csrf_field(rq, &rs->body);
    jue_buf_puts(&rs->body, "<label>令牌 <input type=\"password\" name=\"token\" autocomplete=\"current-password\" required>"
                            "</label> <button>进入</button></form>\n");
    serve_page_end(rq, rs);
}

void serve_page_home(serve_req *rq, serve_resp *rs)
{
    serve_page_begin(rq, rs, NULL, "部门决算：审核、编制、历年");
    jue_buf_puts(&rs->body,
                 "<ul class=\"home\">"
                 "<li><a href=\"/audit\">审核</a>：把已公开的决算（PDF、Word、Excel、网页、文本）拖进来，逐页看审核意见。</li>"
                 "<li><a href=\"/build\">编制</a>：上传源数据（zip）或九张表和 department.yaml，生成决算文件。</li>"
                 "<li><a href=\"/history\">历年</a>：存储中的单位和年度，各年审核意见，与上年比较。</li></ul>\n");
    serve_page_end(rq, rs);
}

static const char CSS[] =
    "body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:0;color:#222;background:#fafafa}"
    "header{background:#8b1a1a;color:#fff;padding:.5em 1em;display:flex;gap:2em;align-items:center}"
    "header a{color:#fff;text-decoration:none}header .brand{font-weight:bold;font-size:1.2em}"
    "nav a{margin-right:1.5em}nav a.on{border-bottom:2px solid #fff}"
    "main{padding:1em 2em;max-width:72em}footer{color:#888;font-size:.8em;padding:1em 2em}"
    ".error{color:#b00}.drop{border:2px dashed #999;padding:2em;text-align:center;background:#fff}"
    ".drop.over{border-color:#8b1a1a;background:#fff5f5}"
    "table{border-collapse:collapse;background:#fff}td,th{border:1px solid #ccc;padding:.25em .5em}"
    "td.num{text-align:right;font-variant-numeric:tabular-nums}"
    ".sev-error{color:#b00}.sev-warning{color:#a60}.sev-info{color:#666}"
    ".job{background:#fff;border:1px solid #ddd;margin:.5em 0;padding:.5em 1em}"
    "progress{width:12em}.filters label{margin-right:1em}.hidden{display:none}"
    ".finding{margin:.3em 0}.finding .where{color:#555;font-size:.9em}";

static const char JS[] =
    "'use strict';\n"
    "const csrf=document.querySelector('meta[name=csrf]').content;\n"
    "function $(s,e){return (e||document).querySelector(s)}\n"
    "function upload(files){\n"
    " const fd=new FormData();fd.append('csrf',csrf);for(const f of files)fd.append('file',f);\n"
    " const x=new XMLHttpRequest(),bar=$('#upbar'),msg=$('#upmsg');\n"
    " x.open('POST','/audit/upload');x.setRequestHeader('X-Requested-With','fetch');x.setRequestHeader('X-CSRF-Token',csrf);\n"
    " bar.classList.remove('hidden');msg.textContent='正在上传…';\n"
    " x.upload.onprogress=e=>{if(e.lengthComputable)bar.value=e.loaded/e.total};\n"
    " x.onload=()=>{let r={};try{r=JSON.parse(x.responseText)}catch(e){}\n"
    "  if(x.status!==200){msg.textContent=r.error||('上传失败（'+x.status+'）');return}\n"
    "  location.href='/audit?b='+encodeURIComponent(r.batch)};\n"
    " x.onerror=()=>{msg.textContent='上传中断，请重试'};x.send(fd)}\n"
    "function poll(){const b=$('#jobs');if(!b)return;\n"
    " fetch('/audit/jobs?b='+encodeURIComponent(b.dataset.batch),{headers:{'X-Requested-With':'fetch'}}).then(r=>r.json()).then(j=>{\n"
    "  let busy=false,changed=false;for(const x of j.jobs){const e=document.getElementById('job-'+x.id);if(!e)continue;\n"
    "   $('.state',e).textContent=x.state_zh;if(x.state==='queued'||x.state==='running')busy=true;\n"
    "   else if(e.dataset.state!==x.state)changed=true}\n"
    "  if(changed)location.reload();else if(busy)setTimeout(poll,700)})}\n"
    "function filters(){for(const f of document.querySelectorAll('.filters')){const box=f.parentElement;\n"
    " const apply=()=>{const on=new Set([...f.querySelectorAll('input:checked')].map(i=>i.value));\n"
    "  for(const e of box.querySelectorAll('.finding'))e.classList.toggle('hidden',!(on.has(e.dataset.sev)&&on.has(e.dataset.kind)))};\n"
    " f.addEventListener('change',apply);apply()}}\n"
    "document.addEventListener('DOMContentLoaded',()=>{\n"
    " const d=$('.drop');if(d){const inp=$('input[type=file]',d);\n"
    "  d.addEventListener('dragover',e=>{e.preventDefault();d.classList.add('over')});\n"
    "  d.addEventListener('dragleave',()=>d.classList.remove('over'));\n"
    "  d.addEventListener('drop',e=>{e.preventDefault();d.classList.remove('over');upload(e.dataTransfer.files)});\n"
    "  inp.addEventListener('change',()=>upload(inp.files));\n"
    "  const btn=$('button',d.form||document);if(btn)btn.classList.add('hidden')}\n"
    " poll();filters()});\n";

void serve_page_static(serve_req *rq, serve_resp *rs)
{
    if (!strcmp(rq->tail, "app.css")) rs->type = "text/css; charset=utf-8", jue_buf_puts(&rs->body, CSS);
    else if (!strcmp(rq->tail, "app.js")) rs->type = "text/javascript; charset=utf-8", jue_buf_puts(&rs->body, JS);
    else serve_error(rq, rs, 404, NULL);
}
