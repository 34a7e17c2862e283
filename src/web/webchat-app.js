// The web chat page: gets a token from our server (resuming the previous conversation when this tab still
// has a valid token), then renders the official Web Chat against our own Direct Line endpoints.
// The token lives in sessionStorage: a reload resumes the chat, closing the tab forgets it (shared computers).
(function () {
  'use strict';

  var TOKEN_KEY = 'oficinaVirtual.webchat.token';
  var script = document.currentScript;
  var nonce = script && script.nonce ? script.nonce : undefined;
  var statusBox = document.getElementById('status');
  var publicOriginMeta = document.querySelector('meta[name="oficina-public-origin"]');
  // The WebSocket stream lives at PUBLIC_URL and only accepts pages from there. Opened under another name
  // (127.0.0.1 instead of localhost, a LAN address from a phone), the chat polls instead, which works
  // from any address the server answers on.
  var useWebSocket = !publicOriginMeta || publicOriginMeta.content === window.location.origin;

  function showStatus(text) {
    statusBox.textContent = text;
    statusBox.hidden = false;
  }

  function readToken() {
    try {
      return window.sessionStorage.getItem(TOKEN_KEY);
    } catch {
      return null;
    }
  }

  function saveToken(token) {
    try {
      if (token) window.sessionStorage.setItem(TOKEN_KEY, token);
      else window.sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      // Private mode without storage: the chat works, a reload starts a new one.
    }
  }

  function fetchTicket(previous) {
    return window
      .fetch('/api/webchat/token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(previous ? { token: previous } : {}),
        credentials: 'same-origin',
        cache: 'no-store',
      })
      .then(function (response) {
        if (!response.ok) throw new Error('token request failed: ' + response.status);
        return response.json();
      });
  }

  var styleOptions = {
    accent: '#1d4e6f',
    backgroundColor: '#f3f5f7',
    primaryFont: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
    bubbleBackground: '#ffffff',
    bubbleBorderColor: '#d9dee3',
    bubbleBorderRadius: 12,
    // A light user bubble: Web Chat draws file names in the accent colour, which must stay readable on it.
    bubbleFromUserBackground: '#dfe9f2',
    bubbleFromUserBorderColor: '#c3d5e4',
    bubbleFromUserBorderRadius: 12,
    bubbleFromUserTextColor: '#1f2933',
    bubbleMaxWidth: 520,
    botAvatarInitials: 'OV',
    botAvatarBackgroundColor: '#1d4e6f',
    userAvatarInitials: 'Tú',
    userAvatarBackgroundColor: '#52606d',
    suggestedActionLayout: 'flow',
    suggestedActionBackgroundColor: '#ffffff',
    suggestedActionBorderColor: '#1d4e6f',
    suggestedActionBorderRadius: 18,
    suggestedActionTextColor: '#1d4e6f',
    suggestedActionHeight: 34,
    sendBoxBackground: '#ffffff',
    sendBoxButtonColor: '#1d4e6f',
    hideUploadButton: false,
    uploadAccept: 'application/pdf',
    uploadMultiple: false,
    rootHeight: '100%',
    rootWidth: '100%',
  };

  // Web Chat's Spanish speaks with "usted"; the Oficina Virtual speaks with "tú" everywhere.
  var strings = {
    TEXT_INPUT_PLACEHOLDER: 'Escribe tu mensaje',
    TEXT_INPUT_ALT: 'Escribe tu mensaje',
    TEXT_INPUT_UPLOAD_BUTTON_ALT: 'Adjuntar un PDF',
    TEXT_INPUT_SEND_BUTTON_ALT: 'Enviar',
    ACTIVITY_BOT_SAID_ALT: 'La Oficina Virtual dijo:',
    ACTIVITY_BOT_ATTACHED_ALT: 'La Oficina Virtual adjuntó:',
    ACTIVITY_YOU_SAID_ALT: 'Tú dijiste:',
    ACTIVITY_YOU_ATTACHED_ALT: 'Adjuntaste:',
    ACTIVITY_INTERACTIVE_FOOTNOTE_ALT: 'Haz clic para interactuar.',
    TRANSCRIPT_ARIA_LABEL_ALT: 'Historial del chat; usa las flechas para recorrerlo.',
    TRANSCRIPT_LIVE_REGION_SUGGESTED_ACTIONS_LABEL_ALT: 'El mensaje trae opciones. Presiona Mayús + Tab 2 o 3 veces para elegirlas.',
    TRANSCRIPT_LIVE_REGION_SUGGESTED_ACTIONS_WITH_ACCESS_KEY_LABEL_ALT: 'El mensaje trae opciones. Presiona $1 para elegirlas.',
    TOAST_ACCORDION_FEW: '$1 avisos: haz clic aquí para ver más',
    TOAST_ACCORDION_MANY: '$1 avisos: haz clic aquí para ver más',
    TOAST_ACCORDION_OTHER: '$1 avisos: haz clic aquí para ver más',
    TOAST_ACCORDION_TWO: '$1 avisos: haz clic aquí para ver más',
  };

  function render(ticket) {
    saveToken(ticket.token);
    var directLine = window.WebChat.createDirectLine({
      token: ticket.token,
      domain: window.location.origin + '/v3/directline',
      webSocket: useWebSocket,
    });
    // directlinejs refreshes the token every 15 minutes: keep the newest so a reload still resumes.
    var keepToken = function () {
      if (directLine.token) saveToken(directLine.token);
    };
    window.setInterval(keepToken, 60 * 1000);
    window.addEventListener('pagehide', keepToken);

    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        locale: 'es-CO',
        overrideLocalizedStrings: strings,
        nonce: nonce,
        styleOptions: styleOptions,
        sendTypingIndicator: false,
      },
      document.getElementById('webchat'),
    );
  }

  document.getElementById('restart').addEventListener('click', function () {
    saveToken(null);
    window.location.reload();
  });

  if (!window.WebChat) {
    showStatus('No se pudo cargar el chat. Recarga la página; si sigue igual, el servidor necesita ejecutar "node scripts/fetchWebchat.cjs".');
    return;
  }

  fetchTicket(readToken())
    .then(render)
    .catch(function () {
      showStatus('No pudimos conectarte con la Oficina Virtual. Revisa tu conexión y recarga la página.');
    });
})();
