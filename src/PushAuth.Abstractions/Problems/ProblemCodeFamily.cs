namespace PushAuth.Abstractions;

/// <summary>A family of codes built from one pattern (<c>{field}.invalid</c>, <c>http.{status}</c>): the field validators
/// and the body binder name the field at fault, so the code is made per field from the pattern.</summary>
/// <param name="Pattern">The code with one <c>{placeholder}</c>, e.g. <c>{field}.invalid</c>.</param>
public sealed record ProblemCodeFamily(string Pattern, ErrorKind Kind, string Title)
{
    /// <summary>This family's code for <paramref name="value"/> (e.g. <c>userId.invalid</c> for <c>userId</c>).</summary>
    public ProblemCode For(string value)
    {
        var start = Pattern.IndexOf('{', StringComparison.Ordinal);
        var end = Pattern.IndexOf('}', start + 1);
        return new ProblemCode(string.Concat(Pattern.AsSpan(0, start), value, Pattern.AsSpan(end + 1)), Kind, Title);
    }
}
