/* The customer phone: texts the contact centre by SMS or WhatsApp through the pages' backend (which speaks to the local
   Flex; the page never holds credentials) and polls what the contact centre sent to the phone. Like a phone's
   messaging app, it keeps its own transcript (sessionStorage), one per channel and number. */
"use strict";
(function () {
  const $ = id => document.getElementById(id);
  const STORE = "petal-stem-phone";
  const POLL_MILLIS = 1000;
  const LABELS = {sms: "SMS", whatsapp: "WhatsApp"};
  const state = {addresses: {}, channel: "sms", phone: "", items: [], seen: new Set(), polling: false, timer: null};

  async function init() {
    const config = await Pages.call("GET", "/api/config");
    state.addresses = config.phoneAddresses || {};
    const saved = JSON.parse(sessionStorage.getItem(STORE) || "{}");
    for (const channel of ["sms", "whatsapp"]) {
      $("channel-" + channel).disabled = !state.addresses[channel];
    }
    if (!Object.keys(state.addresses).length) {
      showError("This stack has no SMS or WhatsApp number: they exist on the conversations platform.");
      $("composer-input").disabled = true;
      $("composer-send").disabled = true;
    }
    state.channel = state.addresses[saved.channel] ? saved.channel : "sms";
    $("channel-" + state.channel).checked = true;
    $("phone-number").value = saved.phone || madeUpNumber();
    document.querySelectorAll("input[name=channel]").forEach(r => r.addEventListener("change", () => switchTo(r.value)));
    $("phone-number").addEventListener("change", () => switchTo(state.channel));
    $("new-number").addEventListener("click", () => { $("phone-number").value = madeUpNumber(); switchTo(state.channel); });
    $("composer").addEventListener("submit", e => { e.preventDefault(); send($("composer-input").value); });
    switchTo(state.channel);
    clock();
    setInterval(clock, 30000);
    poll();
    document.body.dataset.ready = "true";
  }

  /* A number in the 555-0100..0199 block, which North American numbering keeps fictional. */
  function madeUpNumber() {
    return "+1202555" + "01" + String(Math.floor(Math.random() * 100)).padStart(2, "0");
  }

  function key() {
    return STORE + ":" + state.channel + ":" + state.phone;
  }

  /* Shows the transcript of the chosen channel and number (each its own thread, as on a phone). */
  function switchTo(channel) {
    state.channel = channel;
    state.phone = $("phone-number").value.trim();
    sessionStorage.setItem(STORE, JSON.stringify({channel, phone: state.phone}));
    document.body.className = "channel-" + channel;
    $("channel-badge").textContent = LABELS[channel];
    $("to-address").textContent = state.addresses[channel] ? LABELS[channel] + " · " + state.addresses[channel] : "";
    $("composer-input").placeholder = channel === "whatsapp" ? "Message" : "Text message";
    const stored = JSON.parse(sessionStorage.getItem(key()) || "{}");
    state.items = stored.items || [];
    state.seen = new Set(stored.seen || []);
    state.polling = state.items.length > 0;
    $("thread").querySelectorAll(".msg").forEach(n => n.remove());
    state.items.forEach(draw);
    $("thread-empty").hidden = state.items.length > 0;
    hideError();
  }

  function save() {
    sessionStorage.setItem(key(), JSON.stringify({items: state.items, seen: [...state.seen]}));
  }

  async function send(text) {
    text = (text || "").trim();
    if (!text) return;
    hideError();
    $("composer-input").value = "";
    const item = {kind: "sent", body: text, time: new Date().toISOString(), status: "Sending…"};
    state.items.push(item);
    const node = draw(item);
    $("thread-empty").hidden = true;
    try {
      const sent = await Pages.call("POST", "/api/phone/messages", {channel: state.channel, phone: state.phone, body: text});
      $("thread").dataset.conversationSid = sent.conversationSid;
      item.status = "Delivered";
      state.polling = true;
    } catch (err) {
      item.status = "Not delivered";
      item.failed = true;
      showError("Your message was not sent: " + err.message);
    }
    save();
    node.replaceWith(draw(item, true));
  }

  async function poll() {
    if (state.polling && state.phone) {
      const channel = state.channel;
      const phone = state.phone;
      try {
        const data = await Pages.call("GET", "/api/phone/messages?channel=" + encodeURIComponent(channel)
          + "&phone=" + encodeURIComponent(phone));
        if (channel === state.channel && phone === state.phone) received(data.messages);
      } catch (err) {
        // a poll that fails is tried again on the next tick; sending shows its own errors
      }
    }
    state.timer = setTimeout(poll, POLL_MILLIS);
  }

  function received(messages) {
    let added = false;
    for (const m of messages) {
      if (state.seen.has(m.sid)) continue;
      state.seen.add(m.sid);
      const item = {kind: "received", body: m.body, time: m.time, sid: m.sid};
      state.items.push(item);
      draw(item);
      added = true;
    }
    if (added) {
      $("thread-empty").hidden = true;
      save();
    }
  }

  /* Appends a message to the thread (or, with detached, only builds it); returns its node. */
  function draw(item, detached) {
    const node = Pages.el("div", {class: "msg " + item.kind + (item.failed ? " failed" : ""), "data-kind": item.kind, "data-sid": item.sid},
      Pages.el("div", {class: "bubble", text: item.body}),
      Pages.el("div", {class: "meta", text: item.kind === "sent" ? Pages.time(item.time) + " · " + item.status : Pages.time(item.time)}));
    if (!detached) {
      $("thread").append(node);
      $("thread").scrollTop = $("thread").scrollHeight;
    }
    return node;
  }

  function clock() {
    $("clock").textContent = Pages.time();
  }

  function showError(text) {
    $("phone-error").textContent = text;
    $("phone-error").hidden = false;
  }

  function hideError() {
    $("phone-error").hidden = true;
  }

  init().catch(err => showError("The phone is unavailable: " + err.message));
})();
