using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PushAuth.Oidc.Keys;

namespace PushAuth.Oidc.Hosting;

/// <summary>Refuses to start outside Development without configured keys, naming the missing setting the way the other
/// keys are named (deploy/RUNBOOK.md, "Keys").</summary>
public sealed class OidcOptionsValidator(IHostEnvironment environment) : IValidateOptions<OidcOptions>
{
    public ValidateOptionsResult Validate(string? name, OidcOptions options)
    {
        var errors = new List<string>();
        Check(errors, "SigningKeys", options.SigningKeys, o => OidcKeyRing.SigningKeys(o, options.ActiveSigningKeyId), "keyId:base64(PKCS#8 RSA ≥ 2048 bits)[;…]");
        Check(errors, "EncryptionKeys", options.EncryptionKeys, o => OidcKeyRing.EncryptionKeys(o, options.ActiveEncryptionKeyId), "keyId:base64(32 bytes)[;…]");
        if (options.AllowHttp && environment.IsProduction())
        {
            errors.Add("PushAuth:Oidc:AllowHttp is for loopback tests and development; in Production the provider is reached over https only.");
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

        void Check(List<string> list, string setting, string? value, Action<string> parse, string shape)
        {
            if (value is not { Length: > 0 })
            {
                if (!environment.IsDevelopment())
                {
                    list.Add($"PushAuth:Oidc:{setting} is required outside Development (an environment variable or a file of a mounted secret; see deploy/RUNBOOK.md, \"Keys\")");
                }
                return;
            }
            try
            {
                parse(value);
            }
            catch (Exception ex) when (ex is FormatException or CryptographicException or ArgumentException)
            {
                list.Add($"PushAuth:Oidc:{setting} is invalid ({ex.Message}); expected {shape}.");
            }
        }
    }
}
