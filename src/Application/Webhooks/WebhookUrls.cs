namespace Shop.Application.Webhooks;

/// <summary>Reads a webhook URL as a client sends it.</summary>
internal static class WebhookUrls
{
    /// <summary>The URL when it is absolute http or https without user info; otherwise null.</summary>
    public static Uri? Parse(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url)
        && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
        && url.UserInfo.Length == 0
            ? url
            : null;
}
