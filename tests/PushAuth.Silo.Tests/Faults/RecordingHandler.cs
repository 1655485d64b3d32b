using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace PushAuth.Silo.Tests.Faults;

/// <summary>Counts every response a fault test's clients get, and keeps each server error with its problem code and Retry-After.</summary>
internal sealed class RecordingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    public ConcurrentQueue<ServerError> ServerErrors { get; } = new();

    public ConcurrentDictionary<int, int> StatusCounts { get; } = new();

    /// <summary>A client on <paramref name="baseAddress"/> whose responses this handler records (it owns no handler of its own).</summary>
    public HttpClient ClientFor(Uri baseAddress, string? bearer = null)
    {
        var client = new HttpClient(this, disposeHandler: false) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }
        return client;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        var response = await base.SendAsync(request, cancellationToken);
        StatusCounts.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
        if ((int)response.StatusCode >= 500)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            string? code = null;
            try
            {
                code = JsonDocument.Parse(body).RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
            }
            catch (JsonException)
            {
            }
            ServerErrors.Enqueue(new ServerError(request.Method + " " + request.RequestUri!.AbsolutePath, response.StatusCode,
                response.Content.Headers.ContentType?.MediaType, code, response.Headers.RetryAfter?.Delta, DateTime.UtcNow - started, body));
        }
        return response;
    }
}

/// <summary>One 5xx answer seen by a fault test.</summary>
internal sealed record ServerError(string Request, HttpStatusCode Status, string? MediaType, string? Code, TimeSpan? RetryAfter, TimeSpan Took, string Body);
