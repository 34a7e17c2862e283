// The agent console, plain JavaScript. Every text that comes from users, agents or files is rendered with
// textContent (never innerHTML), so a message like <img src=x onerror=…> is shown, not run.
(function () {
  'use strict';

  const CHANNELS = { webchat: 'Web chat', whatsapp: 'WhatsApp', 'whatsapp-cloud': 'WhatsApp', whatsappcloud: 'WhatsApp', test: 'Prueba', emulator: 'Emulador' };
  const STATUS = { pending: 'En espera', assigned: 'En atención', resolved: 'Resuelta', expired: 'Expiró sin asesor', cancelled: 'El usuario salió' };
  // Both are people who asked for an agent; the second asked after the bot offered one, having failed a step.
  const REASONS = {
    user_request: 'Pidió un asesor',
    repeated_failures: 'Pidió un asesor tras varios intentos fallidos',
    vital_risk: 'Riesgo vital: urgente',
  };
  const BASE_TITLE = document.title;
  const AUTHORS = { user: 'Usuario', bot: 'Asistente' };
  const FILTERS = { pending: ['pending'], assigned: ['assigned'], closed: ['resolved', 'expired', 'cancelled'] };

  const state = { me: null, csrf: null, handoffs: new Map(), filter: 'pending', selected: null, unread: new Set(), source: null, agents: [] };
  const $ = (id) => document.getElementById(id);

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function channelName(channel) {
    if (CHANNELS[channel]) return CHANNELS[channel];
    return channel.startsWith('whatsapp') ? 'WhatsApp' : channel;
  }

  function minutesSince(iso) {
    return Math.max(0, Math.floor((Date.now() - Date.parse(iso)) / 60000));
  }

  function waitingLabel(h) {
    if (h.status === 'pending') {
      const m = minutesSince(h.requestedAt);
      return m < 1 ? 'esperando hace menos de 1 min' : `esperando hace ${m} min`;
    }
    if (h.status === 'assigned') return `esperó ${h.waitingMinutes} min · ${h.assignedToName || 'asesor'}`;
    return STATUS[h.status] || h.status;
  }

  function timeLabel(iso) {
    const d = new Date(iso);
    return d.toLocaleTimeString('es-CO', { hour: '2-digit', minute: '2-digit', timeZone: 'America/Bogota' });
  }

  /** "27 de nov de 2026, 3:00 p. m.": history is read days later, so every entry carries its date. */
  function dateTimeLabel(iso) {
    const d = new Date(iso);
    const date = d.toLocaleDateString('es-CO', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'America/Bogota' }).replace(/\./g, '');
    return `${date}, ${timeLabel(iso)}`;
  }

  // ---- announcing new people waiting --------------------------------------------------------------------

  const announced = { unseen: 0 };

  function updateTitle() {
    const waiting = [...state.handoffs.values()].filter((h) => h.status === 'pending').length;
    const base = waiting > 0 ? `(${waiting}) ${BASE_TITLE}` : BASE_TITLE;
    document.title = announced.unseen > 0 ? `🔔 ${announced.unseen === 1 ? 'Nueva persona en espera' : `${announced.unseen} personas nuevas en espera`} · ${base}` : base;
  }

  // Shown in the tab title (and, if chosen, a short tone) until the agent comes back to the console.
  function announceNewWaiting() {
    announced.unseen += 1;
    updateTitle();
    if ($('sound').checked) beep();
  }

  function beep() {
    try {
      const audio = new window.AudioContext();
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = 880;
      gain.gain.value = 0.08;
      tone.connect(gain).connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + 0.25);
      tone.onended = () => void audio.close();
    } catch {
      // No audio on this machine: the title still says it.
    }
  }

  function seen() {
    if (announced.unseen === 0) return;
    announced.unseen = 0;
    updateTitle();
  }
  window.addEventListener('focus', seen);
  document.addEventListener('pointerdown', seen);
  document.addEventListener('keydown', seen);

  function toast(message) {
    const box = $('toast');
    box.textContent = message;
    box.hidden = false;
    window.clearTimeout(toast.timer);
    toast.timer = window.setTimeout(() => { box.hidden = true; }, 5000);
  }

  async function api(method, path, body) {
    const headers = {};
    const init = { method, headers, credentials: 'same-origin' };
    if (method !== 'GET' && state.csrf) headers['X-CSRF-Token'] = state.csrf;
    if (body instanceof window.FormData) init.body = body;
    else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const res = await window.fetch(path, init);
    const data = await res.json().catch(() => ({}));
    if (res.status === 401 && path !== '/api/agent/login') {
      showLogin();
      throw new Error(data.error ? data.error.message : 'Tu sesión terminó.');
    }
    if (!res.ok) throw new Error(data.error ? data.error.message : 'No se pudo completar la acción.');
    return data;
  }

  // ---- sign-in ----------------------------------------------------------------------------------------

  function showLogin() {
    if (state.source) state.source.close();
    state.source = null;
    state.me = null;
    state.csrf = null;
    $('app-view').hidden = true;
    $('login-view').hidden = false;
    $('login-email').focus();
  }

  async function startApp(session) {
    state.me = session.agent;
    state.csrf = session.csrfToken;
    $('login-view').hidden = true;
    $('app-view').hidden = false;
    $('me').textContent = `${session.agent.name} · ${session.agent.role === 'supervisor' ? 'Supervisor(a)' : 'Asesor(a)'}`;
    state.agents = await api('GET', '/api/agent/agents').catch(() => []);
    await loadQueue();
    connectEvents();
  }

  $('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = $('login-error');
    error.hidden = true;
    $('login-submit').disabled = true;
    try {
      const session = await api('POST', '/api/agent/login', { email: $('login-email').value, password: $('login-password').value });
      $('login-password').value = '';
      await startApp(session);
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
    } finally {
      $('login-submit').disabled = false;
    }
  });

  $('logout').addEventListener('click', async () => {
    await api('POST', '/api/agent/logout').catch(() => undefined);
    state.handoffs.clear();
    state.selected = null;
    showLogin();
  });

  // ---- live updates -----------------------------------------------------------------------------------

  function setConnection(kind, text) {
    const badge = $('connection');
    badge.dataset.state = kind;
    badge.textContent = text;
  }

  function connectEvents() {
    if (state.source) state.source.close();
    setConnection('connecting', 'Conectando…');
    const source = new window.EventSource('/api/agent/events');
    state.source = source;
    source.addEventListener('ready', () => {
      setConnection('open', 'Conectado en vivo');
      // Whatever happened while disconnected is fetched again.
      void loadQueue();
      if (state.selected) void openConversation(state.selected, true);
    });
    source.addEventListener('handoff', (e) => upsertHandoff(JSON.parse(e.data)));
    source.addEventListener('message', (e) => onLiveMessage(JSON.parse(e.data)));
    source.addEventListener('session_expired', () => {
      source.close();
      toast('Tu sesión terminó por inactividad.');
      showLogin();
    });
    source.onerror = () => {
      // The server went away (restart, network): say so, and keep trying until it answers again.
      setConnection('closed', 'Desconectado — reintentando');
      if (source.readyState === window.EventSource.CLOSED) {
        window.setTimeout(() => { if (state.me && state.source === source) connectEvents(); }, 3000);
      }
    };
  }

  function onLiveMessage(data) {
    if (state.selected === data.handoffId) {
      appendEntry(data.entry);
      return;
    }
    if (data.entry.author === 'user') {
      state.unread.add(data.handoffId);
      renderQueue();
    }
  }

  // ---- queue ------------------------------------------------------------------------------------------

  async function loadQueue() {
    const list = await api('GET', '/api/agent/handoffs?status=pending,assigned,resolved,expired,cancelled');
    state.handoffs.clear();
    for (const h of list) state.handoffs.set(h.id, h);
    renderQueue();
  }

  function upsertHandoff(h) {
    const known = state.handoffs.get(h.id);
    if (h.status === 'pending' && (!known || known.status !== 'pending')) announceNewWaiting();
    state.handoffs.set(h.id, h);
    renderQueue();
    if (state.selected === h.id) renderHead(h);
  }

  function renderQueue() {
    const list = $('queue-list');
    list.replaceChildren();
    const all = [...state.handoffs.values()];
    $('count-pending').textContent = String(all.filter((h) => h.status === 'pending').length);
    $('count-assigned').textContent = String(all.filter((h) => h.status === 'assigned').length);
    const shown = all
      .filter((h) => FILTERS[state.filter].includes(h.status))
      .sort((a, b) => (state.filter === 'closed' ? b.requestedAt.localeCompare(a.requestedAt) : Number(!!b.urgent) - Number(!!a.urgent) || a.requestedAt.localeCompare(b.requestedAt)));
    for (const h of shown) {
      const item = el('li');
      item.dataset.id = h.id;
      item.setAttribute('aria-current', String(state.selected === h.id));
      const line1 = el('div', 'line1');
      line1.append(el('span', 'who', h.affiliate ? h.affiliate.name : 'Usuario sin sesión'), el('span', 'chip', channelName(h.channel)));
      if (state.unread.has(h.id)) line1.append(el('span', 'unread'));
      if (h.urgent) line1.prepend(el('span', 'chip urgent', 'URGENTE'));
      const when = h.status === 'pending' || h.status === 'assigned' ? '' : ` · ${dateTimeLabel(h.requestedAt)}`;
      item.append(line1, el('div', 'muted', `${waitingLabel(h)}${when} · ${h.task}`));
      if (h.mode === 'callback' && h.status === 'pending') item.append(el('div', 'chip', 'Pidió que le escriban'));
      item.addEventListener('click', () => void openConversation(h.id));
      list.append(item);
    }
    $('queue-empty').hidden = shown.length > 0;
    updateTitle();
  }

  for (const tab of document.querySelectorAll('.tabs button')) {
    tab.addEventListener('click', () => {
      state.filter = tab.dataset.filter;
      for (const other of document.querySelectorAll('.tabs button')) other.setAttribute('aria-selected', String(other === tab));
      renderQueue();
    });
  }

  window.setInterval(() => { if (state.me) renderQueue(); }, 30000);

  // ---- conversation -----------------------------------------------------------------------------------

  async function openConversation(id, quiet) {
    try {
      const data = await api('GET', `/api/agent/handoffs/${encodeURIComponent(id)}/transcript`);
      state.selected = id;
      state.unread.delete(id);
      state.handoffs.set(id, data.handoff);
      $('no-selection').hidden = true;
      $('conversation-view').hidden = false;
      renderHead(data.handoff);
      const list = $('transcript');
      list.replaceChildren();
      for (const entry of data.entries) appendEntry(entry);
      renderQueue();
    } catch (e) {
      if (!quiet) toast(e.message);
    }
  }

  function canAct(h) {
    return h.status === 'assigned' && state.me && (h.assignedTo === state.me.id || state.me.role === 'supervisor');
  }

  function renderHead(h) {
    $('conv-title').textContent = h.affiliate ? h.affiliate.name : 'Usuario sin sesión';
    // The state once; the waiting time only while it still matters (closed ones show their state alone).
    const parts = [channelName(h.channel), STATUS[h.status] || h.status];
    if (h.status === 'pending' || h.status === 'assigned') parts.push(waitingLabel(h));
    $('conv-subtitle').textContent = parts.join(' · ');
    $('take').hidden = h.status !== 'pending';
    $('resolve').hidden = !canAct(h);
    $('reply-form').hidden = !canAct(h);
    const supervisor = state.me && state.me.role === 'supervisor' && (h.status === 'pending' || h.status === 'assigned');
    $('transfer').hidden = !supervisor;
    $('transfer-target').hidden = !supervisor;
    if (supervisor) renderTransferTargets(h);
    renderContext(h);
  }

  function renderTransferTargets(h) {
    const select = $('transfer-target');
    select.replaceChildren();
    for (const agent of state.agents) {
      if (agent.id === h.assignedTo) continue;
      const option = el('option', null, agent.name);
      option.value = agent.id;
      select.append(option);
    }
  }

  function renderContext(h) {
    const list = $('context-list');
    list.replaceChildren();
    const add = (term, value) => list.append(el('dt', null, term), el('dd', null, value));
    if (h.affiliate) {
      add('Afiliado', h.affiliate.name);
      add('Documento', h.affiliate.document);
    } else {
      add('Afiliado', 'No ha iniciado sesión: verifica su identidad antes de dar datos personales.');
    }
    add('Trámite en curso', h.task);
    add('Motivo', REASONS[h.reason] || h.reason);
    add('Canal', channelName(h.channel));
    add('Solicitó asesor', dateTimeLabel(h.requestedAt));
    if (h.assignedToName) add('Atiende', h.assignedToName);
  }

  function appendEntry(entry) {
    const list = $('transcript');
    if (list.querySelector(`[data-entry="${entry.id}"]`)) return;
    const item = el('li', `msg ${entry.author}`);
    item.dataset.entry = String(entry.id);
    const author = entry.author === 'agent' ? `Asesor: ${entry.agentName || ''}` : AUTHORS[entry.author];
    item.append(el('div', 'meta', `${author} · ${dateTimeLabel(entry.at)}`));
    if (entry.text) item.append(el('div', 'text', entry.text));
    if (entry.options && entry.options.length) {
      const ol = el('ol');
      for (const option of entry.options) ol.append(el('li', null, option));
      item.append(ol);
    }
    for (const file of entry.attachments || []) {
      const label = `📎 ${file.name || 'archivo'}`;
      if (file.url) {
        const link = el('a', 'file', label);
        link.href = file.url;
        link.setAttribute('download', '');
        link.rel = 'noopener';
        const row = el('div');
        row.append(link);
        item.append(row);
      } else {
        item.append(el('div', 'muted', label));
      }
    }
    if (entry.unsupportedContent) item.append(el('div', 'muted', `(envió contenido no soportado: ${entry.unsupportedContent})`));
    list.append(item);
    list.scrollTop = list.scrollHeight;
  }

  async function act(path, body, success) {
    try {
      const h = await api('POST', path, body);
      upsertHandoff(h);
      if (success) toast(success);
    } catch (e) {
      toast(e.message);
      void loadQueue();
    }
  }

  $('take').addEventListener('click', () => void act(`/api/agent/handoffs/${encodeURIComponent(state.selected)}/take`, undefined, 'Tomaste la conversación.'));
  $('resolve').addEventListener('click', () =>
    void act(`/api/agent/handoffs/${encodeURIComponent(state.selected)}/resolve`, undefined, 'Conversación terminada; el asistente la retoma.'));
  $('transfer').addEventListener('click', () =>
    void act(`/api/agent/handoffs/${encodeURIComponent(state.selected)}/transfer`, { agentId: $('transfer-target').value }, 'Conversación transferida.'));

  $('reply-file').addEventListener('change', () => {
    const file = $('reply-file').files[0];
    $('reply-file-name').textContent = file ? file.name : '';
  });

  $('reply-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = $('reply-text').value.trim();
    const file = $('reply-file').files[0];
    if (!text && !file) return;
    $('reply-send').disabled = true;
    try {
      const path = `/api/agent/handoffs/${encodeURIComponent(state.selected)}/messages`;
      if (file) {
        const form = new window.FormData();
        form.append('text', text);
        form.append('file', file, file.name);
        await api('POST', path, form);
      } else {
        await api('POST', path, { text });
      }
      // Clear only what was sent: the agent may have typed or chosen a file while it was on its way.
      if ($('reply-text').value.trim() === text) $('reply-text').value = '';
      if (file && $('reply-file').files[0] === file) {
        $('reply-file').value = '';
        $('reply-file-name').textContent = '';
      }
    } catch (e) {
      toast(e.message);
    } finally {
      $('reply-send').disabled = false;
      $('reply-text').focus();
    }
  });

  $('reply-text').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      $('reply-form').requestSubmit();
    }
  });

  // ---- start --------------------------------------------------------------------------------------------

  window.fetch('/api/agent/session', { credentials: 'same-origin' })
    .then((res) => res.json())
    .then((session) => (session && session.agent ? startApp(session) : showLogin()))
    .catch(() => showLogin());
})();
