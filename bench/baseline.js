// The naive page the benchmark compares against: fetch the same search answer,
// build a row (with the same controls) for every Org, filter by hiding rows.
// The benchmark sets window.benchToken before clicking Load.
'use strict';
const LS = 'LIVEBOARD_SCHEDULE';
const rows = document.getElementById('rows');
let built = [];

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

function render(data) {
  const def = channelsOf(data.cluster_preferences);
  const inherited = def === null ? ['EMAIL'] : def;
  rows.textContent = '';
  built = [];
  const frag = document.createDocumentFragment();
  for (const o of data.org_preferences || []) {
    const own = channelsOf(o.preferences);
    const tr = document.createElement('tr');
    const name = document.createElement('td');
    name.textContent = o.org.name;
    const id = document.createElement('td');
    id.textContent = o.org.id;
    const mode = document.createElement('td');
    const select = document.createElement('select');
    for (const [v, t] of [['inherit', 'Inherits'], ['override', 'Override']]) {
      const opt = document.createElement('option');
      opt.value = v;
      opt.textContent = t;
      select.append(opt);
    }
    select.value = own === null ? 'inherit' : 'override';
    mode.append(select);
    const chans = document.createElement('td');
    const c = own || [];
    chans.append(checkbox('EMAIL', c.includes('EMAIL'), own === null), checkbox('WEBHOOK', c.includes('WEBHOOK'), own === null));
    const eff = document.createElement('td');
    const e = own === null ? inherited : own;
    eff.textContent = e.length ? e.join(', ') : 'none (all channels off)';
    tr.append(name, id, mode, chans, eff);
    frag.append(tr);
    built.push({ tr, key: (o.org.name + ' ' + o.org.id).toLowerCase(), id: o.org.id });
  }
  rows.append(frag);
  document.getElementById('count').textContent = built.length + ' Orgs';
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
  render(JSON.parse(text));
  markAfterPaint('tsp-table-ready');
});

document.getElementById('filter').addEventListener('input', (ev) => {
  const q = ev.target.value.trim().toLowerCase();
  let n = 0;
  for (const b of built) {
    const show = q === '' || b.key.includes(q);
    b.tr.style.display = show ? '' : 'none';
    if (show) n++;
  }
  document.getElementById('count').textContent = n + ' Orgs';
  markAfterPaint('tsp-filter-ready');
});
