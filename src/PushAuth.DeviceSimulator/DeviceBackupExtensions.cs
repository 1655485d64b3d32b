using System.Buffers.Text;
using System.Net.Http.Json;
using System.Security.Cryptography;
using PushAuth.Client.Devices;
using PushAuth.Security.Backup;

namespace PushAuth.DeviceSimulator;

/// <summary>
/// The device side of backup and restore, done for real: Argon2id over the passcode, the enrollment and the unlock proof
/// sealed to the server's backup key, the blob encrypted under a key that needs both the passcode and the server's
/// secret. The passcode and the keys derived from it never leave this class in a form the server or anyone on the way
/// could test. Extensions of the package's <see cref="DeviceClient"/>: the backup protocol needs libsodium (NSec), which the
/// PushAuth.Client package does not carry.
/// </summary>
public static class DeviceBackupExtensions
{
    extension(DeviceClient)
    {
        /// <summary>The body of <c>POST /v1/device/backups</c>.</summary>
        public static object CreateBody(string verificationId, PreparedBackup p, bool replaceExisting = false) =>
            new { verificationId, p.Salt, p.Kdf, p.Enrollment, p.Blob, p.AccountCount, replaceExisting };
    }

    extension(DeviceClient device)
    {
        public async Task<BackupParameters> GetBackupParametersAsync(CancellationToken cancellationToken = default)
        {
            using var response = await device.SendAsync(HttpMethod.Get, "/v1/device/backup-parameters", cancellationToken: cancellationToken);
            return await DeviceClient.ReadAsync<BackupParameters>(response, cancellationToken);
        }

        /// <summary>Encrypts <paramref name="plaintext"/> for a backup under <paramref name="passcode"/> (slow: Argon2id).</summary>
        /// <exception cref="ArgumentException">The passcode is too short or not digits (<c>passcode.too-short</c>, <c>passcode.invalid</c>).</exception>
        public async Task<PreparedBackup> PrepareBackupAsync(string passcode, byte[] plaintext, int accountCount, KdfParameters? kdf = null, CancellationToken cancellationToken = default)
        {
            PasscodeRules.ThrowIfInvalid(passcode);
            var parameters = await device.GetBackupParametersAsync(cancellationToken);
            var chosen = kdf ?? parameters.Kdf.ToParameters();
            var salt = PasscodeKeys.NewSalt();
            var saltText = Base64Url.EncodeToString(salt);
            var secret = RandomNumberGenerator.GetBytes(PasscodeKeys.KeySize);
            try
            {
                using var keys = PasscodeKeys.Derive(passcode, salt, chosen);
                var enrollment = BackupSeal.Seal(Base64Url.DecodeFromChars(parameters.ServerKey), BackupContexts.Enroll(device.DeviceId!, saltText), [.. keys.AuthKey, .. secret], out var unused);
                CryptographicOperations.ZeroMemory(unused);
                var blob = BackupBlobCipher.Encrypt(keys.BlobKeyShare, secret, salt, plaintext);
                return new PreparedBackup(saltText, KdfSetting.From(chosen), Base64Url.EncodeToString(enrollment), Base64Url.EncodeToString(blob), accountCount);
            }
            finally
            {
                // The device keeps neither the secret nor the passcode keys: a backup is opened only by proving the passcode again.
                CryptographicOperations.ZeroMemory(secret);
            }
        }

        /// <summary>Backs up to a verified contact.</summary>
        public async Task<BackupInfo> CreateBackupAsync(string verificationId, string passcode, byte[] plaintext, int accountCount, bool replaceExisting = false,
            CancellationToken cancellationToken = default)
        {
            var prepared = await device.PrepareBackupAsync(passcode, plaintext, accountCount, cancellationToken: cancellationToken);
            using var response = await device.SendAsync(HttpMethod.Post, "/v1/device/backups", DeviceClient.CreateBody(verificationId, prepared, replaceExisting), cancellationToken);
            return await DeviceClient.ReadAsync<BackupInfo>(response, cancellationToken);
        }

        /// <summary>Replaces the backup's contents (a signed request); <paramref name="passcodeChange"/> records it as a passcode change.</summary>
        public async Task<BackupInfo> ReplaceBackupAsync(string backupId, string passcode, byte[] plaintext, int accountCount, bool passcodeChange, CancellationToken cancellationToken = default)
        {
            var prepared = await device.PrepareBackupAsync(passcode, plaintext, accountCount, cancellationToken: cancellationToken);
            using var response = await device.SendSignedAsync(HttpMethod.Put, $"/v1/device/backups/{backupId}{(passcodeChange ? "/passcode" : "")}",
                new { prepared.Salt, prepared.Kdf, prepared.Enrollment, prepared.Blob, prepared.AccountCount }, cancellationToken: cancellationToken);
            return await DeviceClient.ReadAsync<BackupInfo>(response, cancellationToken);
        }

