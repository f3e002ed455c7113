// plangen web: the few behaviours htmx does not give (tabs, finding → field, keys, completion, kept changes).
"use strict";

htmx.config.responseHandling = [
  {code: "204", swap: false},
  {code: "[23]..", swap: true},
  {code: "[45]..", swap: true, error: true},
];
htmx.config.defaultSwapStyle = "innerHTML";
htmx.config.historyCacheSize = 0;

function fileName() {
  const main = document.querySelector("main.editor");
  return main ? main.dataset.file : null;
}

function showTab(id) {
  document.querySelectorAll(".tabs .tab").forEach(t => t.classList.toggle("active", t.dataset.tab === id));
  document.querySelectorAll(".left .pane").forEach(p => { p.hidden = p.id !== id; });
}

// The field a path stands for: the deepest element of the form whose path begins it.
function fieldFor(path) {
  for (let n = path.length; n >= 0; n--) {
    const key = JSON.stringify(path.slice(0, n));
    const el = Array.from(document.querySelectorAll("#plan-form [data-path]"))
      .find(e => e.dataset.path === key);
    if (el) return el;
  }
  return null;
}

function goToField(path) {
  showTab("form-pane");
  const el = fieldFor(path);
  if (!el) return;
  for (let p = el.parentElement; p; p = p.parentElement) {
    if (p.tagName === "DETAILS") p.open = true;
  }
  el.scrollIntoView({block: "center"});
  el.classList.add("pinned");
  setTimeout(() => el.classList.remove("pinned"), 2500);
  const input = el.querySelector("input:not([type=hidden]), textarea, select");
  if (input) input.focus({preventScroll: true});
}

document.addEventListener("click", ev => {
  const tab = ev.target.closest(".tabs .tab");
  if (tab) { showTab(tab.dataset.tab); return; }
  const pin = ev.target.closest("a.pin");
  if (pin) {
    ev.preventDefault();
    goToField(JSON.parse(pin.dataset.path || "[]"));
  }
  const toggle = ev.target.closest("[data-show=quick]");
  if (toggle) {
    const quick = document.getElementById("quick"), pages = document.getElementById("pages");
    if (quick && pages) { quick.hidden = !quick.hidden; pages.hidden = !quick.hidden; }
    return;
  }
  const para = ev.target.closest(".quick [data-path]");
  if (para) goToField(JSON.parse(para.dataset.path || "[]"));
});

document.addEventListener("keydown", ev => {
  const file = fileName();
  if (!file || !(ev.ctrlKey || ev.metaKey)) return;
  const inText = ev.target.matches("input, textarea");
  if (ev.key === "s") {
    ev.preventDefault();
    if (ev.target.matches("[data-typed][data-send]")) sendTyped(ev.target);  // what was typed, then saved
    document.getElementById("save").click();
  } else if (!inText && (ev.key === "z" || ev.key === "y")) {
    ev.preventDefault();
    htmx.ajax("POST", `/edit/${ev.key === "z" ? "undo" : "redo"}?f=${encodeURIComponent(file)}`, {target: "#answer"});
  } else if (ev.key === " " && ev.target.id === "yaml-text") {
    ev.preventDefault();
    complete(ev.target);
  }
});

// The form's changes. Each field, button and menu says what it sends (data-send: the address and
// its values); it is sent from #sender, which htmx never redraws, so that a change queued behind
// another is not lost when the answer to that one redraws the fragment it came from. The page's
// version (#version, included by #sender) is read when the request leaves, after those before it.
function send(el, more) {
  const file = fileName();
  const what = JSON.parse(el.dataset.send);
  const values = Object.assign({}, what.values || {}, more || {});
  (el.dataset.with || "").split(",").map(s => s.trim()).filter(Boolean).forEach(sel => {
    const other = document.querySelector(sel);
    if (other) values[other.name] = other.value;
  });
  Object.keys(values).forEach(k => { if (typeof values[k] === "number") values[k] = String(values[k]); });
  const url = what.url + (file ? (what.url.includes("?") ? "&" : "?") + "f=" + encodeURIComponent(file) : "");
  return htmx.ajax("POST", url, {source: "#sender", target: what.target || "#answer", values});
}

// What a field holds, as the edit sends it (text typed in any Unicode form is sent composed, NFC).
function typedValue(el) {
  if (el.type === "checkbox") return el.checked ? {value: "true"} : {};
  return {[el.name]: el.value.normalize("NFC")};
}

const lastSent = new WeakMap();  // a text field's value as last sent (or shown)
const pending = new WeakMap();   // its timer while typing

function sendTyped(el) {
  clearTimeout(pending.get(el));
  pending.delete(el);
  const now = el.value;
  const before = lastSent.has(el) ? lastSent.get(el) : el.defaultValue;
  if (now === before) return;
  lastSent.set(el, now);
  send(el, typedValue(el));
}

