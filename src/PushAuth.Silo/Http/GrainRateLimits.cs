namespace PushAuth.Silo.Http;

/// <summary>
/// Opts a route into telling the limits a grain checks: a 429 whose <see cref="PushAuthException.RateLimit"/> names
/// the refused limit is reported (<see cref="RateLimitReport"/>) before it reaches the exception handler, so
/// <see cref="RateLimitHeaders"/> writes it beside Retry-After. Opt-in per route, because the same grain refusal also
/// reaches routes whose caller must not learn the limit (the OIDC prompt's unauthenticated browser).
/// </summary>
internal static class GrainRateLimits
{
    public static TBuilder ReportsGrainRateLimits<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (PushAuthException refused) when (refused.RateLimit is { } limit)
            {
                RateLimitReport.Add(limit);
                throw;
            }
        });
        return builder;
    }
}
