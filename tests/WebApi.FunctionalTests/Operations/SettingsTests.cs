using System.Net;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Operations;

/// <summary>
/// Every setting is checked when the host starts: a value it cannot use, or one that does not even convert, stops it with
/// exit code 2 and one line per value naming the key, what it accepts and the environment variable, no stack trace.
/// </summary>
public sealed class UnusableSettingsTests
{
    [Theory]
    [InlineData("Shop__RateLimit__PermitsPerMinute", "0", "Shop:RateLimit:PermitsPerMinute must be a whole number from 1")]
    [InlineData("Shop__RateLimit__PermitsPerMinute", "many", "Shop:RateLimit:PermitsPerMinute must be a whole number from 1")]
    [InlineData("Shop__MaxRequestBodyBytes", "0", "Shop:MaxRequestBodyBytes must be a whole number of bytes from 1")]
    [InlineData("Shop__MaxRequestBodyBytes", "1 MiB", "Shop:MaxRequestBodyBytes must be a whole number of bytes from 1")]
    [InlineData("Shop__Orders__PendingExpiry", "00:00:30", "Shop:Orders:PendingExpiry must be a duration from 00:01:00 to 30.00:00:00")]
    [InlineData("Shop__Orders__ExpirySweepInterval", "0", "Shop:Orders:ExpirySweepInterval must be a duration from 00:00:01 to 01:00:00")]
    [InlineData("Shop__Idempotency__SweepInterval", "0", "Shop:Idempotency:SweepInterval must be a duration from 00:00:01 to 1.00:00:00")]
    [InlineData("Shop__Outbox__PollInterval", "0", "Shop:Outbox:PollInterval must be a duration from 00:00:00.050 to 01:00:00")]
    [InlineData("Shop__Outbox__LeaseDuration", "00:00:05", "Shop:Outbox:LeaseDuration must be longer than Shop:Webhooks:Timeout (00:00:10)")]
    [InlineData("Shop__Webhooks__Timeout", "forever", "Shop:Webhooks:Timeout must be a duration from 00:00:00.100 to 00:05:00")]
    [InlineData("Shop__Webhooks__RetrySchedule__0", "-00:00:05", "Shop:Webhooks:RetrySchedule:0 must be a list of durations longer than zero")]
    public async Task The_host_exits_2_naming_the_key(string variable, string value, string message)
    {
        await UnusableSetting.AssertStopsTheHostAsync(variable, value, message);
    }

    [Fact]
    public async Task Unusable_values_of_several_sections_are_each_named_on_a_line_of_their_own()
    {
        var (exitCode, output) = await UnusableSetting.StartWithAsync(
            ("Shop__ConcurrencyLimiter__PermitLimit", "0"),
            ("Shop__OutputCache__ProductExpiration", "forever"),
            ("Shop__LoginThrottle__Window", "15 minutes"));

        Assert.True(exitCode == 2, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).Order(StringComparer.Ordinal);
        Assert.Collection(
            lines,
            line => Assert.StartsWith("Shop:ConcurrencyLimiter:PermitLimit must be a whole number from 1 to 10000; it is '0'", line, StringComparison.Ordinal),
            line => Assert.StartsWith("Shop:LoginThrottle:Window must be a duration", line, StringComparison.Ordinal),
            line => Assert.StartsWith("Shop:OutputCache:ProductExpiration must be a duration", line, StringComparison.Ordinal));
    }
}

/// <summary>An empty value, as an empty environment variable gives, is the key's default.</summary>
public sealed class EmptySettingsTests : IClassFixture<EmptySettingsTests.EmptySettingsShopApiFactory>
{
    private readonly EmptySettingsShopApiFactory _factory;

    public EmptySettingsTests(EmptySettingsShopApiFactory factory) => _factory = factory;

    [Fact]
    public async Task The_host_starts_with_the_defaults()
    {
        using var client = _factory.CreateAnonymousClient();

        using var response = await client.GetAsync(new Uri("/api/products", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("600", response.Headers.GetValues("X-RateLimit-Limit").Single());
    }

    public sealed class EmptySettingsShopApiFactory : ShopApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["Shop:RateLimit:PermitsPerMinute"] = string.Empty,
            ["Shop:MaxRequestBodyBytes"] = string.Empty,
            ["Shop:ConcurrencyLimiter:PermitLimit"] = string.Empty,
            ["Shop:ConcurrencyLimiter:QueueLimit"] = string.Empty,
            ["Shop:OutputCache:ProductExpiration"] = string.Empty,
            ["Shop:Catalog:ExactCountLimit"] = string.Empty,
            ["Shop:LoginThrottle:Window"] = string.Empty,
            ["Shop:Orders:PendingExpiry"] = string.Empty,
            ["Shop:Orders:ExpirySweepInterval"] = string.Empty,
            ["Shop:Orders:ExpirySweepEnabled"] = string.Empty,
            ["Shop:Idempotency:SweepInterval"] = string.Empty,
            ["Shop:Outbox:PollInterval"] = string.Empty,
            ["Shop:Outbox:LeaseDuration"] = string.Empty,
            ["Shop:Outbox:Retention"] = string.Empty,
            ["Shop:Webhooks:Timeout"] = string.Empty,
            ["Shop:Webhooks:RetrySchedule:0"] = string.Empty,
        };
    }
}
