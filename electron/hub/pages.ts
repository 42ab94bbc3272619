import type { HubMatrix, HubPackageDiff, HubSearchResult } from '../../shared/api/hub.js';
import { COMPLETENESS } from '../../shared/api/status.js';
import { formatDate, formatDateTime } from '../../shared/text/dates.js';
import { LOGIN_FAILURES_ALLOWED, LOGIN_LOCK_MINUTES, type HubUser } from './accounts.js';
import type { CommunityInfo, ItemMaterials } from './community.js';

/** The hub's pages: server-rendered Chinese HTML, every value escaped, no inline script (the CSP forbids it). */

export function h(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const q = (params: Record<string, string | number | undefined>): string =>
  Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');

export function layout(title: string, user: HubUser | null, csrf: string, body: string): string {
  const nav = user
    ? `<nav><a href="/matrix">完成情况矩阵</a><a href="/search">跨社区检索</a><a href="/upload">上传上报包</a>${user.role === 'district' ? '<a href="/audit">操作日志</a>' : ''}
       <span class="who">${h(user.name)}（${user.role === 'district' ? '区管理员' : '街道工作人员'}）</span>
       <form method="post" action="/logout" class="inline"><input type="hidden" name="_csrf" value="${h(csrf)}"><button>退出</button></form></nav>`
    : '';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="csrf" content="${h(csrf)}">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${h(title)} · 台账汇总平台</title><link rel="stylesheet" href="/static/hub.css"></head>
<body><header><strong>台账汇总平台</strong>${nav}</header><main><h1>${h(title)}</h1>${body}</main><script src="/static/hub.js"></script></body></html>`;
}

export function loginPage(pre: string, failed: 'wrong' | 'locked' | null): string {
  const why = failed === 'locked' ? `这个账号连续输错密码 ${LOGIN_FAILURES_ALLOWED} 次，已暂停登录 ${LOGIN_LOCK_MINUTES} 分钟，请稍后再试。` : failed === 'wrong' ? '账号或密码不正确。' : '';
  return layout('登录', null, '', `${why ? `<p class="error">${why}</p>` : ''}
<form method="post" action="/login" class="login"><input type="hidden" name="_pre" value="${h(pre)}">
<label>账号 <input name="name" autocomplete="username" required></label>
<label>密码 <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">登录</button></form>`);
}

const STATUS_CLASS: Record<string, string> = { 齐全: 'ok', 部分: 'part', 缺失: 'miss', 不适用: 'na' };

export function matrixPage(m: HubMatrix, years: number[], filter: { top?: string | undefined; unit?: string | undefined; status?: string | undefined; street?: string | undefined }): string {
  const options = (list: { value: string; label: string }[], selected: string | undefined): string =>
    list.map((o) => `<option value="${h(o.value)}"${o.value === (selected ?? '') ? ' selected' : ''}>${h(o.label)}</option>`).join('');
  const form = `<form method="get" action="/matrix" class="filters">
<label>年度 <select name="year">${options(years.map((y) => ({ value: String(y), label: `${y} 年度` })), String(m.year))}</select></label>
${m.streets.length > 1 ? `<label>街道 <select name="street">${options([{ value: '', label: '全部' }, ...m.streets.map((t) => ({ value: t, label: t }))], filter.street)}</select></label>` : ''}
<label>测评项目 <select name="top">${options([{ value: '', label: '全部' }, ...m.tops.map((t) => ({ value: t.code, label: `${t.code} ${t.title}` }))], filter.top)}</select></label>
<label>责任单位 <input name="unit" value="${h(filter.unit ?? '')}" placeholder="例如 文明办"></label>
<label>状态 <select name="status">${options([{ value: '', label: '全部' }, ...COMPLETENESS.map((s) => ({ value: s, label: s }))], filter.status)}</select></label>
<button>筛选</button> <a href="${h(`/export/summary.xlsx?${q({ year: m.year, street: filter.street })}`)}">导出汇总工作簿</a> <a href="${h(`/export/gaps.csv?${q({ year: m.year, street: filter.street })}`)}">导出缺项清单</a></form>`;
  if (m.communities.length === 0) return `${form}<p>${filter.street ? `${h(filter.street)}在 ` : ''}${m.year} 年度还没有社区上报。</p>`;
  const cell = new Map(m.cells.map((c) => [`${c.communityId}|${c.code}`, c]));
  const byCommunity = new Map(m.totals.byCommunity.map((t) => [t.communityId, t]));
  const byItem = new Map(m.totals.byItem.map((t) => [t.code, t]));
  const head = m.items.map((i) => `<th title="${h(`${i.code} ${i.title}${i.unit ? `（${i.unit}）` : ''}`)}"><span>${h(i.code)}</span></th>`).join('');
  const rows = m.communities
    .map((c) => {
      const t = byCommunity.get(c.id);
      const cells = m.items
        .map((i) => {
          const x = cell.get(`${c.id}|${i.code}`);
          if (!x) return '<td></td>';
          return `<td class="${STATUS_CLASS[x.status] ?? ''}"><a href="/community/${c.id}/${m.year}/${encodeURIComponent(i.code)}" title="${h(`${c.unit} ${i.code} ${i.title}：${x.status}`)}">${h(x.status)}${x.mapped ? '*' : ''}</a></td>`;
        })
        .join('');
      return `<tr><th class="unit"><a href="/community/${c.id}">${h(c.unit)}</a><small>${h(c.street)}</small></th>${cells}<td class="total">${t?.齐全 ?? 0}</td><td class="total">${t?.部分 ?? 0}</td><td class="total">${t?.缺失 ?? 0}</td><td class="total">${t?.不适用 ?? 0}</td></tr>`;
    })
    .join('');
  const foot = (s: (typeof COMPLETENESS)[number]): string =>
    `<tr class="totals"><th>${s}（社区数）</th>${m.items.map((i) => `<td>${byItem.get(i.code)?.[s] ?? 0}</td>`).join('')}<td colspan="4"></td></tr>`;
  return `${form}<p>${m.communities.length} 个社区 × ${m.items.length} 项测评标准，按「${h(m.edition?.name ?? '')}」列出；带 * 的格子来自另一版测评体系，按对应关系换算。</p>
<div class="scroll matrix-scroll"><table class="matrix"><thead><tr><th>社区</th>${head}<th>齐全</th><th>部分</th><th>缺失</th><th>不适用</th></tr></thead>
<tbody>${rows}</tbody><tfoot>${COMPLETENESS.map(foot).join('')}</tfoot></table></div>`;
}

export function searchPage(query: string, result: HubSearchResult | null, offset: number, limit: number): string {
  const form = `<form method="get" action="/search" class="filters"><input name="q" value="${h(query)}" placeholder="任意字词，一两个字也可以；year:2024 type:照片 -排除" autofocus size="40"><button>检索</button></form>`;
  if (!result) return `${form}<p>在所有可见社区的最新上报包中检索题名和内容。</p>`;
  const rows = result.results
    .map((r) => `<tr><td>${r.year}</td><td><a href="/community/${r.communityId}">${h(r.unit)}</a></td><td class="title">${h(r.title)}</td><td>${h(r.type)}</td><td>${h(formatDate(r.date))}</td><td>${h(r.archivalCode ?? '草稿')}</td></tr>`)
    .join('');
  const next = offset + limit < result.total ? `<a href="/search?${q({ q: query, offset: offset + limit })}">下一页</a>` : '';
  return `${form}<p class="count">共 ${result.totalCapped ? `${result.total.toLocaleString('en-US')}+` : result.total} 件</p><table class="list"><thead><tr><th>年度</th><th>社区</th><th>题名</th><th>类型</th><th>日期</th><th>档号</th></tr></thead><tbody>${rows}</tbody></table>${next}`;
}

export function communityPage(c: CommunityInfo, diff: HubPackageDiff | null): string {
  const rows = c.packages
    .map((p) => `<tr><td>${p.year}</td><td>${h(formatDateTime(p.createdAt))}</td><td>${h(formatDateTime(p.importedAt))}</td><td>${p.records}</td><td>${p.files}</td><td>${(p.bytes / 1048576).toFixed(1)} MB</td><td>${p.current ? '现行' : '历史'}</td><td><code>${h(p.contentHash.slice(0, 16))}</code></td><td>${h(p.source)}</td><td>${p.id}</td></tr>`)
    .join('');
  const ids = c.packages.map((p) => p.id);
  const pick = (name: string, selected: number | undefined): string =>
    `<select name="${name}">${ids.map((id) => `<option value="${id}"${id === selected ? ' selected' : ''}>第 ${id} 号</option>`).join('')}</select>`;
  const diffForm = ids.length >= 2 ? `<form method="get" class="filters">比较 ${pick('from', diff?.from ?? ids[1])} → ${pick('to', diff?.to ?? ids[0])} <button>比较</button></form>` : '';
  const list = (label: string, items: { title: string; archivalCode: string | null }[]): string =>
    items.length === 0 ? '' : `<h3>${label}（${items.length}）</h3><ul>${items.map((i) => `<li>${h(i.title)} <small>${h(i.archivalCode ?? '')}</small></li>`).join('')}</ul>`;
  const diffBody = diff
    ? `<section class="diff"><h2>第 ${diff.from} 号 → 第 ${diff.to} 号的变化</h2>${list('新增', diff.added)}${list('删去', diff.removed)}${
        diff.changed.length ? `<h3>改动（${diff.changed.length}）</h3><ul>${diff.changed.map((x) => `<li>${h(x.title)}：${h(x.what.join('、'))}</li>`).join('')}</ul>` : ''
      }${diff.statusChanges.length ? `<h3>完成情况变化（${diff.statusChanges.length}）</h3><ul>${diff.statusChanges.map((s) => `<li>${h(s.code)}：${h(s.before || '无')} → ${h(s.after)}</li>`).join('')}</ul>` : ''}${
        diff.added.length + diff.removed.length + diff.changed.length + diff.statusChanges.length === 0 ? '<p>两次上报内容相同。</p>' : ''
      }</section>`
    : '';
  return `<p>${h(c.street)}　全宗号 ${h(c.fonds || '—')}</p><h2>上报记录</h2>
<table class="list"><thead><tr><th>年度</th><th>生成时间</th><th>接收时间</th><th>件数</th><th>文件</th><th>大小</th><th>状态</th><th>校验值</th><th>来源</th><th>编号</th></tr></thead><tbody>${rows}</tbody></table>${diffForm}${diffBody}`;
}

export function materialsPage(m: ItemMaterials): string {
  const preview = (f: ItemMaterials['records'][number]['files'][number]): string =>
    f.mime.startsWith('image/')
      ? `<a href="/blob/${f.sha256}"><img src="/blob/${f.sha256}" alt="${h(f.name)}" loading="lazy"></a>`
      : `<a href="/blob/${f.sha256}">${h(f.name)}</a>`;
  // A PDF viewer opens the volume at the page after #page= (Chromium, Firefox, Edge and WPS all read it).
  const printed = (p: ItemMaterials['records'][number]['printed'][number]): string =>
    `<a href="/blob/${p.sha256}#page=${p.page}">${h(p.volume)} 第 ${p.page} 页起，共 ${p.pages} 页</a>`;
  const records = m.records
    .map((r) => `<li><strong>${h(r.title)}</strong> <small>${h(r.type)} ${h(formatDate(r.date))} ${h(r.archivalCode ?? '草稿')}</small>${
      r.printed.length ? `<div class="printed">装订在：${r.printed.map(printed).join('、')}</div>` : ''
    }<div class="files">${r.files.map(preview).join('')}</div></li>`)
    .join('');
  const binders = m.binders.map((b) => `<li><a href="/blob/${b.sha256}">${h(b.title)}</a></li>`).join('');
  return `<p>${h(m.unit)}　${m.year} 年度　状态：<span class="${STATUS_CLASS[m.status] ?? ''}">${h(m.status)}</span></p>
<h2>材料（${m.records.length} 件）</h2>${m.records.length ? `<ul class="materials">${records}</ul>` : '<p>没有材料。</p>'}
<h2>案卷</h2>${binders ? `<ul>${binders}</ul>` : '<p>没有案卷。</p>'}`;
}

export function uploadPage(): string {
  return `<p>选择社区导出的上报包（.zip）。上报包先整体校验，任何文件不符就整个拒收，不会留下一半。</p>
<form id="upload" class="filters"><input type="file" id="package" accept=".zip" required><button type="submit">上传</button></form><div id="result" role="status"></div>`;
}

export function auditPage(rows: { at: string; actor: string; action: string; detail: string }[]): string {
  const names: Record<string, string> = { login: '登录', 'login.failed': '登录失败', import: '导入', 'import.refused': '拒收', upload: '上传', export: '导出', 'user.add': '新建账号', 'token.add': '新建上传令牌' };
  return `<table class="list"><thead><tr><th>时间</th><th>操作人</th><th>操作</th><th>内容</th></tr></thead><tbody>${rows
    .map((r) => `<tr><td>${h(formatDateTime(r.at))}</td><td>${h(r.actor)}</td><td>${h(names[r.action] ?? r.action)}</td><td>${h(r.detail)}</td></tr>`)
    .join('')}</tbody></table>`;
}

export function errorPage(user: HubUser | null, csrf: string, message: string): string {
  return layout('出错了', user, csrf, `<p class="error">${h(message)}</p><p><a href="/matrix">返回</a></p>`);
}

export const HUB_CSS = `body{font-family:"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",sans-serif;margin:0;color:#222}
header{background:#8b1a1a;color:#fff;padding:.6em 1em;display:flex;gap:1.5em;align-items:center}header a{color:#fff;margin-right:1em}
nav{display:flex;align-items:center;gap:.5em;flex:1}.who{margin-left:auto}.inline{display:inline}main{padding:1em}
.filters{margin:.5em 0 1em;display:flex;gap:1em;flex-wrap:wrap;align-items:center}.scroll{overflow:auto}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25em .4em;font-size:13px}
.matrix-scroll{max-height:calc(100vh - 14em)}.matrix{border-collapse:separate;border-spacing:0}
.matrix td,.matrix th{border:0;border-right:1px solid #ccc;border-bottom:1px solid #ccc}.matrix tr>:first-child{border-left:1px solid #ccc}.matrix thead th{border-top:1px solid #ccc}.matrix thead th{position:sticky;top:0;background:#f3f3f3;z-index:1}
.matrix th:first-child{position:sticky;left:0;background:#fff;z-index:1}.matrix thead th:first-child{z-index:2;background:#f3f3f3}
.matrix tfoot th{background:#f3f3f3}.matrix td{text-align:center;min-width:2.6em;white-space:nowrap}.matrix th.unit{text-align:left;white-space:nowrap}.matrix th small{display:block;color:#777}
.ok{background:#c6efce}.part{background:#ffeb9c}.miss{background:#ffc7ce}.na{background:#e7e6e6}td a{color:inherit;text-decoration:none}
.total{font-weight:bold}.list .title{max-width:40em}.error{color:#b00020}.materials img{max-height:160px;margin:.3em;border:1px solid #ccc}.materials .printed{margin:.2em 0;font-size:.9em;color:#555}
.login{display:flex;flex-direction:column;gap:.8em;max-width:20em}`;

/** The upload page's script: sends the chosen file as the request body with the session's CSRF token. */
export const HUB_JS = `(function(){var f=document.getElementById('upload');if(!f)return;var out=document.getElementById('result');
f.addEventListener('submit',function(e){e.preventDefault();var file=document.getElementById('package').files[0];if(!file)return;
out.textContent='正在上传并校验……';fetch('/upload',{method:'POST',headers:{'content-type':'application/octet-stream','x-csrf-token':document.querySelector('meta[name=csrf]').content},body:file})
.then(function(r){return r.json()}).then(function(r){if(r.ok){out.textContent=(r.duplicate?'这个上报包已经导入过：':'已导入：')+r.unit+' '+r.year+' 年度，'+r.records+' 件，'+r.files+' 个文件。'}
else{out.textContent='上报包被拒收：'+(r.problems||[r.message]).join('；')}}).catch(function(){out.textContent='上传失败，请重试。'})})})();`;
