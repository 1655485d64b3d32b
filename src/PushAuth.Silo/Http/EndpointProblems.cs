using PushAuth.Abstractions;

namespace PushAuth.Silo.Http;

/// <summary>Endpoint metadata: the catalogue entries (<see cref="ProblemCodes"/>) an operation can refuse with beyond
/// the ones every operation of its kind gives (bad input, authentication), so the OpenAPI document lists each status
/// with its codes. The refusals are thrown deep in services and grains, where the document cannot see them.</summary>
public sealed class EndpointProblems(IReadOnlyList<ProblemCode> codes)
{
    public IReadOnlyList<ProblemCode> Codes { get; } = codes;
}

public static class EndpointProblemsExtensions
{
    /// <summary>Declares the problem codes the endpoint can answer with (see <see cref="EndpointProblems"/>).</summary>
    public static TBuilder Problems<TBuilder>(this TBuilder builder, params ProblemCode[] codes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new EndpointProblems(codes));
}
