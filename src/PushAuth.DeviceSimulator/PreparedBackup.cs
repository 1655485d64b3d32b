namespace PushAuth.DeviceSimulator;

/// <summary>A backup made on the device, ready to upload: everything base64url; the server can open only the enrollment,
/// and only with its master key.</summary>
public sealed record PreparedBackup(string Salt, KdfSetting Kdf, string Enrollment, string Blob, int AccountCount);
