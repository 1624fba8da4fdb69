'use strict';
/* Vigie sandbox page: a small Slack over the emulator. Everything it does goes through the same signed
   requests Slack would send to Vigie (/sandbox/slack/* asks the emulator to send them). No dependency. */

const ME = 'U0SANDBOX1';
const ui = {
  state: null,
  raw: '',
  channel: null,
  home: false,
  openThreads: new Set(),
  seenViews: new Set(),
  modal: null,
  integrations: '',
};

const $ = (id) => document.getElementById(id);
const esc = (s) =>
  String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const unescapeEntities = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

async function call(path, body) {
  const options =
    body === undefined
      ? {}
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const response = await fetch(path, options);
  return response.json();
}

/* ---------- mrkdwn ---------- */

function slackDate(seconds, format, fallback) {
  const date = new Date(Number(seconds) * 1000);
  if (Number.isNaN(date.getTime())) return esc(fallback);
  // Slack's {ago} reads both ways: « il y a 5 min » for the past, « dans 15 min » for a deadline.
  const minutes = Math.round((Date.now() - date.getTime()) / 60000);
  const span = Math.abs(minutes);
  const amount = span < 60 ? `${span} min` : `${Math.round(span / 60)} h`;
  const ago = span < 1 ? "à l'instant" : minutes > 0 ? `il y a ${amount}` : `dans ${amount}`;
  const time = date.toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' });
  const secs = date.toLocaleTimeString('fr-FR');
  const day = date.toLocaleDateString('fr-FR', { day: 'numeric', month: 'short' });
  return esc(
    format
      .replace('{ago}', ago)
      .replace('{date_short_pretty}', day)
      .replace('{time_secs}', secs)
      .replace('{time}', time),
  );
}