        public async Task<BackupInfo> GetBackupAsync(string backupId, CancellationToken cancellationToken = default)
        {
            using var response = await device.SendAsync(HttpMethod.Get, $"/v1/device/backups/{backupId}", cancellationToken: cancellationToken);
            return await DeviceClient.ReadAsync<BackupInfo>(response, cancellationToken);
        }

        public async Task DeleteBackupAsync(string backupId, CancellationToken cancellationToken = default)
        {
            using var response = await device.SendSignedAsync(HttpMethod.Delete, $"/v1/device/backups/{backupId}", cancellationToken: cancellationToken);
            await DeviceClient.EnsureSuccessAsync(response, cancellationToken);
        }

        /// <summary>Moves the backup to a newly verified contact (a signed request); returns it under its new id.</summary>
        public async Task<BackupInfo> ChangeBackupContactAsync(string backupId, string verificationId, CancellationToken cancellationToken = default)
        {
            using var response = await device.SendSignedAsync(HttpMethod.Put, $"/v1/device/backups/{backupId}/contact", new { verificationId }, cancellationToken: cancellationToken);
            return await DeviceClient.ReadAsync<BackupInfo>(response, cancellationToken);
        }

        /// <summary>Step one of a restore: the backup's salt and parameters for a verified contact.</summary>
        public async Task<RestoreStart> BeginRestoreAsync(string verificationId, CancellationToken cancellationToken = default)
        {
            using var response = await device.SendAsync(HttpMethod.Post, "/v1/device/restores", new { verificationId }, cancellationToken);
            return await DeviceClient.ReadAsync<RestoreStart>(response, cancellationToken);
        }

        /// <summary>Step two: proves <paramref name="passcode"/> (Argon2id, sealed) and opens the backup. The raw answer
        /// comes back on failure, so callers see the problem (wrong passcode, locked, destroyed).</summary>
        public async Task<(RestoredBackup? Backup, HttpResponseMessage Response)> UnlockAsync(RestoreStart start, string verificationId, string passcode, CancellationToken cancellationToken = default)
        {
            PasscodeRules.ThrowIfInvalid(passcode);
            var salt = Base64Url.DecodeFromChars(start.Salt);
            using var keys = PasscodeKeys.Derive(passcode, salt, start.Kdf.ToParameters());
            var context = BackupContexts.Unlock(device.DeviceId!, start.BackupId, verificationId, start.Salt);
            var proof = BackupSeal.Seal(Base64Url.DecodeFromChars(start.ServerKey), context, keys.AuthKey, out var responseKey);
            try
            {
                var response = await device.SendAsync(HttpMethod.Post, $"/v1/device/restores/{start.BackupId}/unlock", new { verificationId, proof = Base64Url.EncodeToString(proof) }, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    return (null, response);
                }
                var answer = (await response.Content.ReadFromJsonAsync<UnlockAnswer>(DeviceClient.Json, cancellationToken))!;
                var secret = BackupSeal.OpenResponse(responseKey, context, Base64Url.DecodeFromChars(answer.SealedSecret))
                    ?? throw new InvalidOperationException("The server's answer is not sealed to this request.");
                try
                {
                    var plaintext = BackupBlobCipher.Decrypt(keys.BlobKeyShare, secret, salt, Base64Url.DecodeFromChars(answer.Blob))
                        ?? throw new InvalidOperationException("The backup does not decrypt with this passcode and the server's secret.");
                    return (new RestoredBackup(answer.BackupId, plaintext, answer.AccountCount, answer.PushAccounts), response);
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(secret);
                }
            }
            finally
            {
                CryptographicOperations.ZeroMemory(responseKey);
            }
        }

        /// <summary>Both steps; throws <see cref="PushAuth.Client.PushAuthApiException"/> with the problem on refusal.</summary>
        public async Task<RestoredBackup> RestoreAsync(string verificationId, string passcode, CancellationToken cancellationToken = default)
        {
            var start = await device.BeginRestoreAsync(verificationId, cancellationToken);
            var (backup, response) = await device.UnlockAsync(start, verificationId, passcode, cancellationToken);
            using (response)
            {
                await DeviceClient.EnsureSuccessAsync(response, cancellationToken);
            }
            return backup!;
        }
    }
}
