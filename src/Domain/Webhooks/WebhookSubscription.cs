using System.Security.Cryptography;
using Shop.Domain.Common;

namespace Shop.Domain.Webhooks;

/// <summary>An API consumer's subscription: the events it wants, where to send them and the secret that signs them.</summary>
public sealed class WebhookSubscription
{
    public const int MaxUrlLength = 2_000;
    public const int MaxEvents = 20;
    public const string SecretPrefix = "whsec_";

    private WebhookSubscription(Guid id, string url, string[] events, string secret, DateTime createdAt)
    {
        Id = id;
        Url = url;
        Events = events;
        Secret = secret;
        CreatedAt = createdAt;
    }

    /// <summary>Unique identifier of the subscription.</summary>
    public Guid Id { get; private set; }

    /// <summary>Absolute http(s) URL the deliveries are POSTed to.</summary>
    public string Url { get; private set; }

    /// <summary>The event types delivered, or "*" for all.</summary>
    public string[] Events { get; private set; }

    /// <summary>Signing secret: "whsec_" and the base64 of 32 random bytes; shown to the client once.</summary>
    public string Secret { get; private set; }

    /// <summary>When the subscription was created (UTC).</summary>
    public DateTime CreatedAt { get; private set; }

    /// <summary>A subscription to <paramref name="events"/> (names the caller has checked) with a new random secret.</summary>
    public static WebhookSubscription Create(Uri url, IReadOnlyCollection<string> events, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(events);
        if (!IsDeliverable(url))
        {
            throw new DomainValidationException("url", "'url' must be an absolute http or https URL without credentials.");
        }

        if (events.Count is 0 or > MaxEvents)
        {
            throw new DomainValidationException("events", $"'events' must name 1 to {MaxEvents} event types.");
        }

        var secret = SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        return new WebhookSubscription(Guid.CreateVersion7(), url.AbsoluteUri, [.. events.Distinct(StringComparer.Ordinal)], secret, Guard.UtcNow(clock));
    }

    /// <summary>Absolute http or https, no user info, at most <see cref="MaxUrlLength"/> characters.</summary>
    public static bool IsDeliverable(Uri url) =>
        url is { IsAbsoluteUri: true, UserInfo.Length: 0 }
        && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
        && url.AbsoluteUri.Length <= MaxUrlLength;
}
