using System.Globalization;
using System.Text.RegularExpressions;

namespace PushAuth.Deploy.Tests;

/// <summary>A settable property of an options class, read from its C# source: name, type and initializer.</summary>
internal sealed record SourceProperty(string Name, string Type, string? Initializer);

/// <summary>Options classes this test project does not reference (the silo's, the grains'), read from their C# source
/// under src/: the public settable properties that configuration binding fills.</summary>
internal static partial class DeploySourceOptions
{
    /// <summary>The configuration sections under <c>PushAuth</c> bound from source-only classes, by section name.</summary>
    public static readonly IReadOnlyDictionary<string, string> Sections = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Silo"] = "SiloOptions",
        ["Storage"] = "StorageOptions",
        ["Security"] = "SecurityOptions",
        ["Challenges"] = "ChallengeOptions",
        ["Backup"] = "BackupOptions",
        ["History"] = "HistoryOptions",
    };

    /// <summary>The contact senders' sections under <c>PushAuth</c> (MailKit and Twilio options), by section path.</summary>
    public static readonly IReadOnlyDictionary<string, string> ContactSections = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Contact__Email__Smtp"] = "SmtpOptions",
        ["Contact__Sms__Twilio"] = "TwilioOptions",
    };

    /// <summary>Settings the host reads outside any options class (<c>const string …Key = "PushAuth:…"</c> in the silo's source).</summary>
    public static IReadOnlySet<string> HostSettings =>
        Sources.Value.SelectMany(text => HostSettingConstant().Matches(text)).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>The public <c>{ get; set; }</c> properties of the one class of that name under src/.</summary>
    public static IReadOnlyDictionary<string, SourceProperty> Properties(string className)
    {
        var body = Body(className, "class");
        return PropertyPattern().Matches(body)
            .Select(m => new SourceProperty(m.Groups["name"].Value, m.Groups["type"].Value, m.Groups["init"].Success ? m.Groups["init"].Value.Trim() : null))
            .ToDictionary(p => p.Name, StringComparer.Ordinal);
    }

    /// <summary>The member names of the one enum of that name under src/, or null when there is no such enum.</summary>
    public static IReadOnlyList<string>? EnumMembers(string enumName)
    {
        if (Declaring(enumName, "enum") is null)
        {
            return null;
        }

        var body = LineComment().Replace(Body(enumName, "enum"), "");
        return [.. body.Split(',').Select(m => m.Split('=')[0].Trim()).Where(m => m.Length > 0)];
    }

    /// <summary>Whether a configuration value binds to a property of that C# type (as ConfigurationBinder does it).</summary>
    public static bool Binds(string type, string value)
    {
        var nonNull = type.TrimEnd('?');
        return nonNull switch
        {
            "string" => true,
            "bool" => bool.TryParse(value, out _),
            "int" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            "TimeSpan" => TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out _),
            "Uri" => Uri.TryCreate(value, UriKind.Absolute, out _),
            _ when EnumMembers(nonNull) is { } members => members.Contains(value, StringComparer.OrdinalIgnoreCase),
            _ => throw new InvalidOperationException($"no binding rule for {type}; add one to {nameof(DeploySourceOptions)}"),
        };
    }

    /// <summary>The value a property has without configuration (its initializer), for the simple literals options use.</summary>
    public static string? Default(SourceProperty property) => property.Initializer switch
    {
        null => null,
        { } init when StringLiteral().Match(init) is { Success: true } m => m.Groups[1].Value,
        { } init when int.TryParse(init, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) => init,
        { } init when TimeSpanFrom().Match(init) is { Success: true } m => FromUnit(m.Groups[1].Value, double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)).ToString("c", CultureInfo.InvariantCulture),
        { } init => init,
    };

    private static TimeSpan FromUnit(string unit, double amount) => unit switch
    {
        "Milliseconds" => TimeSpan.FromMilliseconds(amount),
        "Seconds" => TimeSpan.FromSeconds(amount),
        "Minutes" => TimeSpan.FromMinutes(amount),
        "Hours" => TimeSpan.FromHours(amount),
        "Days" => TimeSpan.FromDays(amount),
        _ => throw new InvalidOperationException(unit),
    };

    private static string Body(string name, string keyword)
    {
        var (text, start) = Declaring(name, keyword) ?? throw new InvalidOperationException($"no {keyword} {name} under src/");
        var open = text.IndexOf('{', start);
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            depth += text[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0)
            {
                return text[(open + 1)..i];
            }
        }

        throw new InvalidOperationException($"{keyword} {name}: unbalanced braces");
    }

    private static (string Text, int Start)? Declaring(string name, string keyword)
    {
        var declaration = new Regex($@"\b{keyword}\s+{Regex.Escape(name)}\b");
        var hits = Sources.Value
            .Select(text => (Text: text, Match: declaration.Match(text)))
            .Where(f => f.Match.Success)
            .ToList();
        Assert.True(hits.Count <= 1, $"{keyword} {name} is declared {hits.Count} times under src/");
        return hits.Count == 0 ? null : (hits[0].Text, hits[0].Match.Index);
    }

    private static readonly Lazy<List<string>> Sources = new(() => [.. SourceFiles().Select(File.ReadAllText)]);

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(System.IO.Path.Combine(DeployFolder.RepositoryRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{System.IO.Path.DirectorySeparatorChar}obj{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{System.IO.Path.DirectorySeparatorChar}bin{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [GeneratedRegex(@"public\s+(?<type>[A-Za-z_][\w.]*(?:<[^>]*>)?(?:\[\])?\??)\s+(?<name>[A-Za-z_]\w*)\s*\{\s*get;\s*set;\s*\}(?:\s*=\s*(?<init>[^;]+);)?")]
    private static partial Regex PropertyPattern();

    [GeneratedRegex(@"const string \w+Key = ""(PushAuth:[A-Za-z]+)"";")]
    private static partial Regex HostSettingConstant();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex LineComment();

    [GeneratedRegex("^\"(.*)\"$")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"^TimeSpan\.From(Milliseconds|Seconds|Minutes|Hours|Days)\((\d+(?:\.\d+)?)\)$")]
    private static partial Regex TimeSpanFrom();
}
