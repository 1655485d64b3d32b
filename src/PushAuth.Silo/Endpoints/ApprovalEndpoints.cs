namespace PushAuth.Silo.Endpoints;

/// <summary>Push-approval (challenge) endpoints for login services and devices.</summary>
internal static class ApprovalEndpoints
{
    public static void MapApprovalEndpoints(this IEndpointRouteBuilder app, SiloOptions options)
    {
    }
}
