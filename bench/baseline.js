// The plain-JavaScript pages the benchmark compares the panel against. Both
// fetch the same search answer, sort the Orgs like the panel (lower-cased
// name, then id), build the filter keys once per load (lower-cased name and
// id, as the panel does), match the filter as the panel does (trimmed,
// lower-cased substring of a key) and give each shown Org the same row: name,
// id, a mode select, a checkbox per channel, the effective channels. They
// differ in what they build, chosen by the page's address:
//   baseline.html:          a row for every Org; a filter keystroke hides rows;
//   baseline.html?page=50:  only the current page of 50 rows, rebuilt on each
//                           filter keystroke or page change, like the panel.
// The benchmark sets window.benchToken before clicking Load.
'use strict';
const PAGE_SIZE = Number(new URLSearchParams(location.search).get('page')) || 0;
document.getElementById('pager').hidden = PAGE_SIZE === 0;
if (PAGE_SIZE) document.title = `Baseline: plain JavaScript, ${PAGE_SIZE} rows a page`;
const LS = 'LIVEBOARD_SCHEDULE';
const rows = document.getElementById('rows');
const count = document.getElementById('count');

let orgs = []; // { id, name, own: channels or null }, sorted
let keys = []; // one filter key per Org, built once per load
let inherited = ['EMAIL']; // what an Org without its own setting uses
let matching = []; // indexes into orgs that match the filter
let built = []; // every-row mode: the row of each Org
let pageIndex = 0;

// After the frame holding the update is rendered (style, layout, paint), as the panel does.
function markAfterPaint(name) {
  requestAnimationFrame(() => setTimeout(() => performance.mark(name), 0));
}

function channelsOf(prefs) {
  const p = (prefs || []).find((x) => x.event_type === LS);
  return p ? p.channels : null;
}

function checkbox(label, checked, disabled) {
  const l = document.createElement('label');
  const i = document.createElement('input');
  i.type = 'checkbox';
  i.checked = checked;
  i.disabled = disabled;
  l.append(i, ' ' + label);
  return l;
}

function row(o) {
  const tr = document.createElement('tr');
  const name = document.createElement('td');
  name.textContent = o.name;
  const id = document.createElement('td');
  id.textContent = o.id;
  const mode = document.createElement('td');
  const select = document.createElement('select');
  for (const [v, t] of [['inherit', 'Inherits'], ['override', 'Override']]) {
    const opt = document.createElement('option');
    opt.value = v;
    opt.textContent = t;
    select.append(opt);
  }
  select.value = o.own === null ? 'inherit' : 'override';
  mode.append(select);
  const chans = document.createElement('td');
  const c = o.own || [];
  chans.append(checkbox('EMAIL', c.includes('EMAIL'), o.own === null), checkbox('WEBHOOK', c.includes('WEBHOOK'), o.own === null));
  const eff = document.createElement('td');
  const e = o.own === null ? inherited : o.own;
  eff.textContent = e.length ? e.join(', ') : 'none (all channels off)';
  tr.append(name, id, mode, chans, eff);
  return tr;
}

function showCount() {
  count.textContent = `${matching.length} of ${orgs.length} Orgs`;
}

// Paged mode: rebuilds the rows of the current page (clamped to the last one).
function showPage() {
  const pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
  pageIndex = Math.min(pageIndex, pages - 1);
  const start = pageIndex * PAGE_SIZE;
  const frag = document.createDocumentFragment();
  for (const i of matching.slice(start, start + PAGE_SIZE)) frag.append(row(orgs[i]));
  rows.replaceChildren(frag);
  document.getElementById('page').textContent = `Page ${pageIndex + 1} of ${pages}`;
  document.getElementById('prev').disabled = pageIndex === 0;
  document.getElementById('next').disabled = pageIndex + 1 >= pages;
}

function load(data) {
  const def = channelsOf(data.cluster_preferences);
  inherited = def === null ? ['EMAIL'] : def;
  const list = (data.org_preferences || []).map((o) => ({
    id: String(o.org.id),
    name: o.org.name,
    lower: o.org.name.toLowerCase(),
    own: channelsOf(o.preferences),
  }));
  list.sort((a, b) => (a.lower < b.lower ? -1 : a.lower > b.lower ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  orgs = list;
  keys = list.map((o) => o.lower + '\u0000' + o.id);
  matching = orgs.map((_, i) => i);
  pageIndex = 0;
  if (PAGE_SIZE) {
    showPage();
  } else {
    const frag = document.createDocumentFragment();
    built = orgs.map((o) => frag.appendChild(row(o)));
    rows.replaceChildren(frag);
  }
  showCount();
}

document.getElementById('load').addEventListener('click', async () => {
  const r = await fetch('/api/rest/2.0/system/preferences/communication-channels/search', {
    method: 'POST',
    headers: {
      Authorization: 'Bearer ' + window.benchToken,
      'Content-Type': 'application/json',
      Accept: 'application/json',
    },
    body: JSON.stringify({ cluster_preferences: [LS] }),
  });
  const text = await r.text();
  performance.mark('tsp-search-received');
  load(JSON.parse(text));
  markAfterPaint('tsp-table-ready');
});

document.getElementById('filter').addEventListener('input', (ev) => {
  const q = ev.target.value.trim().toLowerCase();
  matching = [];
  for (let i = 0; i < keys.length; i++) if (q === '' || keys[i].includes(q)) matching.push(i);
  if (PAGE_SIZE) {
    pageIndex = 0;
    showPage();
  } else {
    const show = new Uint8Array(orgs.length);
    for (const i of matching) show[i] = 1;
    built.forEach((tr, i) => { tr.style.display = show[i] ? '' : 'none'; });
  }
  showCount();
  markAfterPaint('tsp-filter-ready');
});

if (PAGE_SIZE) {
  document.getElementById('prev').addEventListener('click', () => { pageIndex = Math.max(0, pageIndex - 1); showPage(); });
  document.getElementById('next').addEventListener('click', () => { pageIndex += 1; showPage(); });
}
