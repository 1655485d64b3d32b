// The hosted prompt: pair by phrase when the user has no usable method, else push (number shown) or a code; then the
// outcome, and back to the client through the authorization endpoint (the "complete" form).
(() => {
  "use strict";
  const main = document.getElementById("prompt");
  const api = main.dataset.api;
  const message = document.getElementById("message");
  const sections = ["pair", "pairing", "push", "start", "code", "outcome"];
  let waiting = 0;

  function show(id) {
    for (const s of sections) document.getElementById(s).hidden = s !== id;
    document.getElementById("use-code").hidden = id === "code" || id === "pair" || id === "pairing" || main.dataset.status === "FraudReported";
    document.getElementById("use-push").hidden = id !== "code" || main.dataset.mode === "enroll" || main.dataset.status === "FraudReported";
    const heading = document.querySelector(`#${id} h2`);
    if (heading) heading.focus();
  }

  function say(text) { message.textContent = text || ""; }

  async function call(path, method, body) {
    const response = await fetch(api + path, {
      method, headers: body ? { "Content-Type": "application/json" } : {}, body: body ? JSON.stringify(body) : undefined, credentials: "same-origin",
    });
    const json = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(json.detail || json.title || "Something went wrong. Try again.");
    return json;
  }

  function complete() { document.getElementById("complete").submit(); }

  function render(state) {
    main.dataset.status = state.status;
    switch (state.status) {
      case "Approved": say(""); complete(); return;
      case "Pending":
        document.getElementById("number").textContent = state.numberMatch || "";
        document.getElementById("number-intro").textContent = state.numberMatch
          ? "We sent a request to your authenticator. Type this number in the app:" : "We sent a request to your authenticator. Approve it there.";
        show("push"); wait(); return;
      case "Denied": case "Expired": case "FraudReported":
        document.getElementById("outcome-title").textContent = state.status === "FraudReported" ? "Reported as not you" : "Not verified";
        document.getElementById("outcome-detail").textContent = state.detail || "";
        show("outcome");
        if (state.status !== "FraudReported") document.getElementById("use-push").hidden = false;
        return;
      default: show(main.dataset.mode === "enroll" ? "pair" : main.dataset.mode === "push" ? "start" : "code");
    }
  }

  async function wait() {
    const mine = ++waiting;
    try {
      const state = await call("/wait", "GET");
      if (mine === waiting && main.dataset.status === "Pending") render(state);
    } catch (e) { if (mine === waiting) { say(e.message); setTimeout(wait, 2000); } }
  }

  async function push() {
    say("");
    try { render(await call("/push", "POST")); } catch (e) { say(e.message); show("code"); }
  }

  document.getElementById("send-push").addEventListener("click", push);
  document.getElementById("use-push").addEventListener("click", push);
  document.getElementById("use-code").addEventListener("click", () => { waiting++; say(""); show("code"); });
  document.getElementById("code-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const input = document.getElementById("code-input");
    try {
      const state = await call("/code", "POST", { code: input.value.replace(/\s/g, "") });
      if (state.status === "Approved") render(state);
      else { say(state.detail || "That code is not right."); input.focus(); }
    } catch (err) { say(err.message); input.focus(); }
  });
  document.getElementById("pair-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      const pairing = await call("/pairing", "POST", { phrase: document.getElementById("phrase").value });
      show("pairing");
      for (;;) {
        const view = await call(`/pairing/${encodeURIComponent(pairing.pairingId)}`, "GET");
        if (view.status === "Accepted") { main.dataset.mode = "push"; say(""); await push(); return; }
        if (view.status !== "AwaitingClaim" && view.status !== "AwaitingDevice") { say("The pairing was not accepted. Try again."); show("pair"); return; }
      }
    } catch (err) { say(err.message); show("pair"); }
  });

  const initial = main.dataset.status;
  if (initial === "Pending") render({ status: "Pending", numberMatch: main.dataset.number });
  else if (initial === "Approved") complete();
  else if (initial === "Denied" || initial === "Expired" || initial === "FraudReported") render({ status: initial });
  else if (main.dataset.mode === "push") push();
  else render({ status: initial });
})();
