// A relying party we did not write: openid-client 6.8.9 against a tenant's issuer. Run by OpenIdClientTests with
// ISSUER, CLIENT_ID, CLIENT_SECRET and REDIRECT_URI; the test's simulated phones approve alice, deny dave and never
// answer erin. The "browser" here reads the hosted prompt page and calls what its script calls.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as client from "openid-client";

const { ISSUER, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI } = process.env;
const config = await client.discovery(new URL(ISSUER), CLIENT_ID, CLIENT_SECRET, undefined, { execute: [client.allowInsecureRequests] });

test("discovery advertises PAR, PKCE S256 and CIBA poll", () => {
  const m = config.serverMetadata();
  assert.equal(m.issuer, ISSUER);
  assert.equal(m.require_pushed_authorization_requests, true);
  assert.ok(m.code_challenge_methods_supported.includes("S256"));
  assert.ok(m.grant_types_supported.includes("urn:openid:params:grant-type:ciba"));
  assert.deepEqual(m.backchannel_token_delivery_modes_supported, ["poll"]);
});

async function signIn(user) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = await client.buildAuthorizationUrlWithPAR(config, {
    redirect_uri: REDIRECT_URI, scope: "openid", login_hint: user, state, nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: "S256",
  });
  assert.ok(url.searchParams.get("request_uri").startsWith("urn:ietf:params:oauth:request_uri:"));
  assert.equal(url.searchParams.get("login_hint"), null, "the user travels in the pushed request, not in the browser's URL");
  const page = await (await fetch(url)).text();
  const api = /data-api="([^"]+)"/.exec(page)[1];
  const origin = new URL(ISSUER).origin;
  let state_ = await (await fetch(origin + api + "/push", { method: "POST" })).json();
  while (state_.status === "Pending") state_ = await (await fetch(origin + api + "/wait")).json();
  const done = await fetch(new URL(ISSUER + "/authorize"), {
    method: "POST", redirect: "manual",
    body: new URLSearchParams({ client_id: CLIENT_ID, request_uri: url.searchParams.get("request_uri"), action: "complete" }),
  });
  assert.equal(done.status, 302);
  return { callback: new URL(done.headers.get("location")), verifier, state, nonce };
}

test("code flow with PKCE and PAR: a validated ID token whose amr says a signed push with number matching", async () => {
  const { callback, verifier, state, nonce } = await signIn("alice");
  const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
  const claims = tokens.claims();
  assert.equal(claims.sub, "alice");
  assert.equal(claims.iss, ISSUER);
  assert.deepEqual(claims.amr, ["mfa", "swk", "user"]);
  assert.equal(claims.acr, "urn:pushauth:acr:push-number-match");
  assert.equal(typeof claims.auth_time, "number");
  assert.match(claims.challenge_id, /^ch_/);
  await assert.rejects(client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce }),
    (e) => e.error === "invalid_grant", "a code is used once");
});

test("code flow denied on the phone: access_denied back at the redirect URI", async () => {
  const { callback, verifier, state } = await signIn("dave");
  assert.equal(callback.searchParams.get("error"), "access_denied");
  await assert.rejects(client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state }),
    (e) => e.error === "access_denied");
});

test("CIBA poll mode: approved with the binding message on the phone", async () => {
  const started = await client.initiateBackchannelAuthentication(config, { scope: "openid", login_hint: "alice", binding_message: "Order 7 (PushAuth test)" });
  assert.ok(started.auth_req_id && started.expires_in > 0 && started.interval >= 1);
  const tokens = await client.pollBackchannelAuthenticationGrant(config, started);
  const claims = tokens.claims();
  assert.equal(claims.sub, "alice");
  assert.deepEqual(claims.amr, ["mfa", "swk", "user"]);
});

test("CIBA poll mode: denied", async () => {
  const started = await client.initiateBackchannelAuthentication(config, { scope: "openid", login_hint: "dave" });
  await assert.rejects(client.pollBackchannelAuthenticationGrant(config, started), (e) => e.error === "access_denied");
});

test("CIBA poll mode: expired", async () => {
  const started = await client.initiateBackchannelAuthentication(config, { scope: "openid", login_hint: "erin", requested_expiry: "10" });
  assert.ok(started.expires_in <= 10);
  // openid-client stops by itself when expires_in has passed; told a longer life, it keeps polling and hears the server say so.
  await assert.rejects(client.pollBackchannelAuthenticationGrant(config, { ...started, expires_in: 60 }), (e) => e.error === "expired_token");
});
