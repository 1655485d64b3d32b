namespace PushAuth.Abstractions;

/// <summary>A device asks to verify a contact. <paramref name="Address"/> is normalized and used only to send; the
/// grain keeps <paramref name="MaskedAddress"/>.</summary>
/// <param name="Channel"><c>email</c> or <c>sms</c>.</param>
/// <param name="LinkBase">The public base URL the app link is built on.</param>
[GenerateSerializer, Immutable, Alias("pa.ContactVerificationRequest")]
public sealed record ContactVerificationRequest(string Channel, string Address, string MaskedAddress, string DeviceId, string LinkBase);
