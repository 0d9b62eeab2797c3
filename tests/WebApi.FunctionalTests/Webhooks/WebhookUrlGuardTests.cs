using System.Net.Http.Json;
using Npgsql;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Webhooks;

/// <summary>With the default settings a webhook URL on a loopback, private, link-local or unique-local address is refused.</summary>
public class WebhookUrlGuardTests : IClassFixture<ShopApiFactory>
{
    private readonly ShopApiFactory _factory;

    public WebhookUrlGuardTests(ShopApiFactory factory) => _factory = factory;

    [Theory]
    [InlineData("http://127.0.0.1/x", "127.0.0.1")]
    [InlineData("http://localhost/x", "localhost")]
    [InlineData("http://10.0.0.1/x", "10.0.0.1")]
    [InlineData("http://169.254.169.254/x", "169.254.169.254")]
    [InlineData("http://[::1]/x", "::1")]
    [InlineData("http://[fd00::1]/x", "fd00::1")]
    [InlineData("https://192.168.1.20:8443/x", "192.168.1.20")]
    public async Task A_private_network_url_is_400_naming_url_with_the_reason(string url, string host)
    {
        var admin = await _factory.AdminAsync();

        using var response = await admin.Client.PostAsJsonAsync("/api/webhooks", new { url, events = new[] { "*" } });

        var problem = await response.AssertValidationProblemAsync("url");
        var message = Assert.Single(problem.GetProperty("errors").GetProperty("url").EnumerateArray()).GetString()!;
        Assert.Contains(host, message, StringComparison.Ordinal);
        Assert.Contains("not a public address", message, StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(_factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM webhook_subscriptions", connection);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }
}
