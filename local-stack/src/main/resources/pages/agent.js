/* The agent desk: availability, incoming reservations, several live chats with unread counts, end chat. */
"use strict";
(function () {
  const $ = id => document.getElementById(id);
  const tasks = new Map();
  let selected = null;
  let worker = null;
  let busy = false;

  async function refresh() {
    try {
      const s = await Pages.call("GET", "/api/desk/state");
      $("connection").hidden = true;
      renderWorker(s.worker);
      sync(s.tasks);
      document.body.dataset.ready = "true";
    } catch (err) {
      $("connection").hidden = false;
    }
    setTimeout(refresh, 1000);
  }

  function renderWorker(w) {
    worker = w;
    $("me-name").textContent = w.name;
    $("me-avatar").textContent = Pages.initials(w.name);
    $("me-activity-text").textContent = w.activity;
    $("activity-label").textContent = w.available ? "Available" : w.activity;
    const toggle = $("activity-toggle");
    toggle.className = "activity " + (w.available ? "available" : "offline");
    toggle.dataset.available = w.available;
    toggle.title = w.available ? "Go offline" : "Go available";
    $("sidebar-hint").textContent = w.available ? "Waiting for customers…" : "Set yourself Available to receive chats.";
  }

  function sync(list) {
    const live = new Set();
    for (const v of list) {
      live.add(v.taskSid);
      let t = tasks.get(v.taskSid);
      if (!t) {
        t = {view: v, items: [], seen: new Set(), unread: 0, status: {}, ended: false, stream: null, last: null};
        t.items.push({type: "divider", kind: "transcript", text: "Bot transcript" + (v.botName ? " · " + v.botName : "")});
        tasks.set(v.taskSid, t);
      }
      t.view = v;
      t.ended = false;
      if (!t.stream && v.chatSid) openStream(t);
    }
    for (const [sid, t] of tasks) {
      if (!live.has(sid) && !t.ended) {
        t.ended = true;
        if (t.stream) { t.stream.close(); t.stream = null; }
      }
    }
    if (!selected) {
      const firstAccepted = [...tasks.values()].find(t => !t.ended && t.view.reservationStatus === "accepted");
      if (firstAccepted) select(firstAccepted.view.taskSid);
    }
    renderList();
    if (selected) renderHead();
  }

  function openStream(t) {
    const stream = new EventSource("/api/chats/" + t.view.chatSid + "/events");
    stream.addEventListener("message", ev => onMessage(t, JSON.parse(ev.data)));
    stream.addEventListener("status", ev => onStatus(t, JSON.parse(ev.data)));
    stream.addEventListener("gone", () => { stream.close(); pushDivider(t, {type: "divider", kind: "closed", text: "This chat no longer exists"}); });
    t.stream = stream;
  }

  function onMessage(t, m) {
    if (t.seen.has(m.index)) return;
    t.seen.add(m.index);
    const item = {type: "msg", m};
    t.items.push(item);
    t.last = m;
    if (selected === t.view.taskSid) {
      appendItem(item);
    } else if (m.role === "customer" && t.status.agentJoined) {
      t.unread++;
    }
    renderList();
  }

  function onStatus(t, s) {
    const before = t.status;
    t.status = s;
    if (s.agentJoined && !before.agentJoined) joined(t, s.agentName);
    if (s.closed && !before.closed) {
      pushDivider(t, {type: "divider", kind: "closed", text: "Chat closed"});
    }
    if (selected === t.view.taskSid) renderHead();
  }

  /* The join divider, once per chat: when this desk accepts, or when the chat's state first shows an agent. */
  function joined(t, name) {
    if (t.joinedShown) return;
    t.joinedShown = true;
    pushDivider(t, {type: "divider", kind: "joined", text: (name || "Agent") + " joined · live chat"});
  }

  function pushDivider(t, item) {
    t.items.push(item);
    if (selected === t.view.taskSid) appendItem(item);
  }

  function renderList() {
    const list = $("task-list");
    const all = [...tasks.values()].sort((a, b) =>
      rank(a) - rank(b) || (a.view.created || "").localeCompare(b.view.created || ""));
    list.replaceChildren(...all.map(card));
    const open = all.filter(t => !t.ended).length;
    $("task-count").textContent = open;
    $("sidebar-empty").hidden = all.length > 0;
    const unread = all.reduce((n, t) => n + t.unread, 0);
    document.title = (unread ? "(" + unread + ") " : "") + "Agent Desk — Petal & Stem";
  }

  function rank(t) {
    return t.ended ? 2 : t.view.reservationStatus === "pending" ? 0 : 1;
  }

  function card(t) {
    const v = t.view;
    const pending = !t.ended && v.reservationStatus === "pending";
    let sub;
    if (t.ended) sub = "Chat ended";
    else if (pending) sub = "Incoming chat" + (v.botName ? " · from " + v.botName : "");
    else if (t.last) sub = (t.last.role === "agent" ? "You: " : "") + t.last.body;
    else sub = "Connected";
    const node = Pages.el("div", {
        class: "task " + (t.ended ? "ended" : v.reservationStatus) + (selected === v.taskSid ? " selected" : "") + (t.unread ? " has-unread" : ""),
        "data-task-sid": v.taskSid, "data-chat-sid": v.chatSid, "data-customer": v.customerName, "data-channel": v.channelType || "web", role: "button", tabindex: "0",
        onclick: () => select(v.taskSid)
      },
      Pages.el("div", {class: "task-avatar", text: Pages.initials(v.customerName)}),
      Pages.el("div", {class: "task-main"},
        Pages.el("div", {class: "task-top"}, Pages.el("span", {class: "task-name", text: v.customerName}),
          Pages.el("span", {class: "channel-tag " + (v.channelType || "web"), "data-channel": v.channelType || "web", text: channelLabel(v)}),
          Pages.el("time", {text: Pages.time(t.last ? t.last.time : v.created)})),
        Pages.el("div", {class: "task-sub", text: sub}),
        pending ? Pages.el("div", {class: "task-actions"},
          Pages.el("button", {type: "button", class: "btn accept small", text: "Accept", onclick: e => { e.stopPropagation(); accept(t); }}),
          Pages.el("button", {type: "button", class: "btn reject small", text: "Reject", onclick: e => { e.stopPropagation(); reject(t); }})) : null),
      t.unread ? Pages.el("span", {class: "unread", text: t.unread, title: t.unread + " unread"}) : null);
    return node;
  }

  function select(taskSid) {
    selected = taskSid;
    const t = tasks.get(taskSid);
    t.unread = 0;
    $("empty-state").hidden = true;
    $("conv").hidden = false;
    $("info").hidden = false;
    $("conv-messages").replaceChildren();
    t.items.forEach(appendItem);
    renderHead();
    renderList();
  }

  function renderHead() {
    const t = tasks.get(selected);
    if (!t) return;
    const v = t.view;
    const accepted = v.reservationStatus === "accepted" && !t.ended;
    const pending = v.reservationStatus === "pending" && !t.ended;
    $("conv").dataset.taskSid = v.taskSid;
    $("conv-avatar").textContent = Pages.initials(v.customerName);
    $("conv-name").textContent = v.customerName;
    $("conv-sub").textContent = t.ended ? "Ended" : pending ? "Waiting for you to accept"
      : t.status.closed ? "Closed by the customer or the system"
      : "Live " + channelLabel(v) + (v.botName ? " · handed over by " + v.botName : "");
    $("accept-chat").hidden = !pending;
    $("reject-chat").hidden = !pending;
    $("end-chat").hidden = !accepted;
    const canReply = accepted && !t.status.closed;
    $("reply-input").disabled = !canReply;
    $("reply-send").disabled = !canReply;
    $("reply-input").placeholder = canReply ? "Type a reply to " + v.customerName.split(/\s+/)[0]
      : pending ? "Accept the chat to reply" : "This chat has ended";
    $("info-name").textContent = v.customerName;
    $("info-question").textContent = t.status.question || "—";
    $("info-channel").textContent = channelLabel(v);
    $("info-channel").dataset.channel = v.channelType || "web";
    $("info-address").textContent = v.customerAddress || "—";
    $("info-address-row").hidden = !v.customerAddress;
    $("info-address-label").hidden = !v.customerAddress;
    $("info-bot").textContent = v.botName || "—";
    $("info-intent").textContent = v.lastIntent || "—";
    $("info-reason").textContent = v.handoffReason || "—";
    $("info-queue").textContent = v.queue || "—";
    $("info-created").textContent = Pages.time(v.created);
    $("info-task").textContent = v.taskSid;
    const rows = Object.entries(v.slots || {}).map(([k, val]) =>
      Pages.el("tr", {"data-slot": k}, Pages.el("td", {text: k}), Pages.el("td", {text: val === null ? "—" : String(val)})));
    $("info-slots").tBodies[0].replaceChildren(...(rows.length ? rows
      : [Pages.el("tr", {}, Pages.el("td", {colspan: "2", class: "muted", text: "No slots filled"}))]));
  }

  /* The task's channel as Flex names it in its attributes (channelType); a task without one is a web chat. */
  const CHANNELS = {web: "Web chat", sms: "SMS", whatsapp: "WhatsApp", chat: "Web chat"};

  function channelLabel(v) {
    const type = v.channelType || "web";
    return CHANNELS[type] || type;
  }

  function appendItem(item) {
    const box = $("conv-messages");
    const stick = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
    if (item.type === "divider") {
      box.append(Pages.el("div", {class: "divider " + item.kind, "data-divider": item.kind}, Pages.el("span", {text: item.text})));
    } else {
      const m = item.m;
      const prev = box.lastElementChild;
      const grouped = prev && prev.classList.contains("msg") && prev.dataset.author === m.author;
      box.append(Pages.el("div", {class: "msg " + m.role + (grouped ? " grouped" : ""), "data-role": m.role, "data-author": m.author,
          "data-index": m.index},
        Pages.el("div", {class: "avatar " + m.role, text: m.role === "bot" ? "" : Pages.initials(m.author)}),
        Pages.el("div", {class: "stack"},
          grouped ? null : Pages.el("div", {class: "meta"},
            Pages.el("span", {class: "author", text: m.role === "agent" && worker && m.author === worker.name ? m.author + " (you)" : m.author}),
            Pages.el("span", {class: "role-tag " + m.role, text: m.role === "bot" ? "Bot" : m.role === "customer" ? "Customer" : m.role === "agent" ? "Agent" : ""}),
            Pages.el("time", {datetime: m.time, text: Pages.time(m.time)})),
          Pages.el("div", {class: "bubble", text: m.body}),
          m.buttons && m.buttons.length ? Pages.el("div", {class: "choices", text: "Offered: " + m.buttons.map(b => b.text).join(" · ")}) : null)));
    }
    if (stick || item.type === "divider" || (item.m && item.m.role === "agent")) box.scrollTop = box.scrollHeight;
  }

  async function act(fn) {
    if (busy) return;
    busy = true;
    $("desk-error").hidden = true;
    try {
      await fn();
    } catch (err) {
      $("desk-error").textContent = err.message;
      $("desk-error").hidden = false;
    } finally {
      busy = false;
    }
  }

  function accept(t) {
    return act(async () => {
      await Pages.call("POST", "/api/desk/reservations/" + t.view.reservationSid + "/accept");
      t.view.reservationStatus = "accepted";
      select(t.view.taskSid);
      joined(t, worker && worker.name);
    });
  }

  function reject(t) {
    return act(async () => {
      await Pages.call("POST", "/api/desk/reservations/" + t.view.reservationSid + "/reject");
      t.ended = true;
      if (t.stream) { t.stream.close(); t.stream = null; }
      tasks.delete(t.view.taskSid);
      if (selected === t.view.taskSid) { selected = null; $("conv").hidden = true; $("info").hidden = true; $("empty-state").hidden = false; }
      renderList();
    });
  }

  $("activity-toggle").addEventListener("click", () => act(async () => {
    await Pages.call("POST", "/api/desk/activity", {activity: worker && worker.available ? "Offline" : "Available"});
    renderWorker(Object.assign({}, worker, {available: !(worker && worker.available), activity: worker && worker.available ? "Offline" : "Available"}));
  }));
  $("accept-chat").addEventListener("click", () => { const t = tasks.get(selected); if (t) accept(t); });
  $("reject-chat").addEventListener("click", () => { const t = tasks.get(selected); if (t) reject(t); });
  $("end-chat").addEventListener("click", () => act(async () => {
    const t = tasks.get(selected);
    await Pages.call("POST", "/api/desk/tasks/" + t.view.taskSid + "/end");
    t.ended = true;
    if (t.stream) { t.stream.close(); t.stream = null; }
    pushDivider(t, {type: "divider", kind: "closed", text: "You ended the chat"});
    renderHead();
    renderList();
  }));
  $("reply").addEventListener("submit", e => {
    e.preventDefault();
    const text = $("reply-input").value.trim();
    const t = tasks.get(selected);
    if (!text || !t) return;
    act(async () => {
      await Pages.call("POST", "/api/desk/tasks/" + t.view.taskSid + "/messages", {body: text});
      $("reply-input").value = "";
    });
  });

  refresh();
})();