function token(inner) {
  if (inner.startsWith('!date^')) {
    const [head, fallback = ''] = inner.split('|');
    const [, seconds, format = '{date_short_pretty}'] = head.split('^');
    return `<time>${slackDate(seconds, format, fallback)}</time>`;
  }
  if (inner.startsWith('@')) return `<span class="mention">@${esc(inner.slice(1))}</span>`;
  if (inner.startsWith('!subteam^'))
    return `<span class="mention">@${esc(inner.slice(9).split('|')[0])}</span>`;
  if (inner.startsWith('!')) return `<span class="mention">@${esc(inner.slice(1).split('|')[0])}</span>`;
  if (inner.startsWith('#'))
    return `<span class="mention">#${esc(inner.split('|')[1] || inner.slice(1))}</span>`;
  const [url, label] = inner.split('|');
  const href = unescapeEntities(url);
  if (!/^https?:\/\//.test(href)) return esc(label || url);
  return `<a href="${esc(href)}" target="_blank" rel="noopener">${label === undefined ? esc(url) : label}</a>`;
}

/** Slack mrkdwn to HTML. Text from Slack already has &, < and > escaped; <...> are tokens. */
function mrkdwn(text) {
  const parts = String(text).split(/(<[^<>]+>)/);
  let html = parts
    .map((part) => (/^<[^<>]+>$/.test(part) ? token(part.slice(1, -1)) : part.replace(/"/g, '&quot;')))
    .join('');
  html = html
    .replace(/```([\s\S]*?)```/g, (_m, code) => `<pre>${code}</pre>`)
    .replace(/`([^`\n]+)`/g, (_m, code) => `<code>${code}</code>`)
    .replace(/(^|[\s(>])\*([^*\n]+)\*/g, '$1<b>$2</b>')
    .replace(/(^|[\s(>])_([^_\n]+)_/g, '$1<i>$2</i>')
    .replace(/(^|[\s(>])~([^~\n]+)~/g, '$1<s>$2</s>')
    .replace(/\n/g, '<br>');
  return html;
}

const textObject = (t) => (t === undefined ? '' : t.type === 'mrkdwn' ? mrkdwn(t.text) : esc(t.text));

/* ---------- Block Kit ---------- */

function element(el, where) {
  const data = `data-action="${esc(el.action_id || '')}" ${where}`;
  const confirm = el.confirm === undefined ? '' : ` data-confirm="${esc(JSON.stringify(el.confirm))}"`;
  switch (el.type) {
    case 'button':
      if (el.url !== undefined)
        return `<a class="btn" href="${esc(el.url)}" target="_blank" rel="noopener">${textObject(el.text)}</a>`;
      return `<button type="button" class="btn ${esc(el.style || '')}" ${data}${confirm}>${textObject(el.text)}</button>`;
    case 'static_select':
    case 'overflow': {
      const options = (el.options || [])
        .map((o) => `<option value="${esc(o.value)}">${textObject(o.text)}</option>`)
        .join('');
      return `<select class="btn" ${data}><option value="">${el.type === 'overflow' ? '⋯' : textObject(el.placeholder) || 'Choisir'}</option>${options}</select>`;
    }
    case 'checkboxes': {
      const initial = new Set((el.initial_options || []).map((o) => o.value));
      return (el.options || [])
        .map(
          (o) =>
            `<label class="checkbox"><input type="checkbox" ${initial.has(o.value) ? 'checked' : ''} disabled> ${textObject(o.text)}</label>`,
        )
        .join('');
    }
    case 'image':
      return `<img alt="${esc(el.alt_text || '')}" src="${esc(el.image_url || '')}" width="24" height="24">`;
    case 'mrkdwn':
    case 'plain_text':
      return `<span>${textObject(el)}</span>`;
    default:
      return `<span class="muted">[${esc(el.type)}]</span>`;
  }
}

function block(b, where) {
  switch (b.type) {
    case 'header':
      return `<div class="block block-header">${textObject(b.text)}</div>`;
    case 'section': {
      const fields =
        b.fields === undefined
          ? ''
          : `<div class="fields">${b.fields.map((f) => `<div>${textObject(f)}</div>`).join('')}</div>`;
      const accessory =
        b.accessory === undefined ? '' : `<div class="accessory">${element(b.accessory, where)}</div>`;
      return `<div class="block section"><div class="text">${textObject(b.text)}${fields}</div>${accessory}</div>`;
    }
    case 'context':
      return `<div class="block context">${(b.elements || []).map((e) => element(e, where)).join('')}</div>`;
    case 'divider':
      return '<hr class="block divider">';
    case 'actions':
      return `<div class="block actions">${(b.elements || []).map((e) => element(e, where)).join('')}</div>`;
    case 'image':
      return `<div class="block"><img alt="${esc(b.alt_text || '')}" src="${esc(b.image_url || '')}" style="max-width:100%"></div>`;
    default:
      return `<div class="block muted">[${esc(b.type)}]</div>`;
  }
}

const blocks = (list, where) => (list || []).map((b) => block(b, where)).join('');

/* ---------- rendering ---------- */

function channelsOf(state) {
  return state.channels.filter((c) => !c.name.startsWith('dm-'));
}

function renderSidebar(state) {
  const top = (c) => state.messages.filter((m) => m.channel === c.id && m.threadTs === undefined).length;
  const link = (c, label) =>
    `<a data-channel="${c.id}" class="${!ui.home && ui.channel === c.id ? 'active' : ''}">${label}<span class="${top(c) > 0 ? 'count' : ''}">${top(c) || ''}</span></a>`;
  const dms = state.channels.filter((c) => c.name.startsWith('dm-'));
  $('sidebar').innerHTML = [
    `<a data-home="1" class="${ui.home ? 'active' : ''}">🏠 Accueil</a>`,
    '<h4>Canaux</h4>',
    ...channelsOf(state).map((c) => link(c, `# ${esc(c.name)}`)),
    '<h4>Messages directs</h4>',
    ...dms.map((c) => link(c, `@ ${esc(c.name.slice(3))}`)),
  ].join('');
}

/** Files shared in a message (the post-mortem draft): title and content. */
const filesOf = (m) =>
  (m.files || [])
    .map((f) => `<div class="integration">📄 <b>${esc(f.title)}</b><pre>${esc(f.content)}</pre></div>`)
    .join('');

function renderMessage(m, state) {
  const replies = state.messages.filter((r) => r.channel === m.channel && r.threadTs === m.ts);
  const where = `data-ts="${esc(m.ts)}"`;
  const open = ui.openThreads.has(m.ts);
  const thread =
    replies.length === 0
      ? ''
      : `<button type="button" class="thread-toggle" data-thread="${esc(m.ts)}">${replies.length} réponse${replies.length > 1 ? 's' : ''}</button>` +
        (open
          ? `<div class="thread">${replies.map((r) => `<div class="message"><div class="author">Vigie</div>${r.blocks.length > 0 ? blocks(r.blocks, `data-ts="${esc(r.ts)}"`) : mrkdwn(r.text)}${filesOf(r)}</div>`).join('')}</div>`
          : '');
  const time = new Date(Number(m.ts.split('.')[0]) * 1000).toLocaleTimeString('fr-FR');
  const body = m.blocks.length > 0 ? blocks(m.blocks, where) : `<div>${mrkdwn(m.text)}</div>`;
  return `<div class="message" data-message="${esc(m.ts)}"><div class="author">Vigie <span class="time">${time}</span>${m.updates > 0 ? ' <span class="edited">(modifié)</span>' : ''}</div>${body}${thread}</div>`;
}

function renderEphemerals(state) {
  return state.responses
    .filter((r) => r.body && r.body.response_type !== 'in_channel' && !r.replacedBy)
    .slice(-5)
    .map((r) => {
      const where = `data-response="${esc(r.id)}"`;
      const body =
        Array.isArray(r.body.blocks) && r.body.blocks.length > 0
          ? blocks(r.body.blocks, where)
          : mrkdwn(r.body.text || '');
      return `<div class="message ephemeral" data-ephemeral="${esc(r.id)}"><div class="note">Seul·e vous pouvez voir ce message</div>${body}</div>`;
    });
}

/**
 * Replaces only the children whose HTML changed (each item is one element): a card that did not
 * change keeps its element while another updates, as in Slack — a text selection, a field being
 * typed in or a screenshot of it is not lost to every poll that brings something new.
 */
function patchChildren(list, items) {
  const template = document.createElement('template');
  items.forEach((html, i) => {
    const current = list.children[i];
    if (current !== undefined && current.vigieHtml === html) return;
    template.innerHTML = html;
    const fresh = template.content.firstElementChild;
    fresh.vigieHtml = html;
    if (current === undefined) list.appendChild(fresh);
    else current.replaceWith(fresh);
  });
  while (list.children.length > items.length) list.lastElementChild.remove();
}

function renderHome(state) {
  const published = state.views.filter((v) => v.method === 'views.publish' && v.userId === ME).at(-1);
  $('channel-title').textContent = '🏠 Accueil — Vigie';
  $('messages').innerHTML =
    published === undefined
      ? '<p class="muted">Ouverture de l’onglet Accueil…</p>'
      : blocks(published.view.blocks, '');
}

function render() {
  const state = ui.state;
  if (state === null) return;
  if (ui.channel === null) ui.channel = channelsOf(state)[0]?.id ?? null;
  renderSidebar(state);
  if (ui.home) return renderHome(state);
  const channel = state.channels.find((c) => c.id === ui.channel);
  $('channel-title').textContent =
    channel === undefined
      ? ''
      : channel.name.startsWith('dm-')
        ? `@ ${channel.name.slice(3)}`
        : `# ${channel.name}`;
  const top = state.messages.filter((m) => m.channel === ui.channel && m.threadTs === undefined);
  const list = $('messages');
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  patchChildren(list, [
    ...(top.length === 0
      ? ['<p class="muted">Aucun message. Simulez une alerte →</p>']
      : top.map((m) => renderMessage(m, state))),
    ...renderEphemerals(state),
  ]);
  if (atBottom) list.scrollTop = list.scrollHeight;
  openNewModal(state);
}

/* ---------- modals and confirm dialogs ---------- */

function openNewModal(state) {
  if (ui.modal !== null) return;
  const view = state.views.find((v) => v.method === 'views.open' && !ui.seenViews.has(v.id));
  if (view === undefined) return;
  ui.seenViews.add(view.id);
  ui.modal = view;
  const inputs = (view.view.blocks || [])
    .map((b) => {
      if (b.type !== 'input') return block(b, '');
      const id = esc(b.block_id);
      const el = b.element;
      // As in Slack, a field not marked optional cannot be sent empty.
      const required = b.optional === true ? '' : ' required';
      const control =
        el.type === 'static_select'
          ? `<select id="modal-${id}" name="${id}"${required}>${(el.options || []).map((o) => `<option value="${esc(o.value)}" ${el.initial_option && el.initial_option.value === o.value ? 'selected' : ''}>${textObject(o.text)}</option>`).join('')}</select>`
          : el.multiline
            ? `<textarea id="modal-${id}" name="${id}" rows="3"${required}></textarea>`
            : `<input id="modal-${id}" name="${id}"${required}>`;
      // The label names its control (clicking it focuses the field; screen readers read it).
      return `<label for="modal-${id}">${textObject(b.label)}</label>${control}<div class="error" data-error="${id}"></div>`;
    })
    .join('');
  const overlay = $('overlay');
  overlay.innerHTML = `<form class="dialog" id="modal-form"><h3>${textObject(view.view.title)}</h3>${inputs}<div class="buttons"><button type="button" class="btn" id="modal-close">${textObject(view.view.close) || 'Annuler'}</button><button type="submit" class="btn primary">${textObject(view.view.submit) || 'Envoyer'}</button></div></form>`;
  overlay.classList.remove('hidden');
  $('modal-close').onclick = closeModal;
  $('modal-form').onsubmit = async (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(event.target).entries());
    const result = await call('/sandbox/slack/submit', { viewId: view.id, values });
    // As in Slack, each submission's errors replace the last ones (a fixed field loses its error).
    for (const slot of document.querySelectorAll('#modal-form [data-error]')) slot.textContent = '';
    if (result.errors && result.errors.response_action === 'errors') {
      for (const [id, message] of Object.entries(result.errors.errors)) {
        const slot = document.querySelector(`[data-error="${id}"]`);
        if (slot) slot.textContent = message;
      }
      return;
    }
    closeModal();
  };
}

function closeModal() {
  ui.modal = null;
  $('overlay').classList.add('hidden');
  $('overlay').innerHTML = '';
}

function confirmDialog(confirm) {
  return new Promise((resolve) => {
    const overlay = $('overlay');
    overlay.innerHTML = `<div class="dialog" role="alertdialog"><h3>${textObject(confirm.title)}</h3><p>${textObject(confirm.text)}</p><div class="buttons"><button type="button" class="btn" id="confirm-deny">${textObject(confirm.deny)}</button><button type="button" class="btn primary" id="confirm-ok">${textObject(confirm.confirm)}</button></div></div>`;
    overlay.classList.remove('hidden');
    const done = (answer) => {
      overlay.classList.add('hidden');
      overlay.innerHTML = '';
      resolve(answer);
    };
    $('confirm-ok').onclick = () => done(true);
    $('confirm-deny').onclick = () => done(false);
  });
}

/* ---------- events ---------- */

document.addEventListener('click', async (event) => {
  const target = event.target.closest('[data-channel],[data-home],[data-thread],button[data-action]');
  if (target === null) return;
  if (target.dataset.home) {
    ui.home = true;
    await call('/sandbox/slack/home', {}).catch(() => undefined);
    return render();
  }
  if (target.dataset.channel) {
    ui.home = false;
    ui.channel = target.dataset.channel;
    return render();
  }
  if (target.dataset.thread) {
    if (ui.openThreads.has(target.dataset.thread)) ui.openThreads.delete(target.dataset.thread);
    else ui.openThreads.add(target.dataset.thread);
    return render();
  }
  if (target.dataset.confirm && !(await confirmDialog(JSON.parse(target.dataset.confirm)))) return;
  target.disabled = true;
  const body = target.dataset.response
    ? { responseId: target.dataset.response, channel: ui.channel, action: target.dataset.action }
    : { ts: target.dataset.ts, action: target.dataset.action };
  await call('/sandbox/slack/click', body);
  await refresh();
});

// A menu in a message (the storm digest's « Ouvrir la carte »): picking an option is the action.
document.addEventListener('change', async (event) => {
  const target = event.target.closest('select[data-action]');
  if (target === null || target.value === '' || target.closest('form') !== null) return;
  target.disabled = true;
  const body = target.dataset.response
    ? {
        responseId: target.dataset.response,
        channel: ui.channel,
        action: target.dataset.action,
        value: target.value,
      }
    : { ts: target.dataset.ts, action: target.dataset.action, value: target.value };
  await call('/sandbox/slack/click', body);
  await refresh();
});

$('composer').addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = $('command')
    .value.trim()
    .replace(/^\/incident\s*/, '');
  $('command').value = '';
  const channel = ui.state && ui.state.channels.find((c) => c.id === ui.channel);
  await call('/sandbox/slack/command', { text, channel: channel ? channel.name : 'sre-alerts' });
  await refresh();
});

