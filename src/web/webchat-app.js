// The web chat page: gets a token from our server (resuming the previous conversation when this tab still
// has a valid token), then renders the official Web Chat against our own Direct Line endpoints.
// The token lives in sessionStorage: a reload resumes the chat, closing the tab forgets it (shared computers).
// A Redux middleware on Web Chat's store (its documented extension point) keeps people out of the traps the
// stock widget has: a double tap answering two questions, a chosen file waiting for a second "send", an
// oversized file refused with nothing but "No se pudo enviar", a password typed in clear.
(function () {
  'use strict';

  var TOKEN_KEY = 'oficinaVirtual.webchat.token';
  // The server refuses bigger files (MAX_UPLOAD_BYTES in src/storage/stagedFileStore.ts); checking here first saves a
  // long upload on a phone and tells the reason at once.
  var MAX_FILE_BYTES = 15 * 1024 * 1024;
  // Orders and supports: PDF, or a photo of the paper (the bot converts photos into a PDF).
  var ACCEPTED_FILE = /\.(pdf|jpe?g|png|webp|heic|heif)$/i;
  var ACCEPTED_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'];
  // Private-use characters framing the agent's name that the page puts before an agent's message; the
  // server strips them from every outgoing text, so nothing a person writes can fake the frame.
  var AGENT_OPEN = '\uE000';
  var AGENT_CLOSE = '\uE001';

  var script = document.currentScript;
  var nonce = script && script.nonce ? script.nonce : undefined;
  var statusBox = document.getElementById('status');
  var publicOriginMeta = document.querySelector('meta[name="oficina-public-origin"]');
  // The WebSocket stream lives at PUBLIC_URL and only accepts pages from there. Opened under another name
  // (127.0.0.1 instead of localhost, a LAN address from a phone), the chat polls instead, which works
  // from any address the server answers on.
  var useWebSocket = !publicOriginMeta || publicOriginMeta.content === window.location.origin;
  // Set when the page itself ends the conversation ("Nuevo chat", "salir"): nothing may save the old token again.
  var leaving = false;

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
      if (token && !leaving) window.sessionStorage.setItem(TOKEN_KEY, token);
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
    // Web Chat's grey (#767676) reads at about 4:1 on this background; this one passes 4.5:1 (WCAG AA).
    subtle: '#4a5663',
    timestampColor: '#4a5663',
    suggestedActionLayout: 'flow',
    suggestedActionBackgroundColor: '#ffffff',
    suggestedActionBorderColor: '#1d4e6f',
    suggestedActionBorderRadius: 18,
    suggestedActionTextColor: '#1d4e6f',
    suggestedActionHeight: 34,
    sendBoxBackground: '#ffffff',
    sendBoxButtonColor: '#1d4e6f',
    hideUploadButton: false,
    uploadAccept: 'application/pdf,image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif',
    uploadMultiple: false,
    rootHeight: '100%',
    rootWidth: '100%',
  };

  // Web Chat's Spanish speaks with "usted"; the Oficina Virtual speaks with "tú" everywhere.
  var strings = {
    TEXT_INPUT_PLACEHOLDER: 'Escribe tu mensaje',
    TEXT_INPUT_ALT: 'Escribe tu mensaje',
    TEXT_INPUT_UPLOAD_BUTTON_ALT: 'Adjuntar un PDF o una foto',
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

  var pageTexts = {
    fileTooLarge: function (name, mb) {
      return 'No envié «' + name + '»: pesa ' + mb + ' MB y el máximo es 15 MB. Si es un PDF escaneado, escanéalo con menos resolución o en varias partes; si es una foto, envíala sin zoom.';
    },
    fileWrongType: function (name) {
      return 'No envié «' + name + '»: solo recibo archivos PDF o fotos (JPG, PNG, WebP o HEIC).';
    },
    fileRefused: function (reason) {
      return 'El servidor no recibió tu archivo: ' + reason;
    },
    fileFailed: 'No pude enviar tu archivo. Revisa tu conexión y vuelve a adjuntarlo.',
  };

  // ---- safe text rendering ---------------------------------------------------------------------------
  // Web Chat's minimal bundle has no markdown engine; this renderer turns a message into HTML where
  // everything is escaped text except links we build ourselves: https: addresses and phone numbers (tel:).
  // Web Chat only calls it for the bot's and agents' messages; what a person types stays plain text.

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  // https addresses; Colombian landlines "(605) 385 0101"; toll-free "01 8000 123 456"; the emergency line 123.
  var LINKABLE = /(https:\/\/[^\s<>"'«»]+)|(\(60\d\)\s?\d{3}\s?\d{4})|(01\s?8000\s?\d{3}\s?\d{3})|((?:l[ií]nea|al)\s(123)\b)/giu;

  function linkify(text) {
    var out = '';
    var last = 0;
    text.replace(LINKABLE, function (match, url, landline, tollFree, lineWords, line123, offset) {
      var shown = match;
      var href;
      var prefix = '';
      if (url) {
        // A sentence's final period or closing bracket is not part of the address.
        shown = url.replace(/[.,;:!?)\]]+$/u, '');
        try {
          var parsed = new URL(shown);
          if (parsed.protocol !== 'https:') return match;
          href = parsed.href;
        } catch {
          return match;
        }
      } else if (landline) {
        href = 'tel:+57' + landline.replace(/\D/g, '');
      } else if (tollFree) {
        href = 'tel:' + tollFree.replace(/\D/g, '');
      } else if (line123) {
        prefix = lineWords.slice(0, lineWords.length - 3);
        shown = '123';
        href = 'tel:123';
      }
      out += escapeHtml(text.slice(last, offset)) + escapeHtml(prefix);
      out += '<a href="' + escapeHtml(href) + '"' + (url ? ' target="_blank" rel="noopener noreferrer"' : '') + '>' + escapeHtml(shown) + '</a>';
      last = offset + prefix.length + shown.length;
      return match;
    });
    return out + escapeHtml(text.slice(last));
  }

  function renderMarkdown(text) {
    var body = String(text || '');
    var header = '';
    if (body.charAt(0) === AGENT_OPEN) {
      var end = body.indexOf(AGENT_CLOSE);
      if (end > 0) {
        var label = body.slice(1, end).split('\n');
        var kind = label[1] === 'f' ? 'ov-agent-name--f' : 'ov-agent-name--m';
        header = '<span class="ov-agent-name ' + kind + '">' + escapeHtml(label[0]) + '</span>';
        body = body.slice(end + 1);
      }
    }
    var paragraphs = body.split('\n').map(linkify).join('<br>');
    return '<p class="ov-text">' + header + paragraphs + '</p>';
  }

  // ---- Web Chat store middleware -----------------------------------------------------------------------

  var store;
  var optionsOpen = false;
  /** clientActivityID of activities that carry files, to tell a refused upload from a refused text. */
  var uploads = {};
  var localCount = 0;

  /** A message from the page itself, shown in the chat like the bot's (never sent to the server). */
  function sayLocally(text) {
    localCount += 1;
    store.dispatch({
      type: 'DIRECT_LINE/INCOMING_ACTIVITY',
      payload: {
        activity: {
          type: 'message',
          id: 'local-' + localCount,
          from: { id: 'oficina-virtual', role: 'bot' },
          text: text,
          textFormat: 'plain',
          timestamp: new Date().toISOString(),
          channelData: { 'oficina:local': true },
        },
      },
    });
  }

  function isAcceptedFile(file) {
    return ACCEPTED_TYPES.indexOf(file.type) >= 0 || ACCEPTED_FILE.test(file.name || '');
  }

  /** Why a chosen file cannot be sent, in the person's words; undefined when it may go. */
  function fileProblem(file) {
    var name = file.name || 'el archivo';
    if (!isAcceptedFile(file)) return pageTexts.fileWrongType(name);
    if (file.size > MAX_FILE_BYTES) return pageTexts.fileTooLarge(name, (Math.round((file.size / 1048576) * 10) / 10).toLocaleString('es-CO'));
    return undefined;
  }

  function setPasswordMode(on) {
    var apply = function () {
      var input = document.querySelector('.webchat__send-box-text-box__input');
      if (!input || input.tagName !== 'INPUT') return;
      input.type = on ? 'password' : 'text';
      input.setAttribute('autocomplete', on ? 'current-password' : 'off');
      input.dataset.ovSecret = on ? 'true' : 'false';
    };
    apply();
    // The send box may be rendered after the message arrives (first load, history replay).
    window.setTimeout(apply, 0);
  }

  function onIncoming(activity) {
    var fromBot = !!activity.from && activity.from.role !== 'user';
    if (activity.type === 'endOfConversation' && fromBot) {
      // "salir": the next person on this computer gets a fresh conversation and an empty screen.
      window.setTimeout(startOver, 1500);
      return activity;
    }
    if (activity.type !== 'message') return activity;
    if (!fromBot) return Object.assign({}, activity, { textFormat: 'plain' });
    var channelData = activity.channelData || {};
    optionsOpen = !!(activity.suggestedActions && activity.suggestedActions.actions && activity.suggestedActions.actions.length);
    setPasswordMode(channelData.inputKind === 'password');
    var agent = channelData.agent;
    if (agent && typeof agent.name === 'string' && typeof activity.text === 'string') {
      var label = agent.name + ' · ' + (agent.gender === 'F' ? 'asesora' : 'asesor');
      return Object.assign({}, activity, {
        text: AGENT_OPEN + label + '\n' + (agent.gender === 'F' ? 'f' : 'm') + AGENT_CLOSE + activity.text,
        // Its own sender: Web Chat then groups the agent's messages apart from the bot's, with their own avatar.
        from: Object.assign({}, activity.from, { id: 'agent:' + agent.name, name: label }),
      });
    }
    return activity;
  }

  function storeMiddleware() {
    return function (next) {
      return function (action) {
        switch (action.type) {
          case 'DIRECT_LINE/POST_ACTIVITY_PENDING': {
            var posted = action.payload && action.payload.activity;
            if (posted && posted.attachments && posted.attachments.length) uploads[action.meta.clientActivityID] = true;
            return next(action);
          }
          case 'DIRECT_LINE/INCOMING_ACTIVITY':
            return next(Object.assign({}, action, { payload: Object.assign({}, action.payload, { activity: onIncoming(action.payload.activity) }) }));
          case 'WEB_CHAT/SET_SEND_BOX_ATTACHMENTS': {
            // A chosen file goes at once (a second "send" was easy to miss); what was typed stays in the box.
            var chosen = (action.payload && action.payload.attachments) || [];
            if (chosen.length === 0) return next(action);
            window.setTimeout(function () {
              store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { method: 'keyboard', attachments: chosen } });
            }, 0);
            return undefined;
          }
          case 'WEB_CHAT/SEND_MESSAGE':
          case 'WEB_CHAT/SEND_MESSAGE_BACK':
          case 'WEB_CHAT/SEND_POST_BACK': {
            var tapped = action.type !== 'WEB_CHAT/SEND_MESSAGE' || action.payload.method === 'imBack' || action.payload.method === 'postBack';
            // One tap answers one question: a second tap (or a tap on the options of a question already
            // answered by typing) would otherwise answer the next question.
            if (tapped && !optionsOpen) return undefined;
            optionsOpen = false;
            var attachments = action.payload && action.payload.attachments;
            if (attachments && attachments.length) {
              for (var j = 0; j < attachments.length; j += 1) {
                var problem = fileProblem(attachments[j].blob);
                if (problem) {
                  sayLocally(problem);
                  return undefined;
                }
              }
            }
            return next(action);
          }
          case 'DIRECT_LINE/POST_ACTIVITY_REJECTED':
            onRejected(action);
            return next(action);
          default:
            return next(action);
        }
      };
    };
  }

  /** A refused upload: the server's own reason (413 "supera el tamaño máximo…") reaches the person. */
  function onRejected(action) {
    var error = action.payload || {};
    var hadFiles = (action.meta && uploads[action.meta.clientActivityID]) || error.status === 413;
    var response = error.response || (error.xhr && safeJson(error.xhr.responseText));
    var reason = response && response.error && typeof response.error.message === 'string' ? response.error.message : undefined;
    if (reason) sayLocally(pageTexts.fileRefused(reason));
    else if (hadFiles) sayLocally(pageTexts.fileFailed);
  }

  function safeJson(text) {
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  }

  // After a tap on an option, Web Chat focuses the text box with "readonly" for a moment (so the phone's
  // keyboard does not jump up) and then puts back whatever "readonly" was before. A second tap inside that
  // moment saves the temporary "readonly" as the original, and the box stays locked until a reload.
  // The box is never read-only on this page, so a "readonly" that outlives the moment is removed.
  function keepSendBoxWritable(root) {
    var observer = new window.MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        var input = mutation.target;
        if (!input.classList || !input.classList.contains('webchat__send-box-text-box__input')) return;
        if (!input.hasAttribute('readonly')) return;
        window.setTimeout(function () {
          if (input.hasAttribute('readonly')) input.removeAttribute('readonly');
        }, 150);
      });
    });
    observer.observe(root, { attributes: true, attributeFilter: ['readonly'], subtree: true });
  }

  // ---- start and start over ------------------------------------------------------------------------------

  var directLine;

  function render(ticket) {
    saveToken(ticket.token);
    directLine = window.WebChat.createDirectLine({
      token: ticket.token,
      domain: window.location.origin + '/v3/directline',
      webSocket: useWebSocket,
    });
    // directlinejs refreshes the token every 15 minutes: keep the newest so a reload still resumes.
    var keepToken = function () {
      if (directLine && directLine.token) saveToken(directLine.token);
    };
    window.setInterval(keepToken, 60 * 1000);
    window.addEventListener('pagehide', keepToken);

    store = window.WebChat.createStore({}, storeMiddleware);
    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        store: store,
        locale: 'es-CO',
        overrideLocalizedStrings: strings,
        nonce: nonce,
        styleOptions: styleOptions,
        renderMarkdown: renderMarkdown,
        sendTypingIndicator: false,
      },
      document.getElementById('webchat'),
    );
    keepSendBoxWritable(document.getElementById('webchat'));
  }

  /** A fresh conversation on a clean screen: the old token is forgotten and never saved again. */
  function startOver() {
    leaving = true;
    saveToken(null);
    if (directLine && typeof directLine.end === 'function') directLine.end();
    var chat = document.getElementById('webchat');
    chat.replaceChildren();
    window.location.replace(window.location.pathname);
  }

  document.getElementById('restart').addEventListener('click', startOver);

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