document.addEventListener("click", ev => {
  const button = ev.target.closest("button[data-send]");
  if (!button || button.disabled) return;
  ev.preventDefault();
  const box = button.closest("#kept .kept");
  const sent = send(button);
  // a kept change made again: its box goes (refused once more, a new box has come in its place)
  if (box) sent.then(() => { box.remove(); keptOnce(); }, () => {});
});

document.addEventListener("change", ev => {
  const el = ev.target;
  const group = el.closest("fieldset[data-send]");
  if (group) {  // boxes to tick: the values ticked, all together
    const ticked = Array.from(group.querySelectorAll("input[type=checkbox]:checked")).map(b => b.value);
    send(group, {value: ticked});
    return;
  }
  if (!el.matches("[data-send]")) return;
  if (el.matches("[data-typed]")) sendTyped(el);
  else send(el, typedValue(el));
});

// Typing: sent after a pause, or when the field is left; never in the middle of a composition
// (an input method composing "ệ" from "e", "e", "j" sends the letter once it is made).
document.addEventListener("input", ev => {
  const el = ev.target;
  if (!el.matches("[data-typed][data-send]") || ev.isComposing) return;
  clearTimeout(pending.get(el));
  pending.set(el, setTimeout(() => sendTyped(el), 700));
});
document.addEventListener("compositionend", ev => {
  const el = ev.target;
  if (!el.matches("[data-typed][data-send]")) return;
  clearTimeout(pending.get(el));
  pending.set(el, setTimeout(() => sendTyped(el), 700));
});

// The requests under way (one at a time, the others queued behind it: body's hx-sync).
// The status's own asking for the pages (a long poll, beside them) is not counted.
let underWay = 0;
const isPoll = ev => ((ev.detail.requestConfig || {}).elt || {}).id === "status";
document.body.addEventListener("htmx:beforeRequest", ev => { if (!isPoll(ev)) underWay++; });
document.body.addEventListener("htmx:afterRequest", ev => { if (!isPoll(ev)) underWay = Math.max(0, underWay - 1); });

// A poll's answer older than the page (an edit answered meanwhile, with its own status) is dropped.
document.body.addEventListener("htmx:beforeSwap", ev => {
  if (!isPoll(ev)) return;
  const answered = /data-version="(\d+)"/.exec(ev.detail.serverResponse || "");
  const now = document.getElementById("version");
  if (answered && now && Number(answered[1]) < Number(now.value)) ev.detail.shouldSwap = false;
});
function settled() {
  return new Promise(done => {
    let quiet = 0;
    const look = () => { quiet = underWay ? 0 : quiet + 1; if (quiet >= 2) done(); else setTimeout(look, 40); };
    look();
  });
}

function say(html) {
  const box = document.getElementById("messages");
  if (box) box.innerHTML = html;
}

// A download: the text being typed sent first, and the file asked for once the changes before it
// are made; a plan that cannot be built says why in the page (a link would fail in silence).
document.addEventListener("click", async ev => {
  const link = ev.target.closest("a[download]");
  if (!link || link.protocol === "blob:") return;  // the file itself, saved
  ev.preventDefault();
  const field = document.activeElement;
  if (field && field.matches("[data-typed][data-send]")) sendTyped(field);
  await settled();
  if (link.dataset.wait) say(`<div class="message info">${link.dataset.wait}</div>`);
  const token = JSON.parse(document.body.getAttribute("hx-headers"))["X-Plangen-Token"];
  const res = await fetch(link.href, {headers: {"X-Plangen-Token": token, "X-Plangen-Page": "1", "HX-Request": "true"}});
  if (!res.ok || res.headers.get("X-Plangen-Status")) { say(await res.text()); return; }
  const blob = await res.blob();
  const named = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get("content-disposition") || "");
  const save = document.createElement("a");
  save.href = URL.createObjectURL(blob);
  save.download = named ? decodeURIComponent(named[1]) : "";
  document.body.append(save);
  save.click();
  save.remove();
  say("");
  setTimeout(() => URL.revokeObjectURL(save.href), 60000);
});