async function simulate(status) {
  const result = await call('/sandbox/alerts/simulate', { runbook: $('sim-runbook').value, status });
  $('sim-result').textContent = result.incidents
    ? result.incidents.map((i) => `${i.incidentId || '—'} : ${i.said || i.outcome}`).join(', ')
    : result.error || JSON.stringify(result);
  await refresh();
}
$('sim-fire').addEventListener('click', () => simulate('firing'));
$('sim-resolve').addEventListener('click', () => simulate('resolved'));

/* ---------- polling ---------- */

function renderIntegrations(data) {
  const raw = JSON.stringify(data);
  if (raw === ui.integrations) return;
  ui.integrations = raw;
  const select = $('sim-runbook');
  if (select.options.length === 0)
    select.innerHTML = data.runbooks
      .map((r) => `<option value="${esc(r.id)}">${esc(r.id)} — ${esc(r.title)}</option>`)
      .join('');
  const pages = data.pages.map(
    (p) =>
      `<div class="integration">📟 PagerDuty <b>${esc(p.said || p.action)}</b> → ${esc(p.routingKey)}<br><code>${esc(p.dedupKey)}</code> ${esc(p.summary)}${p.source ? `<br>source <code>${esc(p.source)}</code> · gravité <code>${esc(p.severity)}</code>${p.eventClass ? ` · classe <code>${esc(p.eventClass)}</code>` : ''}` : ''}${(p.links || []).map((l) => `<br>🔗 ${esc(l.text)} <code>${esc(l.href)}</code>`).join('')}</div>`,
  );
  const emails = data.emails.map(
    (e) => `<div class="integration">✉️ <b>${esc(e.subject)}</b><br>à ${esc(e.to.join(', '))}</div>`,
  );
  const ops = data.mitigations.map(
    (m) =>
      `<div class="integration">🛠️ ${esc(m.incident)} <b>${esc(m.label || m.mitigation)}</b> (${esc(m.said || m.status)})<br>${esc(m.message || '')}</div>`,
  );
  const all = [...ops, ...pages, ...emails];
  $('integrations').innerHTML =
    all.length === 0 ? '<p class="muted small">Rien pour l’instant.</p>' : all.reverse().join('');
}

async function refresh() {
  const [state, integrations] = await Promise.all([
    call('/sandbox/slack/state'),
    call('/sandbox/integrations'),
  ]);
  renderIntegrations(integrations);
  const raw = JSON.stringify(state);
  if (raw === ui.raw) return;
  ui.raw = raw;
  // Modals opened before this page loaded are gone, as in Slack after a reload: only new ones open.
  if (ui.state === null) for (const view of state.views) ui.seenViews.add(view.id);
  ui.state = state;
  render();
}

refresh();
setInterval(() => refresh().catch(() => undefined), 700);
