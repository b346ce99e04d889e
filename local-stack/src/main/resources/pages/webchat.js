/* The customer webchat: pre-engagement form, then a live chat over the pages' backend (which speaks Twilio's API). */
"use strict";
(function () {
  const $ = id => document.getElementById(id);
  const STORE = "petal-stem-webchat";
  const state = {
    session: null, stream: null, seen: new Set(), status: {}, pending: [],
    unread: 0, minimized: false, typingTimer: null, baseTitle: document.title
  };

  async function init() {
    const config = await Pages.call("GET", "/api/config");
    for (const name of config.botNames) {
      $("pe-bot").append(Pages.el("option", {value: name, text: botLabel(name)}));
    }
    $("pre-engagement").addEventListener("submit", start);
    $("composer").addEventListener("submit", e => { e.preventDefault(); send($("composer-input").value); });
    $("wc-minimize").addEventListener("click", () => minimize(true));
    $("launcher").addEventListener("click", () => minimize(false));
    $("new-chat").addEventListener("click", newChat);
    $("new-pill").addEventListener("click", () => scrollDown(true));
    $("messages").addEventListener("scroll", () => { if (nearBottom()) $("new-pill").hidden = true; });
    document.addEventListener("visibilitychange", () => { if (!document.hidden && !state.minimized) clearUnread(); });
    const saved = sessionStorage.getItem(STORE);
    if (saved) {
      open(JSON.parse(saved));
    }
    document.body.dataset.ready = "true";
  }

  function botLabel(name) {
    return name.replace(/([a-z])([A-Z])/g, "$1 $2") + " assistant";
  }

  async function start(e) {
    e.preventDefault();
    const button = $("pe-start");
    $("pe-error").hidden = true;
    button.disabled = true;
    button.textContent = "Connecting…";
    try {
      const session = await Pages.call("POST", "/api/webchat/chats", {
        name: $("pe-name").value, question: $("pe-question").value, bot: $("pe-bot").value
      });
      session.started = new Date().toISOString();
      sessionStorage.setItem(STORE, JSON.stringify(session));
      open(session);
    } catch (err) {
      $("pe-error").textContent = "We couldn't start the chat: " + err.message;
      $("pe-error").hidden = false;
    } finally {
      button.disabled = false;
      button.textContent = "Start chat";
    }
  }

  function open(session) {
    state.session = session;
    $("pre-engagement").hidden = true;
    $("chat").hidden = false;
    $("wc-title").textContent = botLabel(session.botName);
    $("wc-subtitle").textContent = "Virtual assistant · replies instantly";
    $("webchat").dataset.chatSid = session.chatSid;
    greeting(session);
    const stream = new EventSource("/api/chats/" + session.chatSid + "/events");
    stream.addEventListener("message", ev => onMessage(JSON.parse(ev.data)));
    stream.addEventListener("status", ev => onStatus(JSON.parse(ev.data)));
    stream.addEventListener("gone", () => {
      stream.close();
      sessionStorage.removeItem(STORE);
      $("chat").hidden = true;
      $("pre-engagement").hidden = false;
      $("messages").replaceChildren();
      $("wc-title").textContent = "Chat with us";
      $("wc-subtitle").textContent = "We typically reply in a few seconds";
      $("pe-error").textContent = "Your previous chat is no longer available. Start a new one below.";
      $("pe-error").hidden = false;
    });
    stream.onerror = () => { $("wc-subtitle").textContent = "Reconnecting…"; };
    stream.onopen = () => { if (!state.status.agentJoined) $("wc-subtitle").textContent = "Virtual assistant · replies instantly"; };
    state.stream = stream;
    $("composer-input").focus();
  }

  /* Flex WebChat's predefined greeting, drawn by the widget itself as the bot. */
  function greeting(session) {
    const first = session.customerName.split(/\s+/)[0];
    addBubble({
      role: "bot", author: botLabel(session.botName), time: session.started, buttons: [],
      body: "Hi " + first + "! I'm the " + botLabel(session.botName) + ". I can take a flower order for pickup, "
        + "or get you one of our team at any time."
    }, {greeting: true});
  }

  function onMessage(m) {
    if (state.seen.has(m.index)) return;
    state.seen.add(m.index);
    if (m.role === "customer") {
      const i = state.pending.findIndex(p => p.dataset.body === m.body);
      if (i >= 0) {
        state.pending[i].remove();
        state.pending.splice(i, 1);
      }
    } else {
      typing(false);
      if (m.role === "agent") agentJoined(m.author);
    }
    addBubble(m.role === "bot" ? Object.assign({}, m, {author: botLabel(m.author)}) : m, {});
    if (m.role !== "customer" && (document.hidden || state.minimized)) {
      state.unread++;
      showUnread();
    }
  }

  function onStatus(s) {
    const before = state.status;
    state.status = s;
    if (s.handedOff && !before.handedOff && !s.agentJoined && !state.joinedShown) {
      typing(false);
      notice("handoff", "Thanks for waiting — an agent will be with you shortly.");
      $("wc-subtitle").textContent = "Waiting for an agent…";
    }
    if (s.agentJoined && !before.agentJoined) agentJoined(s.agentName);
    if (s.closed && !before.closed) {
      notice("closed", "The chat was closed");
      $("composer").hidden = true;
      $("chat-ended").hidden = false;
      $("wc-subtitle").textContent = "Chat ended";
      typing(false);
    }
  }

  /* Once per chat: from the chat's state, or from the agent's first message when that comes first. */
  function agentJoined(name) {
    if (state.joinedShown) return;
    state.joinedShown = true;
    typing(false);
    notice("joined", name + " joined the chat");
    $("wc-title").textContent = name;
    $("wc-avatar").replaceChildren(Pages.initials(name));
    $("wc-avatar").classList.add("agent");
    $("wc-subtitle").textContent = "Agent · Petal & Stem";
  }

  function addBubble(m, opts) {
    const mine = m.role === "customer";
    const list = $("messages");
    const stick = nearBottom();
    const prev = list.lastElementChild;
    const grouped = prev && prev.classList.contains("msg") && prev.dataset.author === m.author && prev.dataset.role === m.role;
    const bubble = Pages.el("div", {class: "bubble"}, Pages.el("div", {class: "body", text: m.body}));
    if (m.buttons && m.buttons.length) {
      const row = Pages.el("div", {class: "card-buttons"});
      for (const b of m.buttons) {
        row.append(Pages.el("button", {type: "button", class: "card-button", text: b.text, "data-value": b.value, onclick: () => {
          row.querySelectorAll("button").forEach(x => x.disabled = true);
          send(b.value, b.text);
        }}));
      }
      bubble.append(row);
    }
    const node = Pages.el("div", {
        class: "msg " + m.role + (grouped ? " grouped" : "") + (opts.pending ? " pending" : "") + (opts.greeting ? " greeting" : ""),
        "data-role": m.role, "data-author": m.author, "data-index": m.index
      },
      mine ? null : Pages.el("div", {class: "avatar " + m.role, text: m.role === "bot" ? "" : Pages.initials(m.author)}),
      Pages.el("div", {class: "stack"},
        grouped ? null : Pages.el("div", {class: "meta"}, Pages.el("span", {class: "author", text: mine ? "You" : m.author}),
          Pages.el("time", {class: "time", datetime: m.time, text: Pages.time(m.time)})),
        bubble,
        opts.pending ? Pages.el("div", {class: "state", text: "Sending…"}) : null));
    if (opts.pending) node.dataset.body = m.body;
    list.append(node);
    if (mine || stick) {
      scrollDown(true);
    } else {
      $("new-pill").textContent = "New messages ↓";
      $("new-pill").hidden = false;
    }
    return node;
  }

  function notice(kind, text) {
    $("messages").append(Pages.el("div", {class: "notice " + kind, "data-notice": kind, role: "status"},
      Pages.el("span", {text}), Pages.el("time", {text: Pages.time()})));
    scrollDown(nearBottom());
  }

  /* A card button sends its value (what the bot reads) and shows its text (what the customer clicked). */
  async function send(text, buttonText) {
    text = (text || "").trim();
    if (!text || !state.session || state.status.closed) return;
    $("composer-input").value = "";
    $("composer-error").hidden = true;
    const pending = addBubble({role: "customer", author: state.session.customerName, body: buttonText || text, buttons: [],
      time: new Date().toISOString()}, {pending: true});
    state.pending.push(pending);
    if (!state.status.handedOff) typing(true);
    try {
      await Pages.call("POST", "/api/webchat/chats/" + state.session.chatSid + "/messages",
        buttonText ? {identity: state.session.identity, body: text, buttonText} : {identity: state.session.identity, body: text});
      const mark = pending.querySelector(".state");
      if (mark) mark.textContent = "Sent";
    } catch (err) {
      pending.classList.add("failed");
      const mark = pending.querySelector(".state");
      if (mark) mark.textContent = "Not sent";
      $("composer-error").textContent = "Your message was not sent: " + err.message;
      $("composer-error").hidden = false;
      typing(false);
    }
  }

  function typing(on) {
    clearTimeout(state.typingTimer);
    $("typing").hidden = !on;
    if (on) {
      $("typing-who").textContent = botLabel(state.session.botName) + " is typing";
      state.typingTimer = setTimeout(() => { $("typing").hidden = true; }, 15000);
    }
  }

  function minimize(on) {
    state.minimized = on;
    $("webchat").hidden = on;
    $("launcher").hidden = !on;
    if (!on) clearUnread();
  }

  function showUnread() {
    $("launcher-badge").textContent = state.unread;
    $("launcher-badge").hidden = false;
    document.title = "(" + state.unread + ") " + state.baseTitle;
  }

  function clearUnread() {
    state.unread = 0;
    $("launcher-badge").hidden = true;
    document.title = state.baseTitle;
  }

  function nearBottom() {
    const list = $("messages");
    return list.scrollHeight - list.scrollTop - list.clientHeight < 60;
  }

  function scrollDown(force) {
    if (force) {
      const list = $("messages");
      list.scrollTop = list.scrollHeight;
      $("new-pill").hidden = true;
    }
  }

  function newChat() {
    if (state.stream) state.stream.close();
    sessionStorage.removeItem(STORE);
    location.reload();
  }

  init().catch(err => {
    $("pe-error").textContent = "The chat is unavailable: " + err.message;
    $("pe-error").hidden = false;
  });
})();