// The check's findings shown at their fields too: the input marked invalid, the message beside it.
function markFindings() {
  const form = document.getElementById("plan-form");
  if (!form) return;
  form.querySelectorAll(".field-problem").forEach(e => e.remove());
  form.querySelectorAll("[aria-invalid]").forEach(e => {
    e.removeAttribute("aria-invalid");
    e.removeAttribute("aria-describedby");
  });
  document.querySelectorAll("#status .finding[data-path]").forEach((li, n) => {
    const path = JSON.parse(li.dataset.path || "[]");
    if (!path.length) return;
    const el = fieldFor(path);
    if (!el) return;
    const note = document.createElement("div");
    note.className = "field-problem " + (li.classList.contains("error") ? "error" : "warning");
    note.id = "problem-" + n;
    note.textContent = li.dataset.message;
    const reviewed = li.querySelector("button.reviewed");
    if (reviewed) note.append(" ", reviewed.cloneNode(true));
    const own = el.dataset.path === JSON.stringify(path) || el.dataset.path === li.dataset.path;
    const input = own ? el.querySelector(":scope > input:not([type=hidden]), :scope > textarea, :scope > select") : null;
    if (input) {
      input.setAttribute("aria-invalid", "true");
      const described = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      input.setAttribute("aria-describedby", [...described, note.id].join(" "));
      input.insertAdjacentElement("afterend", note);
    } else {
      const label = el.querySelector(":scope > .label, :scope > .item-head");
      if (label) label.insertAdjacentElement("afterend", note); else el.prepend(note);
    }
  });
}
document.addEventListener("DOMContentLoaded", markFindings);
document.body.addEventListener("htmx:afterSettle", markFindings);

// A page behind the plan (another tab changed it): the form is made again from the plan; but not
// when the refused change was a field's (or the YAML tab's) text: that stays as typed, and is kept
// in #kept (X-Plangen-Kept) to be made again on the plan as it is now, or copied.
document.body.addEventListener("htmx:afterRequest", ev => {
  const file = fileName();
  const xhr = ev.detail.xhr;
  if (file && xhr && (xhr.status === 409 || xhr.getResponseHeader("X-Plangen-Status") === "409")
      && !xhr.getResponseHeader("X-Plangen-Kept")) {
    loadPlanAsItIs();
  }
});

function loadPlanAsItIs() {
  const file = fileName();
  if (file) htmx.ajax("GET", `/edit/refresh?f=${encodeURIComponent(file)}`, {target: "#answer"});
}

// One box per field: the newest (first) kept.
function keptOnce() {
  const seen = new Set();
  document.querySelectorAll("#kept .kept").forEach(box => {
    if (seen.has(box.dataset.key)) box.remove(); else seen.add(box.dataset.key);
  });
}
document.body.addEventListener("htmx:afterSwap", keptOnce);

document.addEventListener("click", ev => {
  if (ev.target.closest("#kept button[data-refresh]")) { loadPlanAsItIs(); return; }
  const copy = ev.target.closest("#kept button[data-copy]");
  const area = copy && document.querySelector(copy.dataset.copy);
  if (!area) return;
  const done = () => { copy.textContent = copy.dataset.copied; };
  const byHand = () => {  // the text selected, copied by the browser (or by Ctrl+C)
    area.focus();
    area.select();
    try { if (document.execCommand("copy")) done(); } catch (e) { /* selected: Ctrl+C copies it */ }
  };
  if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(area.value).then(done, byHand);
  else byHand();
});

// The start page: the fields of the kind of issuer chosen.
function issuerFields() {
  const kind = document.getElementById("issuer-kind");
  if (!kind) return;
  document.querySelectorAll("#create [data-for]").forEach(el => {
    el.hidden = !el.dataset.for.split(" ").includes(kind.value);
  });
}
document.addEventListener("change", ev => { if (ev.target.id === "issuer-kind") issuerFields(); });
document.addEventListener("DOMContentLoaded", issuerFields);

// The YAML tab's completion: the keys the schema allows where the cursor is, or after a key's
// colon the values the model knows for it (Ctrl+Space).
async function complete(area) {
  const list = document.getElementById("completion");
  const body = new URLSearchParams({text: area.value, offset: String(area.selectionStart)});
  const token = JSON.parse(document.body.getAttribute("hx-headers"))["X-Plangen-Token"];
  const res = await fetch(area.dataset.complete, {method: "POST", body, headers: {"X-Plangen-Token": token}});
  if (!res.ok) return;
  const keys = await res.json();
  list.innerHTML = "";
  keys.forEach(k => {
    const li = document.createElement("li");
    li.textContent = k.key + " — " + k.label;
    li.title = k.help;
    li.addEventListener("mousedown", e => {
      e.preventDefault();
      const at = area.selectionStart;
      const insert = k.insert || (k.key + ": ");  // a key with its colon, or a value
      const before = area.value.slice(0, at).replace(/[^\s:]*$/, "");
      area.value = before + insert + area.value.slice(at);
      area.selectionStart = area.selectionEnd = before.length + insert.length;
      list.hidden = true;
      area.focus();
    });
    list.appendChild(li);
  });
  list.hidden = keys.length === 0;
}
document.addEventListener("focusout", ev => {
  if (ev.target.id === "yaml-text") setTimeout(() => { const l = document.getElementById("completion"); if (l) l.hidden = true; }, 200);
});
