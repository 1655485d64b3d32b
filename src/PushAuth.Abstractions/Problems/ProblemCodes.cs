using System.Reflection;

namespace PushAuth.Abstractions;

/// <summary>
/// The catalogue of problem codes: every refusal the service gives, grouped by area, each with its class of refusal
/// (<see cref="ErrorKind"/>, which the silo maps to an HTTP status in one place) and a title. Endpoints, application
/// services, grains and domain rules refuse with these entries only, and the silo publishes the catalogue in its OpenAPI
/// document (<c>x-problem-codes</c>). Codes are API: never rename or reuse one.
/// </summary>
public static partial class ProblemCodes
{
    private static readonly Lazy<IReadOnlyList<ProblemCode>> AllCodes = new(() => Collect<ProblemCode>());
    private static readonly Lazy<IReadOnlyList<ProblemCodeFamily>> AllFamilies = new(() => Collect<ProblemCodeFamily>());

    /// <summary>Every fixed code of the catalogue, area by area.</summary>
    public static IReadOnlyList<ProblemCode> All => AllCodes.Value;

    /// <summary>Every family of per-field codes (<c>{field}.invalid</c>, …).</summary>
    public static IReadOnlyList<ProblemCodeFamily> Families => AllFamilies.Value;

    private static List<T> Collect<T>() =>
    [
        .. typeof(ProblemCodes).GetNestedTypes(BindingFlags.Public)
            .SelectMany(area => area.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.FieldType == typeof(T))
            .Select(f => (T)f.GetValue(null)!),
    ];
}
