// plangen web: the few behaviours htmx does not give (tabs, finding → field, keys, completion).
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
    document.getElementById("save").click();
  } else if (!inText && (ev.key === "z" || ev.key === "y")) {
    ev.preventDefault();
    htmx.ajax("POST", `/edit/${ev.key === "z" ? "undo" : "redo"}?f=${encodeURIComponent(file)}`, {target: "#answer"});
  } else if (ev.key === " " && ev.target.id === "yaml-text") {
    ev.preventDefault();
    complete(ev.target);
  }
});

// A page behind the plan (another tab changed it): the form is made again from the plan.
document.body.addEventListener("htmx:afterRequest", ev => {
  const file = fileName();
  if (file && ev.detail.xhr && ev.detail.xhr.status === 409) {
    htmx.ajax("GET", `/edit/refresh?f=${encodeURIComponent(file)}`, {target: "#answer"});
  }
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
