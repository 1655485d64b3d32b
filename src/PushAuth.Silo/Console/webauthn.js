// WebAuthn for the console: the server's options travel as JSON with base64url strings, the browser API wants
// ArrayBuffers, and the answers go back as JSON again.

function fromB64u(text) {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)).buffer;
}

function toB64u(buffer) {
  let text = '';
  for (const b of new Uint8Array(buffer)) { text += String.fromCharCode(b); }
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function creationOptions(o) {
  return {
    ...o, challenge: fromB64u(o.challenge), user: { ...o.user, id: fromB64u(o.user.id) },
    excludeCredentials: (o.excludeCredentials || []).map((c) => ({ ...c, id: fromB64u(c.id) })),
  };
}

function requestOptions(o) {
  return { ...o, challenge: fromB64u(o.challenge), allowCredentials: (o.allowCredentials || []).map((c) => ({ ...c, id: fromB64u(c.id) })) };
}

function credentialJson(c) {
  const r = c.response;
  const response = r.attestationObject
    ? { attestationObject: toB64u(r.attestationObject), clientDataJSON: toB64u(r.clientDataJSON), transports: r.getTransports ? r.getTransports() : [] }
    : {
      authenticatorData: toB64u(r.authenticatorData), clientDataJSON: toB64u(r.clientDataJSON), signature: toB64u(r.signature),
      userHandle: r.userHandle ? toB64u(r.userHandle) : null,
    };
  return { id: c.id, rawId: toB64u(c.rawId), type: c.type, response, clientExtensionResults: c.getClientExtensionResults() };
}

/** Creates a passkey from the server's creation options; the credential as JSON. */
export async function createPasskey(publicKey) {
  return credentialJson(await navigator.credentials.create({ publicKey: creationOptions(publicKey) }));
}

/** Asserts with a passkey from the server's request options; the assertion as JSON. */
export async function getPasskey(publicKey) {
  return credentialJson(await navigator.credentials.get({ publicKey: requestOptions(publicKey) }));
}

/** A message for a failed ceremony: the browser's refusal in plain words, or the server's. */
export function passkeyMessage(error) {
  if (error && error.name === 'NotAllowedError') { return 'The passkey prompt was cancelled or timed out.'; }
  if (error && error.name === 'InvalidStateError') { return 'This authenticator already holds a passkey for you.'; }
  return error && error.message ? error.message : 'Something went wrong.';
}
