using System.Security.Cryptography;
using System.Text;
using Shop.Domain.Webhooks;

namespace Shop.Infrastructure.Webhooks;

/// <summary>
/// The Standard Webhooks symmetric signature: <c>v1,</c> and the base64 of HMAC-SHA256 over
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c>, keyed by the secret's bytes (the base64 after <c>whsec_</c>).
/// The BCL's HMAC is the whole of it; the tests verify it with a Standard Webhooks library, as a receiver would.
/// </summary>
internal static class WebhookSignature
{
    public static string Sign(string secret, string webhookId, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var key = Convert.FromBase64String(secret.StartsWith(WebhookSubscription.SecretPrefix, StringComparison.Ordinal)
            ? secret[WebhookSubscription.SecretPrefix.Length..]
            : secret);
        var prefix = Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{webhookId}.{timestamp}."));
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }
}
