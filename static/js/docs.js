/* /docs: language tabs, live code snippets and the "Try it" panel.
   The panel sends the same request a client would: fetch() to POST /api/v1/photo
   with the key in the Authorization header; nothing goes through the session.
   It asks for the asynchronous answer (Prefer: respond-async → 202 + Location) and
   follows the job: its event stream read with fetch() (EventSource can't send an
   Authorization header), or GET /api/v1/jobs/{id} once a second when streaming
   isn't possible. */
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var STATUS_TEXT = {
    200: "OK", 202: "Accepted", 400: "Bad Request", 403: "Forbidden", 409: "Conflict", 401: "Unauthorized", 402: "Payment Required", 413: "Payload Too Large",
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
  var useTestKey = $("try-use-test-key");
  var replaceTestKey = $("try-replace-test-key");
  function remember(key) {
    // The tab's sessionStorage only: gone with the tab, never in a cookie, never sent to the server.
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
  function readJson(response) {
    return response.text().then(function (text) {
      var body;
      try { body = JSON.parse(text); } catch (e) { body = text; }
      return { status: response.status, headers: response.headers, body: body };
    });
  }
  function plural(count, word) { return count + " " + word + (count === 1 ? "" : "s"); }
  var checking = 0;
  function checkKey() {
    if (!state.key) { keyStatus.textContent = ""; return; }
    var mine = ++checking;
    api("/api/v1/account").then(readJson).then(function (answer) {
      if (mine !== checking) { return; }
      keyStatus.className = "help " + (answer.status === 200 ? "good" : "bad");
      if (answer.status === 200) {
        var data = answer.body.data;
        keyStatus.textContent = "Key " + data.apiKey.key + " (" + data.apiKey.name + ") works · " + plural(data.credits, "credit") + " left" +
          (data.apiKey.testMode ? " (test keys are free)." : ".");
        $("try-credits").textContent = data.credits;
      } else {
        keyStatus.textContent = answer.status + " · " + (answer.body.error ? answer.body.error.message : "the key was refused");
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
  function fetchTestKey(replace, button) {
    button.disabled = true;
    var csrf = (document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/) || [])[1] || "";
    var form = new FormData();
    if (replace) { form.append("replace", "1"); }
    fetch("/docs/test-key", { method: "POST", body: form, headers: { "X-CSRFToken": decodeURIComponent(csrf) }, credentials: "same-origin" })
      .then(readJson)
      .then(function (answer) {
        if (answer.status !== 200 && answer.status !== 201) {
          keyStatus.className = "help bad";
          keyStatus.textContent = (answer.body && answer.body.error) || "Could not get a test key.";
          return;
        }
        var key = answer.body;
        setKey(key.key);
        useTestKey.textContent = "Use your test key " + key.masked;
        useTestKey.dataset.masked = key.masked;
        replaceTestKey.hidden = false;
        keyStatus.textContent = key.created
          ? "Created “" + key.name + "” (" + key.masked + "): a free test key with watermarked results" + (replace ? ", replacing the previous one." : ".") + " This page hands you the same key next time."
          : "Using your test key “" + key.name + "” (" + key.masked + ").";
      })
      .catch(function () { keyStatus.textContent = "Could not get a test key — check your connection."; })
      .then(function () { button.disabled = false; });
  }
  useTestKey.addEventListener("click", function () { fetchTestKey(false, useTestKey); });
  replaceTestKey.addEventListener("click", function () { fetchTestKey(true, replaceTestKey); });
  var stored = "";
  try { stored = sessionStorage.getItem(window.Painty.KEY_STORAGE) || ""; } catch (e) { /* storage disabled */ }
  if (stored) {
    setKey(stored, "Using the key kept in this tab (" + masked(stored) + ").");
  } else if (useTestKey.dataset.masked) {
    keyStatus.className = "help";
    keyStatus.textContent = "Your test key " + useTestKey.dataset.masked + " is ready: “Use your test key” fills it in.";
  }

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

  /* --- The edit plan in words ------------------------------------------------ */
  function amount(step) {
    var size = Math.abs(step.strength);
    return size <= 0.35 ? " slightly" : size > 0.8 ? " strongly" : "";
  }
  function signed(step, up, down) { return (step.strength < 0 ? down : up) + amount(step); }
  function rgb(color) { return color ? "rgb(" + color.join(", ") + ")" : ""; }
  var OPS = {
    background_clean: function () { return "Cleaned up and brightened the background"; },
    background_remove: function () { return "Removed the background (transparent)"; },
    background_blur: function (s) { return "Blurred the background" + amount(s); },
    background_color: function (s) { return "Made the background " + (s.name || rgb(s.color) || "one colour"); },
    background_image: function () { return "Put the subject on your background image"; },
    background_brighten: function (s) { return "Brightened the background" + amount(s); },
    background_darken: function (s) { return "Darkened the background" + amount(s); },
    background_desaturate: function (s) { return "Took the colour out of the background" + amount(s); },
    brightness: function (s) { return signed(s, "Brightened the image", "Darkened the image"); },
    exposure: function (s) { return signed(s, "Raised the exposure", "Lowered the exposure"); },
    contrast: function (s) { return signed(s, "Increased the contrast", "Reduced the contrast"); },
    saturation: function (s) { return signed(s, "Made the colours more vivid", "Muted the colours"); },
    vibrance: function (s) { return signed(s, "Added vibrance", "Reduced vibrance"); },
    warmth: function (s) { return signed(s, "Warmed up the colours", "Cooled down the colours"); },
    auto_enhance: function () { return "Auto-enhanced tone and colour"; },
    sharpen: function (s) { return "Sharpened" + amount(s); },
    denoise: function (s) { return "Reduced noise" + amount(s); },
    blur: function (s) { return "Blurred the image" + amount(s); },
    grayscale: function () { return "Converted to black and white"; },
    sepia: function (s) { return "Gave it a sepia tone" + amount(s); },
    vignette: function (s) { return "Added a vignette" + amount(s); },
    vintage: function () { return "Gave it a vintage look"; },
    pencil_sketch: function () { return "Turned it into a pencil sketch"; },
    cartoon: function () { return "Turned it into a cartoon"; },
    rotate: function (s) { return "Rotated by " + s.degrees + "°" + (s.degrees % 90 ? " (corners cropped)" : ""); },
    straighten: function () { return "Straightened the horizon (corners cropped)"; },
    flip: function (s) { return "Flipped " + (s.axis || "horizontal") + "ly"; },
    crop: function (s) { return s.aspect ? "Cropped to " + s.aspect + " around the subject" : "Cropped around the subject"; },
    upscale: function (s) { return s.size ? "Upscaled to " + s.size + " px on the long side" : "Upscaled ×" + (s.factor || 2); },
    resize: function (s) {
      var fit = s.fit === "pad" ? " (padded to fit)" : s.fit === "crop" ? " (cropped to fit)" : "";
      if (s.width && s.height) { return "Resized to " + s.width + " × " + s.height + " px" + fit; }
      if (s.width) { return "Resized to " + s.width + " px wide"; }
      if (s.height) { return "Resized to " + s.height + " px tall"; }
      if (s.scale) { return "Scaled to " + Math.round(s.scale * 100) + " %"; }
      return "Resized to " + s.size + " px on the long side";
    },
    product_frame: function (s) {
      return "Framed as a product photo: the subject centred on a square " + ((s.color || []).join(",") === "255,255,255" ? "white" : rgb(s.color) || "plain") +
        " canvas" + (s.shadow ? ", with a " + s.shadow + " shadow" : "");
    },
    shadow: function (s) { return "Added a " + (s.shadow || s.kind || "soft") + " shadow under the subject"; },
    output_format: function (s) { return "Saved as " + String(s.format || "").toUpperCase(); },
    inpaint: function () { return "Retouched the masked area"; },
    generative_edit: function (s) { return "Edited by " + (s.provider || "a hosted model") + (s.model ? " (" + s.model + ")" : "") + ", a generative model"; },
    simulate_slow: function (s) { return "Waited " + (s.seconds || 5) + " seconds (the test prompt simulate:slow)"; }
  };
  function describe(step) {
    var make = OPS[step.op];
    var text;
    if (make) {
      text = make(step);
    } else {  // an op this page doesn't know yet: its name and settings, readably
      var extras = Object.keys(step).filter(function (k) { return ["op", "strength", "region", "within"].indexOf(k) === -1; })
        .map(function (k) { return k.replace(/_/g, " ") + " " + JSON.stringify(step[k]); });
      text = step.op.charAt(0).toUpperCase() + step.op.slice(1).replace(/_/g, " ") + (extras.length ? " (" + extras.join(", ") + ")" : "");
    }
    var where = step.within === "mask" ? ", inside the mask" : step.region ? ", on the " + step.region + " only" : "";
    return text + where;
  }
  window.PaintyDocs = { describeEdit: describe, knowsEdit: function (op) { return Object.prototype.hasOwnProperty.call(OPS, op); } };
  function showPlan(job) {
    var list = $("try-edits");
    list.textContent = "";
    var edits = (job && job.edits) || [];
    edits.forEach(function (step) {
      var item = document.createElement("li");
      item.textContent = describe(step);
      list.appendChild(item);
    });
    if (!edits.length) {
      var none = document.createElement("li");
      none.textContent = "No edit plan was reported" + (job && job.engine ? " (the " + job.engine + " engine returns the image as it is)" : "") + ".";
      list.appendChild(none);
    }
    $("try-plan").hidden = false;
  }

  /* --- Copy as curl: the request exactly as sent, key masked --------------- */
  function quote(value) { return "'" + String(value).replace(/'/g, "'\\''") + "'"; }
  function curlOf(sent) {
    var lines = ["curl -X POST " + quote(location.origin + "/api/v1/photo")];
    sent.headers.forEach(function (header) { lines.push("-H " + quote(header[0] + ": " + header[1])); });
    sent.fields.forEach(function (field) {
      if (field.file) { lines.push("-F " + quote(field.name + "=@" + field.file)); return; }
      // -F reads "@…" and "<…" as files and ";type=" as options; --form-string sends the text as is.
      var literal = /^[@<]/.test(field.value) || field.value.indexOf(";") !== -1;
      lines.push((literal ? "--form-string " : "-F ") + quote(field.name + "=" + field.value));
    });
    return lines.join(" \\\n  ");
  }
  $("try-copy-curl").addEventListener("click", function () {
    var button = this;
    window.Painty.copyText($("try-curl").textContent).then(
      function () { window.Painty.flash(button, "Copied"); },
      function () { window.Painty.flash(button, "Select and copy"); }
    );
  });

  /* --- Progress -------------------------------------------------------------- */
  var progressBox = $("try-progress-box");
  var progress = $("try-progress");
  var elapsed = $("try-elapsed");
  var timer = null;
  var started = 0;
  var STEP_TEXT = { uploading: "Uploading…", queued: "Queued…", running: "Editing…", finishing: "Fetching the result…" };
  function seconds(ms) { return (ms / 1000).toFixed(1) + " s"; }
  function startProgress() {
    started = performance.now();
    progressBox.hidden = false;
    setStep("uploading");
    elapsed.textContent = "0.0 s";
    timer = setInterval(tick, 100);
  }
  function tick() {
    elapsed.textContent = seconds(performance.now() - started);
    // The result's place says the same, where the eye waits for the picture.
    $("try-result-empty").textContent = progress.textContent + " " + elapsed.textContent;
  }
  function setStep(step, job) {
    progress.textContent = (job ? "Job #" + job.jobId + " · " : "") + (STEP_TEXT[step] || step);
    tick();
  }
  function stopProgress() {
    clearInterval(timer);
    progressBox.hidden = true;
    progress.textContent = "";
  }

  /* --- Following the job ----------------------------------------------------- */
  var FINISHED = { succeeded: true, failed: true, expired: true };
  function streamEvents(jobUrl, onStatus) {
    // Resolves with the last job seen once it has finished; rejects when streaming isn't possible.
    return api(jobUrl + "/events", { headers: { "Accept": "text/event-stream" } }).then(function (response) {
      if (!response.ok || !response.body || !response.body.getReader) { throw new Error("no stream (" + response.status + ")"); }
      var reader = response.body.getReader();
      var decoder = new TextDecoder();
      var buffer = "";
      var last = null;
      function pump() {
        return reader.read().then(function (chunk) {
          if (chunk.done) {
            if (last && FINISHED[last.status]) { return last; }
            throw new Error("the stream ended early");
          }
          buffer += decoder.decode(chunk.value, { stream: true }).replace(/\r\n/g, "\n");
          var end;
          while ((end = buffer.indexOf("\n\n")) !== -1) {
            var block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            var event = "message", data = [];
            block.split("\n").forEach(function (line) {
              if (line.indexOf("event:") === 0) { event = line.slice(6).trim(); }
              if (line.indexOf("data:") === 0) { data.push(line.slice(5).replace(/^ /, "")); }
            });
            if (event === "status" && data.length) {
              last = JSON.parse(data.join("\n"));
              onStatus(last);
              if (FINISHED[last.status]) { reader.cancel(); return last; }
            }
          }
          return pump();
        });
      }
      return pump();
    });
  }
  function poll(jobUrl, onStatus) {
    return new Promise(function (resolve, reject) {
      var tries = 0;
      (function again() {
        api(jobUrl).then(readJson).then(function (answer) {
          if (answer.status !== 200) { reject(answer); return; }
          onStatus(answer.body.data);
          if (FINISHED[answer.body.data.status]) { resolve(answer.body.data); } else if (++tries < 600) { setTimeout(again, 1000); } else { reject(new Error("gave up")); }
        }).catch(function () { if (++tries < 600) { setTimeout(again, 2000); } else { reject(new Error("gave up")); } });
      })();
    });
  }
  function follow(jobUrl, job) {
    var onStatus = function (current) { setStep(current.status, current); };
    onStatus(job);
    if (FINISHED[job.status]) { return Promise.resolve(job); }
    return streamEvents(jobUrl, onStatus).catch(function () { return poll(jobUrl, onStatus); });
  }

  /* --- Showing the answer ---------------------------------------------------- */
  function button(label, href, download) {
    var link = document.createElement("a");
    link.className = "button small" + (download ? "" : " secondary");
    link.href = href;
    link.textContent = label;
    if (download) { link.setAttribute("download", download); } else { link.target = "_blank"; link.rel = "noopener"; }
    return link;
  }
  function fileName(url, index, job) {
    var path = url.split("?")[0];
    var extension = (path.match(/\.([a-z0-9]+)$/i) || [])[1] || "png";
    return "painty-job-" + job.jobId + (index ? "-" + (index + 1) : "") + "." + extension;
  }
  function showActions(job) {
    var actions = $("try-actions");
    actions.textContent = "";
    (job.resultUrls || []).forEach(function (url, index) {
      var many = job.resultUrls.length > 1;
      actions.appendChild(button("Download" + (many ? " " + (index + 1) : ""), url, fileName(url, index, job)));
      actions.appendChild(button("Open" + (many ? " " + (index + 1) : ""), url));
    });
    var copy = document.createElement("button");
    copy.type = "button";
    copy.className = "secondary small";
    copy.textContent = "Copy as curl";
    copy.addEventListener("click", function () { $("try-copy-curl").click(); window.Painty.flash(copy, "Copied"); });
    actions.appendChild(copy);
    actions.hidden = false;
  }
  function showError(status, code, message) {
    var error = $("try-error");
    error.hidden = false;
    error.textContent = "";
    var title = document.createElement("strong");
    title.textContent = (status || "Network error") + (code ? " · " + code : "");
    error.appendChild(title);
    error.appendChild(document.createTextNode(" " + (message || "The request did not complete.")));
  }
  function resetOutput(sent) {
    $("try-output").hidden = false;
    $("try-error").hidden = true;
    $("try-plan").hidden = true;
    $("try-actions").hidden = true;
    $("try-json").textContent = "Waiting for the job to finish…";
    $("try-time").textContent = "…";
    var pill = $("try-status");
    pill.textContent = "Sending";
    pill.className = "pill running";
    var result = $("try-result-img");
    result.hidden = true;
    result.removeAttribute("src");
    $("try-result-empty").hidden = false;
    $("try-result-empty").textContent = "Working on it…";
    $("try-curl").textContent = curlOf(sent);
  }
  function finishTime() { $("try-time").textContent = seconds(performance.now() - started); }
  function showRefused(answer) {
    // The request was refused before any job existed: the API's own status and message.
    var pill = $("try-status");
    pill.textContent = answer.status ? answer.status + " " + (STATUS_TEXT[answer.status] || "") : "No answer";
    pill.className = "pill failed";
    $("try-json").textContent = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body, null, 2);
    $("try-result-empty").textContent = "No result";
    var body = answer.body || {};
    showError(answer.status, body.error && body.error.code, body.error ? body.error.message : (typeof body === "string" && body) || "");
    if (answer.status && answer.status !== 401) { checkKey(); }
  }
  function showJob(answer) {
    // The job's final state, as GET /api/v1/jobs/{id} answered it.
    var job = answer.body.data;
    var pill = $("try-status");
    pill.textContent = job.status === "succeeded" ? "Succeeded" : job.status.charAt(0).toUpperCase() + job.status.slice(1);
    pill.className = "pill " + (job.status === "succeeded" ? "ok" : "failed");
    $("try-json").textContent = JSON.stringify(answer.body, null, 2);
    var credits = answer.headers.get("X-Credits-Remaining");
    if (credits !== null) { $("try-credits").textContent = credits; }
    showPlan(job);
    if (job.status === "succeeded" && job.resultUrls.length) {
      var result = $("try-result-img");
      result.src = job.resultUrls[0];
      result.hidden = false;
      $("try-result-empty").hidden = true;
      showActions(job);
      keyStatus.textContent = "";
    } else {
      $("try-result-empty").textContent = "No result";
      showError(job.status, job.error && job.error.code, job.error ? job.error.message + (job.creditsCharged ? "" : " Nothing was charged.") : "The job ended without a result.");
    }
  }

  /* --- Send ------------------------------------------------------------------ */
  var hint = $("try-hint");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    hint.textContent = "";
    state.key = keyInput.value.trim();
    if (!state.key) { keyStatus.className = "help bad"; keyStatus.textContent = "Paste an API key or use your test key first."; keyInput.focus(); return; }
    var imageUrl = $("try-image-url").value.trim();
    if (!state.file && !imageUrl) { hint.textContent = "Choose a photo first."; fileInput.focus(); return; }
    remember(state.key);
    var body = new FormData();
    var sent = { headers: [["Authorization", "Bearer " + masked(state.key)], ["Prefer", "respond-async"]], fields: [] };
    function add(name, value, file) {
      if (file) { body.append(name, file, file.name); sent.fields.push({ name: name, file: file.name }); } else { body.append(name, value); sent.fields.push({ name: name, value: value }); }
    }
    add("prompt", promptInput.value);
    if (imageUrl) { add("image_url", imageUrl); } else { add("image", null, state.file); }
    if ($("try-format").value !== "auto") { add("format", $("try-format").value); }
    ["background", "mask"].forEach(function (name) {
      var input = $("try-" + name);
      if (input.files.length) { add(name, null, input.files[0]); }
    });
    if ($("try-channels").value !== "rgba") { add("channels", $("try-channels").value); }
    if ($("try-n").value !== "1") { add("n", $("try-n").value); }
    var send = $("try-send");
    send.disabled = true;
    resetOutput(sent);
    startProgress();
    api("/api/v1/photo", { method: "POST", body: body, headers: { "Prefer": "respond-async" } })
      .then(readJson)
      .then(function (answer) {
        if (answer.status !== 202 && answer.status !== 200) { finishTime(); showRefused(answer); return null; }
        var job = answer.body.data;
        var jobUrl = answer.headers.get("Location") || "/api/v1/jobs/" + job.jobId;
        $("try-status").textContent = "202 Accepted";
        return follow(jobUrl, job).then(function () {
          setStep("finishing");
          return api(jobUrl).then(readJson);
        }).then(function (final) {
          finishTime();
          if (final.status !== 200) { showRefused(final); } else { showJob(final); }
        });
      })
      .catch(function (error) { finishTime(); showRefused({ status: 0, body: String(error && error.message || error) }); })
      .then(function () { send.disabled = false; stopProgress(); });
  });

  renderSnippets();
})();
