/* /docs: language tabs, live code snippets and the "Try it" panel.
   The panel sends the same request a client would: fetch() to POST /api/v1/photo
   with the key in the Authorization header; nothing goes through the session. */
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var STATUS_TEXT = {
    200: "OK", 400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 413: "Payload Too Large",
    415: "Unsupported Media Type", 422: "Unprocessable Content", 429: "Too Many Requests",
    500: "Internal Server Error", 503: "Service Unavailable", 504: "Gateway Timeout"
  };

  /* --- Tabs ------------------------------------------------------------ */
  var tabs = Array.prototype.slice.call(document.querySelectorAll("[role=tab]"));
  function select(tab) {
    tabs.forEach(function (other) {
      var on = other === tab;
      other.setAttribute("aria-selected", on ? "true" : "false");
      other.tabIndex = on ? 0 : -1;
      $(other.getAttribute("aria-controls")).hidden = !on;
    });
  }
  tabs.forEach(function (tab, index) {
    tab.addEventListener("click", function () { select(tab); });
    tab.addEventListener("keydown", function (event) {
      var step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
      if (!step) { return; }
      var next = tabs[(index + step + tabs.length) % tabs.length];
      select(next);
      next.focus();
    });
  });
  if (tabs.length) { select(tabs[0]); document.body.classList.add("js-tabs"); }

  /* --- Code snippets follow the prompt and key ------------------------ */
  var ESCAPE = {
    shell: function (s) { return s.replace(/(["\\$`])/g, "\\$1"); },
    js: function (s) { return s.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n"); },
    python: function (s) { return s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n"); }
  };
  var state = { key: "", prompt: null, file: null };

  function masked(key) {
    return key.length > 12 ? key.slice(0, 8) + "…" + key.slice(-4) : key;
  }
  function renderSnippets() {
    document.querySelectorAll("code[data-lang]").forEach(function (code) {
      var escape = ESCAPE[code.dataset.lang];
      code.querySelectorAll("[data-prompt]").forEach(function (span) {
        if (state.prompt !== null) { span.textContent = escape(state.prompt); }
      });
      code.querySelectorAll("[data-key]").forEach(function (span) {
        span.textContent = state.key ? masked(state.key) : "YOUR_API_KEY";
      });
    });
  }
  document.querySelectorAll("[data-copy-code]").forEach(function (button) {
    button.addEventListener("click", function () {
      var code = $(button.dataset.copyCode).querySelector("code");
      var clone = code.cloneNode(true);
      // The clipboard gets the real key, the screen only its masked form.
      clone.querySelectorAll("[data-key]").forEach(function (span) { span.textContent = state.key || "YOUR_API_KEY"; });
      window.Painty.copyText(clone.textContent).then(
        function () { window.Painty.flash(button, "Copied"); },
        function () { window.Painty.flash(button, "Select and copy"); }
      );
    });
  });

  var form = $("try-form");
  if (!form) { return; }  // signed out: docs only

  /* --- API key ----------------------------------------------------------- */
  var keyInput = $("try-key");
  var keyStatus = $("try-key-status");
  function remember(key) {
    try { if (key) { sessionStorage.setItem(window.Painty.KEY_STORAGE, key); } else { sessionStorage.removeItem(window.Painty.KEY_STORAGE); } } catch (e) { /* storage disabled */ }
  }
  function setKey(key, note) {
    state.key = key.trim();
    keyInput.value = state.key;
    remember(state.key);
    renderSnippets();
    if (note) { keyStatus.textContent = note; }
    checkKey();
  }
  function api(path, options) {
    options = options || {};
    options.headers = Object.assign({ "Authorization": "Bearer " + state.key, "Accept": "application/json" }, options.headers || {});
    return fetch(path, options);
  }
  var checking = 0;
  function checkKey() {
    if (!state.key) { keyStatus.textContent = ""; return; }
    var mine = ++checking;
    api("/api/v1/account").then(function (response) {
      return response.json().then(function (body) { return { status: response.status, body: body }; });
    }).then(function (answer) {
      if (mine !== checking) { return; }
      keyStatus.className = "help " + (answer.status === 200 ? "good" : "bad");
      if (answer.status === 200) {
        keyStatus.textContent = "Key " + answer.body.data.apiKey.key + " (" + answer.body.data.apiKey.name + ") works · " + answer.body.data.credits + " credits left.";
        $("try-credits").textContent = answer.body.data.credits;
      } else {
        keyStatus.textContent = answer.status + " · " + answer.body.error.message;
      }
    }).catch(function () { /* offline: the request itself will say so */ });
  }
  keyInput.addEventListener("change", function () { setKey(keyInput.value); });
  keyInput.addEventListener("input", function () { state.key = keyInput.value.trim(); renderSnippets(); });
  $("try-key-toggle").addEventListener("click", function () {
    var show = keyInput.type === "password";
    keyInput.type = show ? "text" : "password";
    this.textContent = show ? "Hide" : "Show";
    this.setAttribute("aria-pressed", show ? "true" : "false");
  });
  $("try-create-key").addEventListener("click", function () {
    var button = this;
    button.disabled = true;
    var csrf = (document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/) || [])[1] || "";
    fetch("/docs/test-key", { method: "POST", headers: { "X-CSRFToken": decodeURIComponent(csrf) }, credentials: "same-origin" })
      .then(function (response) { return response.json().then(function (body) { return { ok: response.ok, body: body }; }); })
      .then(function (answer) {
        if (!answer.ok) { keyStatus.textContent = answer.body.error || "Could not create a key."; return; }
        keyInput.type = "text";
        $("try-key-toggle").textContent = "Hide";
        setKey(answer.body.key);
        keyStatus.textContent = "Created “" + answer.body.name + "” (" + answer.body.masked + "): a free test key with watermarked results, replacing this page's previous test key. It is shown here once and kept only in this tab — copy it now if you want to reuse it.";
      })
      .catch(function () { keyStatus.textContent = "Could not create a key — check your connection."; })
      .then(function () { button.disabled = false; });
  });
  var stored = "";
  try { stored = sessionStorage.getItem(window.Painty.KEY_STORAGE) || ""; } catch (e) { /* storage disabled */ }
  if (stored) { setKey(stored, "Using the key you created on the dashboard (" + masked(stored) + ")."); }

  /* --- Photo: picker and drag and drop ----------------------------------- */
  var drop = $("try-drop");
  var fileInput = $("try-image");
  var original = $("try-original-img");
  function sizeText(bytes) {
    if (bytes < 1024) { return bytes + " bytes"; }
    if (bytes < 1024 * 1024) { return Math.round(bytes / 1024) + " KB"; }
    return (bytes / 1024 / 1024).toFixed(1) + " MB";
  }
  function useFile(file) {
    state.file = file || null;
    $("try-file-name").textContent = file ? file.name + " · " + sizeText(file.size) : "";
    drop.classList.toggle("has-file", !!file);
    if (original.src) { URL.revokeObjectURL(original.src); }
    original.hidden = true;
    $("try-original-empty").hidden = false;
    if (file) { original.src = URL.createObjectURL(file); }
  }
  original.addEventListener("load", function () { original.hidden = false; $("try-original-empty").hidden = true; });
  original.addEventListener("error", function () { original.hidden = true; $("try-original-empty").hidden = false; });
  fileInput.addEventListener("change", function () { useFile(fileInput.files[0]); });
  ["dragenter", "dragover"].forEach(function (name) {
    drop.addEventListener(name, function (event) { event.preventDefault(); drop.classList.add("dragging"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    drop.addEventListener(name, function () { drop.classList.remove("dragging"); });
  });
  drop.addEventListener("drop", function (event) {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) { useFile(event.dataTransfer.files[0]); }
  });

  /* --- Prompt -------------------------------------------------------------- */
  var promptInput = $("try-prompt");
  state.prompt = promptInput.value;
  promptInput.addEventListener("input", function () { state.prompt = promptInput.value; renderSnippets(); });
  document.querySelectorAll(".chip[data-prompt]").forEach(function (chip) {
    chip.addEventListener("click", function () {
      promptInput.value = chip.dataset.prompt;
      state.prompt = chip.dataset.prompt;
      renderSnippets();
    });
  });

  /* --- Send ---------------------------------------------------------------- */
  var progress = $("try-progress");
  function show(status, elapsed, body) {
    $("try-output").hidden = false;
    var pill = $("try-status");
    pill.textContent = status ? status + " " + (STATUS_TEXT[status] || "") : "No answer";
    pill.className = "pill " + (status === 200 ? "ok" : "failed");
    $("try-time").textContent = Math.round(elapsed) + " ms";
    $("try-json").textContent = typeof body === "string" ? body : JSON.stringify(body, null, 2);
    var error = $("try-error");
    var result = $("try-result-img");
    if (status === 200 && body && body.data) {
      error.hidden = true;
      result.src = body.data.resultUrls[0];
      result.hidden = false;
      $("try-result-empty").hidden = true;
      $("try-credits").textContent = body.data.creditsRemaining;
      keyStatus.textContent = "";
    } else {
      result.hidden = true;
      result.removeAttribute("src");
      $("try-result-empty").hidden = false;
      error.hidden = false;
      error.textContent = "";
      var title = document.createElement("strong");
      title.textContent = (status || "Network error") + (body && body.error ? " · " + body.error.code : "");
      error.appendChild(title);
      error.appendChild(document.createTextNode(" " + (body && body.error ? body.error.message : "The request did not complete.")));
      if (status && status !== 401) { checkKey(); }
    }
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    state.key = keyInput.value.trim();
    if (!state.key) { keyStatus.className = "help bad"; keyStatus.textContent = "Paste an API key or create a test key first."; keyInput.focus(); return; }
    var imageUrl = $("try-image-url").value.trim();
    if (!state.file && !imageUrl) { progress.textContent = "Choose a photo first."; fileInput.focus(); return; }
    remember(state.key);
    var body = new FormData();
    body.append("prompt", promptInput.value);
    if (imageUrl) { body.append("image_url", imageUrl); } else { body.append("image", state.file, state.file.name); }
    if ($("try-format").value !== "auto") { body.append("format", $("try-format").value); }
    ["background", "mask"].forEach(function (name) {
      var input = $("try-" + name);
      if (input.files.length) { body.append(name, input.files[0], input.files[0].name); }
    });
    if ($("try-channels").value !== "rgba") { body.append("channels", $("try-channels").value); }
    if ($("try-n").value !== "1") { body.append("n", $("try-n").value); }
    var send = $("try-send");
    send.disabled = true;
    progress.textContent = "Processing…";
    var started = performance.now();
    api("/api/v1/photo", { method: "POST", body: body })
      .then(function (response) {
        return response.text().then(function (text) {
          var parsed;
          try { parsed = JSON.parse(text); } catch (e) { parsed = text; }
          show(response.status, performance.now() - started, parsed);
        });
      })
      .catch(function (error) { show(0, performance.now() - started, String(error)); })
      .then(function () { send.disabled = false; progress.textContent = ""; });
  });

  renderSnippets();
})();
