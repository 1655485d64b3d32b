using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PushAuth.Oidc.Keys;

namespace PushAuth.Oidc.Hosting;

/// <summary>Refuses to start outside Development without configured keys, naming the missing setting the way the other
/// keys are named (deploy/RUNBOOK.md, "Keys").</summary>
public sealed class OidcOptionsValidator(IHostEnvironment environment, IConfiguration configuration) : IValidateOptions<OidcOptions>
{
    public ValidateOptionsResult Validate(string? name, OidcOptions options)
    {
        var errors = new List<string>();
        RequireKey(errors, "PushAuth:Oidc:SigningKeys", options.SigningKeys, o => OidcKeyRing.SigningKeys(o, options.ActiveSigningKeyId), "keyId:base64(PKCS#8 RSA ≥ 2048 bits)[;…]");
        RequireKey(errors, "PushAuth:Oidc:EncryptionKeys", options.EncryptionKeys, o => OidcKeyRing.EncryptionKeys(o, options.ActiveEncryptionKeyId), "keyId:base64(32 bytes)[;…]");
        // Plain http only where nothing leaves the machine: Development, or a silo whose public URL is a loopback address
        // (tests and benchmarks run production's rules that way).
        if (options.AllowHttp && !environment.IsDevelopment()
            && !(Uri.TryCreate(configuration["PushAuth:Silo:PublicUrl"], UriKind.Absolute, out var publicUrl) && publicUrl.IsLoopback))
        {
            errors.Add("PushAuth:Oidc:AllowHttp is for development and loopback tests only: outside Development it needs PushAuth:Silo:PublicUrl on a loopback address.");
        }
        if (options.CodeLifetime < TimeSpan.FromSeconds(10) || options.CodeLifetime > TimeSpan.FromMinutes(10))
        {
            errors.Add("PushAuth:Oidc:CodeLifetime must be 10 s..10 min.");
        }
        if (options.PromptLifetime < TimeSpan.FromMinutes(1) || options.PromptLifetime > TimeSpan.FromMinutes(30))
        {
            errors.Add("PushAuth:Oidc:PromptLifetime must be 1..30 min.");
        }
        if (options.TokenLifetime < TimeSpan.FromMinutes(1) || options.TokenLifetime > TimeSpan.FromHours(1))
        {
            errors.Add("PushAuth:Oidc:TokenLifetime must be 1 min..1 h.");
        }
        if (options.CibaInterval < TimeSpan.FromSeconds(1) || options.CibaInterval > TimeSpan.FromSeconds(60))
        {
            errors.Add("PushAuth:Oidc:CibaInterval must be 1..60 s.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);

        // The setting's full name is written at the call: the deploy tests read the required keys from these calls.
        void RequireKey(List<string> list, string setting, string? value, Action<string> parse, string shape)
        {
            if (value is not { Length: > 0 })
            {
                if (!environment.IsDevelopment())
                {
                    list.Add($"{setting} is required outside Development (an environment variable or a file of a mounted secret; see deploy/RUNBOOK.md, \"Keys\")");
                }
                return;
            }
            try
            {
                parse(value);
            }
            catch (Exception ex) when (ex is FormatException or CryptographicException or ArgumentException)
            {
                list.Add($"{setting} is invalid ({ex.Message}); expected {shape}.");
            }
        }
    }
}
