using Microsoft.Extensions.Options;

namespace PushAuth.Silo;

/// <summary>Turns a configuration that refused the start into one line naming every bad or missing setting, instead of a
/// stack trace an operator has to read through.</summary>
public static class StartupFailure
{
    /// <summary>The one-line message, or null when <paramref name="exception"/> is not a configuration failure.</summary>
    public static string? Describe(Exception exception)
    {
        var failures = new List<string>();
        foreach (var e in Flatten(exception))
        {
            if (e is OptionsValidationException validation)
            {
                failures.AddRange(validation.Failures);
            }
            else if (e is DirectoryNotFoundException or FileNotFoundException && e.Message.Contains("SecretsDirectory", StringComparison.Ordinal))
            {
                failures.Add(e.Message);
            }
        }
        return failures.Count == 0 ? null : "error: the silo cannot start: " + string.Join("; ", failures.Distinct().Select(f => f.ReplaceLineEndings(" ").TrimEnd('.'))) + ".";
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        yield return exception;
        var inner = exception is AggregateException aggregate ? aggregate.InnerExceptions : exception.InnerException is { } one ? [one] : [];
        foreach (var e in inner.SelectMany(Flatten))
        {
            yield return e;
        }
    }
}
