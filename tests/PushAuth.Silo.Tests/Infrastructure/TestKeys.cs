namespace PushAuth.Silo.Tests.Infrastructure;

/// <summary>The keys test silos run with outside Development, as production does: from configuration, never from the
/// database. Fixed, so silos of one test (and a silo restarted on the same store, or a second process) agree.</summary>
public static class TestKeys
{
    public const string TotpKeys = "t1:NrOxcMHX+fyVSXlx+NjUUrBYEExn/jnaNEZUThx8EqI=";
    public const string SessionKey = "s1:HaWD1S4fsODTjoCCdeGh6vL2Lta8WBbLWAq9xfNaET4=";
    public const string BackupMasterKey = "pJkk3kl74GSbtRVsKTOY8Wjz0bUuEwyO+AAOzOfnOc8=";
    public const string HistoryChainKeys = "h1:SfFWOINJVqZ1JurcwhxO3ZQY3hRU/jGKhBw06ZTHjg8=";

    /// <summary>The OpenID Provider's ID-token signing key (RSA 2048, PKCS#8) and code/request encryption key.</summary>
    public const string OidcSigningKeys = "o1:MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQCY5+r8sBxFEu+TZgbA3mnx9oojcMc7uLXMBsfRZNJxUF9rGjd7RPKAnb+R762w+2HWUs7C3oOQQgw3nHqZqjEkJW5LxUj0iPMXqDM05MZ7+sRGsAZCab9Qj6z31OF1ji08ycfAX5/JOmH6KbeoTXDxNGAhGpJ09+6zW/FNQoIULuyHoh1VpQXgP58oiYn4js3EA7x0tGnyVd28tU7esbMHGbuNuimb1I5hpJwvf0Zp1GPhxXU0c9sNNSFpEStZeSMNc475EvM7j/1Z4W3G6ob++rxjHgcywRjUD72KAHgYC+9dQ9DeP3OJwU6LD1E5HTpTQ/+OLpqa6wgOGLTaTC+XAgMBAAECggEAEUpwjUCRAdKhWua3rsm360+40UcokH1TuY2uvOQM1BmFoMPnMD5cueSczDDxUEktCCJ3FRw6fm6pmQRN7OCNDAxbi5/0nwp5itxPZhTUySJTXbb8DjiNFNwacDAXisaYIP6kYwGtPQEoITTketi/A9erYzLxCt8alBe6ksUJlqSHBXQWKU9c5/tLEkrM/xDDf22y7CbbeVwstBNB8Xbor1Jt57Oc24dXcoH+UJAU5q5+/NJH2CcKVaf00T6h9qyfEHw4ASNZPIDHCY74IsedygR4+xpjYB8Tj+WxS9We69m5edod3ghU9crwooS1eGGzxfeEdcHw02MjdgNSAR/OMQKBgQDHNfFeL3bIKGGSKnPKnx60f84OBcbrE6+AMrRRUbV81i2V2LyuHpkAjlnYP//BFZVZbSlQpumFjEgIShLQVecXJ6IWCn2qK3ad9sYajUFnFpuk8kQFGOkunOf/rgtr5iTBf/R6SpyIowVCEeoAjIVMhbgUu0MmlL2rxadRZTGGOQKBgQDEfrsoUdM/KDrMK051HtxfUEIshXUgE1cn0NGhiYBedebALgveGvNBfW/WHuC1oPP9Yx8tRwHNYRE2yWoWthq1ZdNj0E+iHtk93ltYI5iX45hu9BpqMlp/0rqukqjI2pcHDXFWpADFlx2nNg0IGIAoZlI/9qh8/nmr+BF+8EHkTwKBgQCe/WVrBzSk4N2me204rLAj3NDGjkPJAEgUZ+NT94OCY6m0K2vDB7aTJAl+tu1W2/P7kEzmCqDbri8bNos3bSfnagFJ2AudUdz0i6xmKpClRvzns1coPk50nlPm0rBY6DAzovyq0XuG7ZzXs1ZwI7aLcTmOijo4w4NxYWl9Y+cXuQKBgQCdP4pJnwn+ThSX1cRo6DSVtmXuuTLdY3zpKSzKKH7pmVL70x2+NjUb4OWCJp3P3KnFyvBlTKD9mkOrY46Z9Ev1hTKhe1BvPl6+K1dQdtQkIYiYqpMFD5zrFFo/YLDgZEZe53wfSQoxFlktuoy9QNY2/oOuGpgFx6TZYaGmw2EH8wKBgHQ6kzmGeLaAtDg4dxqxv7zes3z6P9SX/u7EYeYAHlhgLalcyYaoxgYedShRrJVFbz6Alt6QRBmi9ENWzOreHedPagbioZ72ztGH9TU0xZ/FpJKh618GcsYqIBw2p9bpU6jogZA4q4OwL0BwMlMuXHhN7orkQYhImHbCIaC8z6Kw";
    public const string OidcEncryptionKeys = "e1:gPw5eHWD0w8E1c1zUP5QX1GrhGLMt1hjW+afc6EXexk=";

    /// <summary>Every key setting with its test value.</summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["PushAuth:Security:TotpKeys"] = TotpKeys,
        ["PushAuth:Security:SessionKey"] = SessionKey,
        ["PushAuth:Backup:MasterKey"] = BackupMasterKey,
        ["PushAuth:History:ChainKeys"] = HistoryChainKeys,
        ["PushAuth:Oidc:SigningKeys"] = OidcSigningKeys,
        ["PushAuth:Oidc:EncryptionKeys"] = OidcEncryptionKeys,
    };

    /// <summary>Test silos listen on plain http: the OpenID Provider may too, but only where its validator allows it
    /// outside Development, on a loopback public URL (a test that sets another public URL gets https-only OIDC).</summary>
    public static KeyValuePair<string, string> OidcHttpFor(string publicUrl) =>
        KeyValuePair.Create("PushAuth:Oidc:AllowHttp", Uri.TryCreate(publicUrl, UriKind.Absolute, out var url) && url.IsLoopback ? "true" : "false");

    /// <summary>Where the history checkpoints of silos on one store go: one directory per store, so silos sharing a
    /// database (or restarted on it) share their checkpoints, as a mounted volume does in a deployment.</summary>
    public static string CheckpointDirectory(string storeIdentity) =>
        Path.Combine(Path.GetTempPath(), "pushauth-checkpoints-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(storeIdentity)))[..16]);

    /// <summary>The same as command-line arguments, for commands that build their own silo (bootstrap-tenant, verify-history).</summary>
    public static string[] Arguments => ArgumentsFor(Guid.NewGuid().ToString("N"));

    /// <summary>The arguments with the checkpoint directory of silos on <paramref name="storeIdentity"/> (a data directory).</summary>
    public static string[] ArgumentsFor(string storeIdentity) =>
        [.. Settings.Select(s => $"--{s.Key}={s.Value}"), "--PushAuth:Silo:PublicUrl=https://login.example.com", $"--PushAuth:History:CheckpointDirectory={CheckpointDirectory(storeIdentity)}"];
}
