using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Shop.TestSupport;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Operations;

/// <summary>
/// On a real Kestrel socket (not the test server), .NET's HttpClient sending a body over Shop:MaxRequestBodyBytes (1 MiB)
/// reads the 413 problem. Kestrel answers before reading the body; on loopback the client still reads the answer.
/// </summary>
public sealed class OversizedBodyTests : IClassFixture<OversizedBodyTests.KestrelShopApiFactory>
{
    private readonly KestrelShopApiFactory _factory;

    public OversizedBodyTests(KestrelShopApiFactory factory) => _factory = factory;

    [Theory]
    [InlineData(1_200_000)]
    [InlineData(4_000_000)]
    public async Task A_body_over_the_limit_is_answered_with_a_readable_413_problem(int bytes)
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = _factory.Address });
        using var body = new ByteArrayContent(new byte[bytes]);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync(new Uri("/api/users", UriKind.Relative), body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("/problems/payload-too-large", problem.GetProperty("type").GetString());
    }

    public sealed class KestrelShopApiFactory : ShopApiFactory
    {
        public KestrelShopApiFactory()
        {
            var port = FreePort.Next();
            UseKestrel(port);
            Address = new Uri($"http://127.0.0.1:{port}");
        }

        public Uri Address { get; }
    }
}
