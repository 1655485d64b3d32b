using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace PushAuth.Silo.Endpoints.Admin;

/// <summary>Body of the console's passkey answers (<c>sign-in</c>, <c>step-up</c>): the <c>PublicKeyCredential</c> of
/// <c>navigator.credentials.get()</c> as JSON (id, rawId, type, response with base64url fields, clientExtensionResults).</summary>
public sealed record PasskeyAssertionBody([property: Required] JsonElement? Credential);
