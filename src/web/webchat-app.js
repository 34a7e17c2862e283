// The web chat page: gets a token from our server (resuming the previous conversation when this tab still
// has a valid token), then renders the official Web Chat against our own Direct Line endpoints.
// The token lives in sessionStorage: a reload resumes the chat, closing the tab forgets it (shared computers).
(function () {
  'use strict';

  var TOKEN_KEY = 'oficinaVirtual.webchat.token';
  var script = document.currentScript;
  var nonce = script && script.nonce ? script.nonce : undefined;
  var statusBox = document.getElementById('status');

  function showStatus(text) {
    statusBox.textContent = text;
    statusBox.hidden = false;
  }

  function readToken() {
    try {
      return window.sessionStorage.getItem(TOKEN_KEY);
    } catch (_) {
      return null;
    }
  }

  function saveToken(token) {
    try {
      if (token) window.sessionStorage.setItem(TOKEN_KEY, token);
      else window.sessionStorage.removeItem(TOKEN_KEY);
    } catch (_) {
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
    bubbleFromUserBackground: '#1d4e6f',
    bubbleFromUserBorderColor: '#1d4e6f',
    bubbleFromUserBorderRadius: 12,
    bubbleFromUserTextColor: '#ffffff',
    bubbleMaxWidth: 520,
    botAvatarInitials: 'OV',
    botAvatarBackgroundColor: '#1d4e6f',
    userAvatarInitials: 'Tú',
    userAvatarBackgroundColor: '#52606d',
    suggestedActionLayout: 'stacked',
    suggestedActionBackgroundColor: '#ffffff',
    suggestedActionBorderColor: '#1d4e6f',
    suggestedActionBorderRadius: 18,
    suggestedActionTextColor: '#1d4e6f',
    suggestedActionHeight: 36,
    sendBoxBackground: '#ffffff',
    sendBoxButtonColor: '#1d4e6f',
    hideUploadButton: false,
    uploadAccept: 'application/pdf',
    uploadMultiple: false,
    rootHeight: '100%',
    rootWidth: '100%',
  };

  function render(ticket) {
    saveToken(ticket.token);
    var directLine = window.WebChat.createDirectLine({
      token: ticket.token,
      domain: window.location.origin + '/v3/directline',
      webSocket: true,
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
