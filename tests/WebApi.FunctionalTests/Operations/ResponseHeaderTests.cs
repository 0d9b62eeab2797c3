using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Operations;

/// <summary>No answer names the server software; answers that carry a token or personal data may not be stored by a cache.</summary>
public sealed class ResponseHeaderTests : IClassFixture<ShopApiFactory>
{
    private readonly ShopApiFactory _factory;

    public ResponseHeaderTests(ShopApiFactory factory) => _factory = factory;

    [Fact]
    public void Kestrel_sends_no_Server_header() =>
        // The test server is not Kestrel, so the setting the host's Kestrel would use is what can be checked here.
        Assert.False(_factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader);

    [Fact]
    public async Task The_login_answer_with_its_token_and_the_profile_and_orders_are_not_stored()
    {
        var user = await _factory.NewUserAsync();
        using var anonymous = _factory.CreateAnonymousClient();

        using var login = await anonymous.PostAsJsonAsync("/api/sessions", new { email = user.Email, password = ShopApiFactory.Password });
        using var profile = await user.Client.GetAsync("/api/users/me");
        using var orders = await user.Client.GetAsync("/api/orders");

        Assert.Equal(HttpStatusCode.Created, login.StatusCode);
        foreach (var response in new[] { login, profile, orders })
        {
            Assert.True(response.Headers.CacheControl?.NoStore, $"{response.RequestMessage!.RequestUri}: Cache-Control is '{response.Headers.CacheControl}'.");
        }
    }

    [Fact]
    public async Task A_public_catalog_read_is_not_marked_no_store()
    {
        var product = await _factory.CreateProductAsync("Plain mug", 4m, 1, null);
        using var client = _factory.CreateAnonymousClient();

        using var response = await client.GetAsync($"/api/products/{product.Id()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(true, response.Headers.CacheControl?.NoStore);
    }
}
