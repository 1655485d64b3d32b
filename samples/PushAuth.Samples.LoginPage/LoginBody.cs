namespace PushAuth.Samples.LoginPage;

/// <summary>Body of <c>POST /api/login</c>.</summary>
public sealed record LoginBody(string? Username, string? Password);
