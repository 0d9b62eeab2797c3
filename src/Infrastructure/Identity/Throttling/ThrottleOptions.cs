using System.ComponentModel.DataAnnotations;
using Shop.Application.Caching;

namespace Shop.Infrastructure.Identity.Throttling;

/// <summary>`Shop:LoginThrottle`: at most <see cref="MaxFailures"/> failed logins per e-mail in <see cref="Window"/>.</summary>
public sealed class LoginThrottleOptions
{
    public const string Section = "Shop:LoginThrottle";

    /// <summary>In <see cref="KeyPattern"/>, the SHA-256 (hex) of the normalized e-mail.</summary>
    public const string Placeholder = "{hash}";

    /// <summary>The Redis keys of the default pattern, for the schema document.</summary>
    public static CacheKeyPattern DefaultKeys { get; } = new LoginThrottleOptions().Keys(
        "Failed logins per account ({hash}: SHA-256 of the e-mail); window and pattern configurable");

    [Range(1, ThrottleLimits.MaxCount, ErrorMessage = ThrottleLimits.CountAccepted)]
    public int MaxFailures { get; set; } = 10;

    [Range(typeof(TimeSpan), ThrottleLimits.MinWindow, ThrottleLimits.MaxWindow, ErrorMessage = ThrottleLimits.WindowAccepted)]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    [KeyPattern(Placeholder)]
    public string KeyPattern { get; set; } = "login-failures:" + Placeholder;

    public string KeyFor(string hash) => KeyPattern.Replace(Placeholder, hash, StringComparison.Ordinal);

    private CacheKeyPattern Keys(string purpose) => new(KeyPattern, Window, purpose, "Counter");
}

/// <summary>`Shop:RegistrationThrottle`: at most <see cref="PermitsPerWindow"/> registrations per client address in <see cref="Window"/>.</summary>
public sealed class RegistrationThrottleOptions
{
    public const string Section = "Shop:RegistrationThrottle";

    /// <summary>In <see cref="KeyPattern"/>, the client address.</summary>
    public const string Placeholder = "{ip}";

    /// <summary>The Redis keys of the default pattern, for the schema document.</summary>
    public static CacheKeyPattern DefaultKeys { get; } = new RegistrationThrottleOptions().Keys(
        "Registrations per client IP; window and pattern configurable");

    [Range(1, ThrottleLimits.MaxCount, ErrorMessage = ThrottleLimits.CountAccepted)]
    public int PermitsPerWindow { get; set; } = 20;

    [Range(typeof(TimeSpan), ThrottleLimits.MinWindow, ThrottleLimits.MaxWindow, ErrorMessage = ThrottleLimits.WindowAccepted)]
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);

    [KeyPattern(Placeholder)]
    public string KeyPattern { get; set; } = "registrations:" + Placeholder;

    public string KeyFor(string clientAddress) => KeyPattern.Replace(Placeholder, clientAddress, StringComparison.Ordinal);

    private CacheKeyPattern Keys(string purpose) => new(KeyPattern, Window, purpose, "Counter");
}

/// <summary>What a throttle's count and its fixed window accept.</summary>
internal static class ThrottleLimits
{
    public const int MaxCount = 1_000_000;
    public const string CountAccepted = "a whole number from 1 to 1000000";
    public const string MinWindow = "00:00:01";
    public const string MaxWindow = "1.00:00:00";
    public const string WindowAccepted = "a duration from 00:00:01 to 1.00:00:00 (hh:mm:ss)";
}

/// <summary>A Redis key without spaces that contains its placeholder exactly once.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class KeyPatternAttribute : ValidationAttribute
{
    public KeyPatternAttribute(string placeholder) => Placeholder = placeholder;

    public string Placeholder { get; }

    public override bool IsValid(object? value)
    {
        var pattern = value as string ?? string.Empty;
        var at = pattern.IndexOf(Placeholder, StringComparison.Ordinal);
        return at >= 0
            && pattern.IndexOf(Placeholder, at + Placeholder.Length, StringComparison.Ordinal) < 0
            && !pattern.Any(char.IsWhiteSpace);
    }

    // Not a format string: the placeholder's braces are the text.
    public override string FormatErrorMessage(string name) => $"a key without spaces containing {Placeholder} once";
}
