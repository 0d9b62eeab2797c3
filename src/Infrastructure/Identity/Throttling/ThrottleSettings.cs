using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Shop.Infrastructure.Identity.Throttling;

/// <summary>
/// A fixed-window throttle's configuration: at most <see cref="Limit"/> in <see cref="Window"/>, counted under
/// <see cref="KeyPattern"/>. Read and checked when the services are registered, so a bad value stops the host at
/// start-up with a message naming the key. An empty value, as an empty environment variable gives, is the default.
/// </summary>
internal sealed record ThrottleSettings(int Limit, TimeSpan Window, string KeyPattern, string Placeholder)
{
    public const int MaxLimit = 1_000_000;
    public static readonly TimeSpan MinWindow = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(1);

    public string KeyFor(string value) => KeyPattern.Replace(Placeholder, value, StringComparison.Ordinal);

    public static ThrottleSettings Read(IConfiguration configuration, string section, string limitName, ThrottleSettings defaults)
    {
        var settings = configuration.GetSection(section);
        var limit = settings[limitName] is { Length: > 0 } limitText
            ? int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed is >= 1 and <= MaxLimit
                ? parsed
                : throw InvalidConfigurationException.For($"{section}:{limitName}", $"a whole number from 1 to {MaxLimit}", limitText)
            : defaults.Limit;
        var window = settings["Window"] is { Length: > 0 } windowText
            ? TimeSpan.TryParse(windowText, CultureInfo.InvariantCulture, out var span) && span >= MinWindow && span <= MaxWindow
                ? span
                : throw InvalidConfigurationException.For($"{section}:Window", "a duration from 00:00:01 to 1.00:00:00 (hh:mm:ss)", windowText)
            : defaults.Window;
        var pattern = settings["KeyPattern"] is { Length: > 0 } patternText
            ? IsUsablePattern(patternText, defaults.Placeholder)
                ? patternText
                : throw InvalidConfigurationException.For($"{section}:KeyPattern", $"a key without spaces containing {defaults.Placeholder} once", patternText)
            : defaults.KeyPattern;
        return defaults with { Limit = limit, Window = window, KeyPattern = pattern };
    }

    private static bool IsUsablePattern(string pattern, string placeholder)
    {
        var at = pattern.IndexOf(placeholder, StringComparison.Ordinal);
        return at >= 0
            && pattern.IndexOf(placeholder, at + placeholder.Length, StringComparison.Ordinal) < 0
            && !pattern.Any(char.IsWhiteSpace);
    }
}
