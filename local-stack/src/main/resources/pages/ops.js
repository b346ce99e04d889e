/* Operations page: polls /api/ops/state every second; lists dead-lettered messages when a dead-letter queue changes. */
"use strict";
(() => {
  const $ = id => document.getElementById(id);
  const el = Pages.el;
  let deadLetterDepths = null;
  let lastQueues = [];
  let updates = 0;

  function num(v, digits) {
    if (v === null || v === undefined) return "–";
    return Number(v).toLocaleString("en-US", {maximumFractionDigits: digits === undefined ? 0 : digits});
  }
  function ms(v) {
    return v === null || v === undefined ? "–" : (v >= 1000 ? num(v / 1000, 2) + " s" : num(v) + " ms");
  }
  function replace(node, ...children) {
    node.replaceChildren(...children);
  }

  function renderTurns(t) {
    $("turns-rate").textContent = num(t.perSecond, 2);
    $("turns-total").textContent = num(t.total);
    const max = Math.max(1, ...t.series);
    replace($("turns-series"), ...t.series.map(v => el("div", {style: "height:" + (100 * v / max) + "%", title: v + " turns"})));
  }

  function renderLatency(l) {
    $("latency-p50").textContent = ms(l.p50);
    $("latency-p99").textContent = ms(l.p99);
    $("latency-max").textContent = l.count ? ms(l.max) : "–";
    $("latency-count").textContent = num(l.count);
    const max = Math.max(1, ...l.buckets.map(b => b.count));
    const cells = [];
    for (const b of l.buckets) {
      cells.push(el("span", {text: b.label}),
        el("span", {class: "bar"}, el("div", {style: "width:" + (100 * b.count / max) + "%"})),
        el("span", {class: "n", "data-bucket": b.label, text: String(b.count)}));
    }
    replace($("latency-histogram"), ...cells);
  }

  function renderQueues(queues) {
    lastQueues = queues;
    replace($("queues"), ...queues.map(q => el("tr", {
        "data-queue": q.queue, class: (q.deadLetterQueue ? "dlq" : "") + (q.deadLetterQueue && q.visible + q.inFlight > 0 ? " has" : "")},
      el("td", {text: q.queue}), el("td", {class: "n visible", text: String(q.visible)}),
      el("td", {class: "n in-flight", text: String(q.inFlight)}))));
    const depths = JSON.stringify(queues.filter(q => q.deadLetterQueue).map(q => [q.queue, q.visible, q.inFlight]));
    if (depths !== deadLetterDepths) {
      deadLetterDepths = depths;
      loadDeadLetters();
    }
  }

  function renderFunctions(functions) {
    replace($("functions"), ...functions.map(f => {
      const crashes = Object.entries(f.crashes || {}).map(([k, v]) => k + " " + v).join(", ");
      return el("tr", {"data-function": f.name},
        el("td", {text: f.name + (crashes ? " (crash faults: " + crashes + ")" : "")}),
        el("td", {class: "n instances", text: String(f.instances)}), el("td", {class: "n", text: String(f.idle)}),
        el("td", {class: "n", text: String(f.started)}), el("td", {class: "n", text: String(f.errorLines)}),
        el("td", {class: "n failed", text: String(f.failedInvocations)}));
    }));
  }

  function idText(ids) {
    return Object.entries(ids || {}).map(([k, v]) => k + "=" + v).join("  ");
  }

  function renderErrors(errors) {
    $("errors-empty").hidden = errors.length > 0;
    replace($("errors"), ...errors.map(e => el("tr", {"data-source": e.source},
      el("td", {text: (e.time || "").substring(11, 23)}), el("td", {text: e.function}),
      el("td", {text: (e.source === "log" ? "ERROR in " : "invocation failed: ") + e.kind}),
      el("td", {class: "ids", text: idText(e.ids)}))));
  }

  function renderMetrics(state) {
    $("metrics-empty").hidden = state.metrics.length > 0;
    replace($("metrics"), ...state.metrics.map(m => el("tr", {"data-metric": m.name},
      el("td", {text: m.namespace}), el("td", {text: m.name}), el("td", {text: m.unit}),
      el("td", {class: "n", text: num(m.count)}), el("td", {class: "n sum", text: num(m.sum, 2)}),
      // A rate for counts, percentiles for measurements (a count's p50 or a latency's "per second" says nothing).
      el("td", {class: "n", text: m.unit === "Count" ? num(m.perSecond, 2) : "–"}),
      el("td", {class: "n", text: m.unit === "Count" ? "–" : num(m.p50, 1)}),
      el("td", {class: "n", text: m.unit === "Count" ? "–" : num(m.p99, 1)}), el("td", {class: "n", text: num(m.max, 1)}))));
    $("emf-rejected").hidden = !state.emfRejected;
    $("emf-rejected").textContent = state.emfRejected + " EMF line(s) broke the specification and gave no metric; last: "
      + (state.lastEmfRejection || "");
  }

  async function poll() {
    try {
      const state = await Pages.call("GET", "/api/ops/state");
      $("connection").hidden = true;
      renderTurns(state.turns);
      renderLatency(state.replyLatency);
      renderQueues(state.queues);
      renderFunctions(state.functions);
      renderErrors(state.errors);
      renderMetrics(state);
      $("updated").textContent = "updated " + new Date().toLocaleTimeString();
      document.body.setAttribute("data-updates", String(++updates));
      document.body.setAttribute("data-ready", "true");
    } catch (e) {
      $("connection").hidden = false;
    } finally {
      setTimeout(poll, 1000);
    }
  }

  async function loadDeadLetters() {
    let lists;
    try {
      lists = await Pages.call("GET", "/api/ops/dead-letters");
    } catch (e) {
      return;
    }
    const blocks = Object.entries(lists).map(([queue, messages]) => {
      const source = (lastQueues.find(q => q.queue === queue) || {}).source || "its source queue";
      const button = el("button", {type: "button", class: "redrive", "data-dlq": queue, text: "Redrive to " + source,
        disabled: messages.length === 0, onclick: () => redrive(queue, button)});
      const rows = messages.map(m => el("tr", {"data-message-id": m.messageId},
        el("td", {class: "ids", text: m.chatSid || "–"}), el("td", {class: "ids", text: m.messageSid || "–"}),
        el("td", {text: m.botName || "–"}),
        el("td", {}, m.nextStep ? el("span", {class: "step " + m.nextStep, text: m.nextStep}) : "turn"),
        el("td", {class: "n", text: String(m.receiveCount)}),
        el("td", {text: m.sentAt ? new Date(m.sentAt).toLocaleTimeString() : "–"}),
        el("td", {text: m.sourceQueue || "–"}), el("td", {class: "ids", text: m.messageId})));
      return el("div", {class: "dlq-block", "data-dlq": queue},
        el("div", {class: "dlq-head"}, el("span", {class: "title", text: queue}),
          el("span", {class: "hint", text: messages.length ? messages.length + " shown (at most 10)" : "empty"}), button),
        messages.length ? el("table", {},
          el("thead", {}, el("tr", {}, ...["chat SID", "message SID", "bot", "reply's next step", "receives", "first sent",
            "source queue", "SQS message id"].map(h => el("th", {text: h})))),
          el("tbody", {}, ...rows)) : el("div", {class: "empty", text: "No dead-lettered message."}));
    });
    replace($("dead-letters"), ...blocks);
  }

  async function redrive(queue, button) {
    button.disabled = true;
    const note = $("redrive-result");
    try {
      const r = await Pages.call("POST", "/api/ops/dead-letters/" + encodeURIComponent(queue) + "/redrive");
      note.className = "notice";
      note.textContent = "Redrive of " + r.queue + ": " + r.moved + " of " + r.toMove + " message(s) moved back to "
        + r.destination + ".";
    } catch (e) {
      note.className = "notice bad";
      note.textContent = "Redrive of " + queue + " failed: " + e.message;
    }
    note.hidden = false;
    deadLetterDepths = null;
  }

  $("dead-letters-refresh").addEventListener("click", loadDeadLetters);
  poll();
})();
