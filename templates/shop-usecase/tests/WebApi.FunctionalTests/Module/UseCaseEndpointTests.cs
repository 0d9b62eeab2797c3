using System.Net;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.ShopModule;

/// <summary>
/// The HTTP contract of UseCase, through the real host on real PostgreSQL and Redis (ShopApiFactory). TODO: the
/// answers docs/api.md promises: the body, every error status, problem+json, who may call it.
/// </summary>
public sealed class UseCaseEndpointTests : IClassFixture<ShopApiFactory>
{
    private const string Route = "/api/shop-module-route/use-case-route";
    private readonly ShopApiFactory _factory;

    public UseCaseEndpointTests(ShopApiFactory factory) => _factory = factory;

#if (IsQuery)
    [Fact]
    public async Task Answers_200_to_a_signed_in_user()
    {
        var user = await _factory.CustomerAsync();
        var id = Guid.NewGuid();

        using var response = await user.Client.GetAsync(new Uri($"{Route}/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id, (await response.ReadJsonAsync()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Refuses_an_empty_id_with_a_validation_problem()
    {
        var user = await _factory.CustomerAsync();

        using var response = await user.Client.GetAsync(new Uri($"{Route}/{Guid.Empty}", UriKind.Relative));

        await response.AssertValidationProblemAsync("id");
    }

    [Fact]
    public async Task Refuses_an_anonymous_client_with_401()
    {
        using var client = _factory.CreateAnonymousClient();

        using var response = await client.GetAsync(new Uri($"{Route}/{Guid.NewGuid()}", UriKind.Relative));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
#else
    [Fact]
    public async Task Answers_204_to_a_signed_in_user()
    {
        var user = await _factory.CustomerAsync();

        using var response = await user.Client.PostAsync(new Uri($"{Route}/{Guid.NewGuid()}", UriKind.Relative), content: null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Refuses_an_empty_id_with_a_validation_problem()
    {
        var user = await _factory.CustomerAsync();

        using var response = await user.Client.PostAsync(new Uri($"{Route}/{Guid.Empty}", UriKind.Relative), content: null);

        await response.AssertValidationProblemAsync("id");
    }

    [Fact]
    public async Task Refuses_an_anonymous_client_with_401()
    {
        using var client = _factory.CreateAnonymousClient();

        using var response = await client.PostAsync(new Uri($"{Route}/{Guid.NewGuid()}", UriKind.Relative), content: null);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
#endif
}
