namespace PushAuth.Client.Devices;

/// <summary>A pairing phrase the app shows; the user types it on the login page, whose service claims it.</summary>
/// <param name="PairingId">The pairing to follow (<see cref="DeviceClient.WaitForPairingRequestAsync"/>) and confirm.</param>
/// <param name="Phrase">The words to show.</param>
public sealed record DevicePairingPhrase(string PairingId, string Phrase);
