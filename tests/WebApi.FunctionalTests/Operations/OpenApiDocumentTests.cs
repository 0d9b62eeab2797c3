using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Operations;

/// <summary>
/// The OpenAPI document is built once per instance and served from memory, and every fetch of it, or of the API
/// reference, counts in the client's per-IP window (<see cref="CountedDocumentFactory.Permits"/> a minute here).
/// </summary>
public sealed class OpenApiDocumentTests : IClassFixture<OpenApiDocumentTests.CountedDocumentFactory>
{
    private const string Document = "/openapi/v1.json";
    private readonly CountedDocumentFactory _factory;

    public OpenApiDocumentTests(CountedDocumentFactory factory) => _factory = factory;

    [Fact]
    public async Task The_document_is_built_once_and_served_to_every_caller_from_memory()
    {
        var bodies = new List<string>();
        foreach (var (clientIp, request) in new[]
        {
            ("198.51.100.80", new HttpRequestMessage(HttpMethod.Get, Document) { Headers = { Host = "shop.example" } }),
            ("198.51.100.81", new HttpRequestMessage(HttpMethod.Get, Document)),
            ("198.51.100.82", new HttpRequestMessage(HttpMethod.Get, Document + "?fresh=1")),
            ("198.51.100.83", new HttpRequestMessage(HttpMethod.Get, Document) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "not-a-session") } }),
        })
        {
            using var client = _factory.CreateAnonymousClient(clientIp);
            using (request)
            using (var response = await client.SendAsync(request))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                bodies.Add(await response.Content.ReadAsStringAsync());
            }
        }

        Assert.Equal(1, _factory.Builds);
        Assert.Single(bodies.Distinct(StringComparer.Ordinal));
        // Nothing of one caller's request is in the document served to all.
        using var document = JsonDocument.Parse(bodies[0]);
        var server = Assert.Single(document.RootElement.GetProperty("servers").EnumerateArray());
        Assert.Equal("/", server.GetProperty("url").GetString());
        Assert.DoesNotContain("shop.example", bodies[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetching_the_document_counts_in_the_per_IP_window_and_past_it_is_429()
    {
        using var client = _factory.CreateAnonymousClient("198.51.100.84");
        for (var i = 1; i <= CountedDocumentFactory.Permits; i++)
        {
            using var allowed = await client.GetAsync(new Uri(Document, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
            Assert.Equal((CountedDocumentFactory.Permits - i).ToString(CultureInfo.InvariantCulture), allowed.Headers.GetValues("X-RateLimit-Remaining").Single());
        }

        using var refused = await client.GetAsync(new Uri(Document, UriKind.Relative));

        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Fetching_the_api_reference_counts_in_the_per_IP_window()
    {
        using var client = _factory.CreateAnonymousClient("198.51.100.85");

        using var reference = await client.GetAsync(new Uri("/scalar/v1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Equal((CountedDocumentFactory.Permits - 1).ToString(CultureInfo.InvariantCulture), reference.Headers.GetValues("X-RateLimit-Remaining").Single());
    }

    /// <summary>Five requests per IP and minute; counts the builds of the document with a document transformer.</summary>
    public sealed class CountedDocumentFactory : ShopApiFactory
    {
        public const int Permits = 5;
        private int _builds;

        public int Builds => Volatile.Read(ref _builds);

        protected override int PermitsPerMinute => Permits;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.Configure<OpenApiOptions>("v1", options =>
                options.AddDocumentTransformer((_, _, _) =>
                {
                    Interlocked.Increment(ref _builds);
                    return Task.CompletedTask;
                })));
        }
    }
}
