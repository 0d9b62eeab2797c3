namespace Shop.WebApi;

/// <summary>The `Shop` configuration section.</summary>
internal sealed class ShopOptions
{
    public const string Section = "Shop";

    /// <summary>E-mails of the users who may manage the catalog.</summary>
    public IReadOnlyList<string> Admins { get; set; } = [];

    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Largest request body accepted, in bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}

internal sealed class RateLimitOptions
{
    public int PermitsPerMinute { get; set; } = 600;
}
