namespace PushAuth.Abstractions;

/// <summary>What an API key may do. <see cref="Admin"/> is the Manage-MFA permission and includes everything a login service may do.</summary>
public enum ApiKeyRole
{
    LoginService,
    Admin,
}
