using System.ComponentModel.DataAnnotations;
using Shop.Application.Caching;

namespace Shop.Infrastructure.Identity.Throttling;

/// <summary>
/// `Shop:LoginThrottle`: at most <see cref="MaxFailures"/> failed logins per account in <see cref="Window"/> from
/// addresses that are not known for it, as many per known address (one that signed in to the account within
/// <see cref="KnownAddressLifetime"/>), and <see cref="MaxFailuresPerAddress"/> per client address across accounts.
/// </summary>
public sealed class LoginThrottleOptions
{
    public const string Section = "Shop:LoginThrottle";

    /// <summary>In the key patterns, the SHA-256 (hex) of the normalized e-mail.</summary>
    public const string Placeholder = "{hash}";

    /// <summary>In the key patterns, the client address.</summary>
    public const string AddressPlaceholder = "{ip}";

    /// <summary>The Redis keys of the default patterns, for the schema document.</summary>
    public static IReadOnlyList<CacheKeyPattern> DefaultKeys { get; } = new LoginThrottleOptions().Keys();

    [Range(1, ThrottleLimits.MaxCount, ErrorMessage = ThrottleLimits.CountAccepted)]
    public int MaxFailures { get; set; } = 10;

    [Range(1, ThrottleLimits.MaxCount, ErrorMessage = ThrottleLimits.CountAccepted)]
    public int MaxFailuresPerAddress { get; set; } = 50;

    [Range(typeof(TimeSpan), ThrottleLimits.MinWindow, ThrottleLimits.MaxWindow, ErrorMessage = ThrottleLimits.WindowAccepted)]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00", ErrorMessage = "a duration from 01:00:00 to 365.00:00:00 (d.hh:mm:ss)")]
    public TimeSpan KnownAddressLifetime { get; set; } = TimeSpan.FromDays(30);

    [KeyPattern(Placeholder)]
    public string KeyPattern { get; set; } = "login-failures:" + Placeholder;

    [KeyPattern(AddressPlaceholder)]
    public string AddressKeyPattern { get; set; } = "login-failures-from:" + AddressPlaceholder;

    [KeyPattern(Placeholder, AddressPlaceholder)]
    public string KnownAddressKeyPattern { get; set; } = "login-known:" + Placeholder + ":" + AddressPlaceholder;

    [KeyPattern(Placeholder, AddressPlaceholder)]
    public string KnownAddressFailuresKeyPattern { get; set; } = "login-failures:" + Placeholder + ":" + AddressPlaceholder;

    public string KeyFor(string hash) => KeyPattern.Replace(Placeholder, hash, StringComparison.Ordinal);

    public string AddressKeyFor(string clientAddress) =>
        AddressKeyPattern.Replace(AddressPlaceholder, clientAddress, StringComparison.Ordinal);

    public string KnownAddressKeyFor(string hash, string clientAddress) => Fill(KnownAddressKeyPattern, hash, clientAddress);

    public string KnownAddressFailuresKeyFor(string hash, string clientAddress) => Fill(KnownAddressFailuresKeyPattern, hash, clientAddress);

    private static string Fill(string pattern, string hash, string clientAddress) =>
        pattern.Replace(Placeholder, hash, StringComparison.Ordinal).Replace(AddressPlaceholder, clientAddress, StringComparison.Ordinal);

    private CacheKeyPattern[] Keys() =>
    [
        new(KeyPattern, Window, "Failed logins per account from addresses not known for it ({hash}: SHA-256 of the e-mail); window and pattern configurable", "Counter"),
        new(KnownAddressFailuresKeyPattern, Window, "Failed logins per account from one of its known addresses; window and pattern configurable", "Counter"),
        new(AddressKeyPattern, Window, "Failed logins per client IP across accounts; window and pattern configurable", "Counter"),
        new(KnownAddressKeyPattern, KnownAddressLifetime, "An address that signed in to the account (renewed at each login); lifetime and pattern configurable", "String (1)"),
    ];
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

/// <summary>A Redis key without spaces that contains each of its placeholders exactly once.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class KeyPatternAttribute : ValidationAttribute
{
    public KeyPatternAttribute(params string[] placeholders) => Placeholders = placeholders;

    public IReadOnlyList<string> Placeholders { get; }

    public override bool IsValid(object? value)
    {
        var pattern = value as string ?? string.Empty;
        return !pattern.Any(char.IsWhiteSpace) && Placeholders.All(placeholder => ContainsOnce(pattern, placeholder));
    }

    // Not a format string: the placeholders' braces are the text.
    public override string FormatErrorMessage(string name) =>
        Placeholders.Count == 1
            ? $"a key without spaces containing {Placeholders[0]} once"
            : $"a key without spaces containing {string.Join(" and ", Placeholders)} once each";

    private static bool ContainsOnce(string pattern, string placeholder)
    {
        var at = pattern.IndexOf(placeholder, StringComparison.Ordinal);
        return at >= 0 && pattern.IndexOf(placeholder, at + placeholder.Length, StringComparison.Ordinal) < 0;
    }
}
