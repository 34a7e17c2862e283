// The back office, plain JavaScript on the console's sign-in. Everything that comes from affiliates or
// files is rendered with textContent (never innerHTML); support PDFs open as downloads, never inline.
(function () {
  'use strict';

  const STATUS = { radicada: 'Radicada', en_revision: 'En revisión', pendiente_soportes: 'Pendiente de soportes', aprobada: 'Aprobada', rechazada: 'Rechazada', anulada: 'Anulada' };
  const PQRDS_STATUS = { radicada: 'Radicada', en_tramite: 'En trámite', respondida: 'Respondida', cerrada: 'Cerrada' };
  const DECISIONS = { approve: 'Aprobada', reject: 'Rechazada', request_supports: 'Se pidieron más soportes' };
  const state = { csrf: null, me: null, reference: null, selected: null, pqrds: [], selectedPqrds: null };
  const $ = (id) => document.getElementById(id);

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function toast(message) {
    const box = $('toast');
    box.textContent = message;
    box.hidden = false;
  }

  function dateLabel(iso) {
    return new Date(iso).toLocaleDateString('es-CO', { timeZone: 'America/Bogota' });
  }

  async function api(method, path, body) {
    const headers = {};
    if (method !== 'GET' && state.csrf) headers['X-CSRF-Token'] = state.csrf;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await window.fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await response.json().catch(() => ({}));
    if (response.status === 401) showLogin();
    if (!response.ok) throw new Error((json.error && json.error.message) || 'No se pudo completar la acción.');
    return json;
  }

  function showLogin() {
    $('app-view').hidden = true;
    $('login-view').hidden = false;
  }

  async function showApp(session) {
    state.me = session.agent;
    state.csrf = session.csrfToken;
    $('login-view').hidden = true;
    $('app-view').hidden = false;
    $('me').textContent = session.agent.name;
    state.reference = await api('GET', '/api/backoffice/reference');
    fillSelect($('approve-service'), state.reference.services.map((s) => [s.code, `${s.code} · ${s.name}`]));
    fillSelect($('reject-reason'), state.reference.reasons.map((r) => [r.code, r.label]));
    await loadRequests();
  }

  function fillSelect(select, pairs) {
    select.replaceChildren(...pairs.map(([value, label]) => {
      const option = el('option', label);
      option.value = value;
      return option;
    }));
  }

  async function loadRequests() {
    const params = new URLSearchParams();
    if ($('filter-status').value) params.set('status', $('filter-status').value);
    if ($('filter-municipality').value.trim()) params.set('municipality', $('filter-municipality').value.trim());
    if (Number($('filter-age').value) > 0) params.set('minAgeDays', $('filter-age').value);
    const items = await api('GET', `/api/backoffice/requests?${params}`);
    const list = $('request-list');
    list.replaceChildren(...items.map((item) => {
      const li = el('li');
      li.tabIndex = 0;
      li.dataset.filing = item.filingNumber;
      li.setAttribute('role', 'button');
      li.append(el('strong', item.filingNumber), el('div', item.affiliate));
      const due = el('div', `${STATUS[item.status] || item.status} · vence ${item.dueDate} · hace ${item.ageDays} día(s)`, 'muted');
      li.append(due);
      if (item.overdue) li.append(el('div', 'Vencida', 'overdue'));
      li.addEventListener('click', () => void openRequest(item.filingNumber));
      li.addEventListener('keydown', (event) => { if (event.key === 'Enter') void openRequest(item.filingNumber); });
      return li;
    }));
    $('request-empty').hidden = items.length > 0;
  }

  async function openRequest(filingNumber) {
    const r = await api('GET', `/api/backoffice/requests/${encodeURIComponent(filingNumber)}`);
    state.selected = r;
    for (const li of $('request-list').children) li.setAttribute('aria-current', String(li.dataset.filing === filingNumber));
    $('request-detail').hidden = false;
    $('detail-title').textContent = `Solicitud ${r.filingNumber}`;
    $('detail-status').textContent = `${STATUS[r.status] || r.status} · radicada el ${dateLabel(r.filedAt)} · vence ${r.dueDate}${r.overdue ? ' · VENCIDA' : ''}`;
    const fields = [
      ['Nombre', r.affiliate.fullName],
      ['Documento', `${r.affiliate.documentType} ${r.affiliate.documentNumber}`],
      ['Estado', r.context.status],
      ['Régimen', r.context.regime],
      ['Tipo de afiliado', r.context.affiliateType],
      ['Fecha de nacimiento', r.context.birthDate],
      ['IPS asignada', r.context.ips || 'Sin IPS'],
      ['Municipio', r.municipalityCode],
    ];
    $('detail-affiliate').replaceChildren(...fields.flatMap(([k, v]) => [el('dt', k), el('dd', v)]));
    $('detail-observation').textContent = r.observation;
    $('detail-supports').replaceChildren(...r.supports.map((s) => {
      const li = el('li');
      const a = el('a', s.name);
      a.href = `/api/backoffice/requests/${encodeURIComponent(r.filingNumber)}/supports/${encodeURIComponent(s.id)}`;
      a.setAttribute('download', '');
      li.append(a, el('span', ` (${Math.ceil(s.sizeBytes / 1024)} KB)`, 'muted'));
      return li;
    }));
    $('detail-history').replaceChildren(...(r.decisions.length ? r.decisions : [null]).map((d) =>
      d ? el('li', `${dateLabel(d.decidedAt)} · ${DECISIONS[d.decision]} por ${d.decidedBy}${d.message ? `: ${d.message}` : ''}${d.detail ? `: ${d.detail}` : ''}`) : el('li', 'Sin decisiones todavía.', 'muted')));
    fillSelect($('approve-ips'), r.ipsOptions.map((i) => [i.code, i.name]));
    const today = new Date().toISOString().slice(0, 10);
    $('approve-from').value = today;
    $('approve-until').value = new Date(Date.now() + 90 * 86400000).toISOString().slice(0, 10);
    $('decision-forms').hidden = !['radicada', 'en_revision', 'pendiente_soportes'].includes(r.status);
  }

  async function decide(body) {
    const filing = state.selected.filingNumber;
    try {
      const result = await api('POST', `/api/backoffice/requests/${encodeURIComponent(filing)}/decision`, body);
      toast(result.authorizationNumber ? `Solicitud ${filing} aprobada: autorización ${result.authorizationNumber}.` : `Solicitud ${filing}: ${STATUS[result.status]}.`);
      await loadRequests();
      await openRequest(filing);
    } catch (error) {
      toast(error.message);
    }
  }

  async function loadPqrds() {
    state.pqrds = await api('GET', '/api/backoffice/pqrds');
    $('pqrds-list').replaceChildren(...state.pqrds.map((p) => {
      const li = el('li');
      li.tabIndex = 0;
      li.append(el('strong', p.code), el('div', `${PQRDS_STATUS[p.status]} · vence ${dateLabel(p.dueAt)}`, 'muted'));
      if (p.overdue) li.append(el('div', 'Vencida', 'overdue'));
      li.addEventListener('click', () => openPqrds(p));
      return li;
    }));
    $('pqrds-empty').hidden = state.pqrds.length > 0;
  }

  function openPqrds(p) {
    state.selectedPqrds = p;
    $('pqrds-detail').hidden = false;
    $('pqrds-title').textContent = `PQRDS ${p.code}`;
    $('pqrds-meta').textContent = `${p.type} · ${PQRDS_STATUS[p.status]} · ${p.petitioner.documentType} ${p.petitioner.documentNumber} · vence ${dateLabel(p.dueAt)}`;
    $('pqrds-description').textContent = p.description;
    $('pqrds-answer').textContent = p.answer ? `Respuesta: ${p.answer}` : '';
  }

  document.addEventListener('DOMContentLoaded', async () => {
    $('login-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      const response = await window.fetch('/api/agent/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({ email: $('login-email').value, password: $('login-password').value }),
      });
      const json = await response.json().catch(() => ({}));
      if (!response.ok) {
        $('login-error').textContent = (json.error && json.error.message) || 'No se pudo iniciar sesión.';
        $('login-error').hidden = false;
        return;
      }
      $('login-error').hidden = true;
      await showApp(json).catch((error) => toast(error.message));
    });
    $('logout').addEventListener('click', async () => {
      await api('POST', '/api/agent/logout').catch(() => undefined);
      showLogin();
    });
    $('filters').addEventListener('submit', (event) => {
      event.preventDefault();
      loadRequests().catch((error) => toast(error.message));
    });
    for (const tab of document.querySelectorAll('[data-tab]')) {
      tab.addEventListener('click', () => {
        for (const t of document.querySelectorAll('[data-tab]')) t.setAttribute('aria-selected', String(t === tab));
        $('requests-tab').hidden = tab.dataset.tab !== 'requests';
        $('pqrds-tab').hidden = tab.dataset.tab !== 'pqrds';
        if (tab.dataset.tab === 'pqrds') loadPqrds().catch((error) => toast(error.message));
      });
    }
    $('approve-form').addEventListener('submit', (event) => {
      event.preventDefault();
      void decide({
        decision: 'approve',
        authorization: {
          serviceCode: $('approve-service').value,
          ipsCode: $('approve-ips').value,
          quantity: Number($('approve-quantity').value),
          validFrom: $('approve-from').value,
          validUntil: $('approve-until').value,
          copay: Number($('approve-copay').value),
        },
      });
    });
    $('reject-form').addEventListener('submit', (event) => {
      event.preventDefault();
      void decide({ decision: 'reject', reason: $('reject-reason').value, detail: $('reject-detail').value.trim() || undefined });
    });
    $('supports-form').addEventListener('submit', (event) => {
      event.preventDefault();
      void decide({ decision: 'request_supports', message: $('supports-message').value.trim() });
    });
    $('answer-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      const p = state.selectedPqrds;
      try {
        const answered = await api('POST', `/api/backoffice/pqrds/${encodeURIComponent(p.code)}/answer`, { answer: $('answer-text').value.trim() || undefined, close: $('answer-close').checked });
        toast(`PQRDS ${answered.code}: ${PQRDS_STATUS[answered.status]}.`);
        await loadPqrds();
        openPqrds(answered);
      } catch (error) {
        toast(error.message);
      }
    });
    const session = await window.fetch('/api/agent/session', { credentials: 'same-origin' }).then((r) => r.json()).catch(() => ({ agent: null }));
    if (session.agent) await showApp(session).catch((error) => toast(error.message));
    else showLogin();
  });
})();
