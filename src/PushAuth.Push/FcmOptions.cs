namespace PushAuth.Push;

/// <summary>Configuration of the FCM HTTP v1 sender (configuration section "Push:Fcm").</summary>
public sealed class FcmOptions
{
    /// <summary>The Firebase project id used in projects/{id}/messages:send.</summary>
    public string ProjectId { get; set; } = "";

    /// <summary>The service-account key file's JSON content. Either this or <see cref="ServiceAccountKeyFile"/>.</summary>
    public string? ServiceAccountJson { get; set; }

    /// <summary>Path of the service-account key file. Either this or <see cref="ServiceAccountJson"/>.</summary>
    public string? ServiceAccountKeyFile { get; set; }

    /// <summary>
    /// FCM's base address. An https address negotiates HTTP/2 (falling back to HTTP/1.1); an http address
    /// (a local fake) uses HTTP/2 with prior knowledge.
    /// </summary>
    public Uri BaseAddress { get; set; } = new("https://fcm.googleapis.com/");

    /// <summary>Deadline of one HTTP request.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Returns the service-account JSON, reading the key file when configured that way.</summary>
    public string LoadServiceAccountJson() =>
        !string.IsNullOrWhiteSpace(ServiceAccountJson)
            ? ServiceAccountJson
            : File.ReadAllText(ServiceAccountKeyFile ?? throw new InvalidOperationException("No FCM service account configured."));
}
