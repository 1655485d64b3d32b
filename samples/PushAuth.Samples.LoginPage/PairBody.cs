namespace PushAuth.Samples.LoginPage;

/// <summary>Body of <c>POST /api/pair</c>: the phrase the app shows.</summary>
public sealed record PairBody(string? Phrase);
