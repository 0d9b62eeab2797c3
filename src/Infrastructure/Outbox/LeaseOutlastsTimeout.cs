using Microsoft.Extensions.Options;
using Shop.Infrastructure.Webhooks;

namespace Shop.Infrastructure.Outbox;

/// <summary>
/// A lease must outlast the attempt it covers: one that ran out while its relay still waited for an answer would let a
/// second relay send the same delivery at the same time.
/// </summary>
internal sealed class LeaseOutlastsTimeout : IValidateOptions<OutboxOptions>
{
    private readonly IOptions<WebhookOptions> _webhooks;

    public LeaseOutlastsTimeout(IOptions<WebhookOptions> webhooks) => _webhooks = webhooks;

    public ValidateOptionsResult Validate(string? name, OutboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var timeout = _webhooks.Value.Timeout;
        return options.LeaseDuration > timeout
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(Settings.Unusable(
                $"{OutboxOptions.Section}:{nameof(OutboxOptions.LeaseDuration)}",
                $"longer than {WebhookOptions.Section}:{nameof(WebhookOptions.Timeout)} ({timeout:c})",
                options.LeaseDuration.ToString("c", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
