using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace PushAuth.Silo.Endpoints.Admin;

/// <summary>Body of <c>POST /console/api/setup</c> and <c>POST /console/api/me/passkeys</c>: the
/// <c>PublicKeyCredential</c> of <c>navigator.credentials.create()</c> as JSON, and a name for the passkey.</summary>
public sealed record PasskeyRegistrationBody([property: Required] JsonElement? Credential, string? PasskeyName = null);
