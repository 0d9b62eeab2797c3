using System.Net;
using Shop.WebApi.FunctionalTests.Support;
using Shop.TestSupport;

namespace Shop.WebApi.FunctionalTests.ScaleOut;

/// <summary>A read replica that does not answer makes the API degraded, never down: every read goes to the primary.</summary>
public sealed class ReplicaDownTests : IClassFixture<ReplicaDownTests.DeadReplicaFactory>
{
    private readonly DeadReplicaFactory _factory;

    public ReplicaDownTests(DeadReplicaFactory factory) => _factory = factory;

    [Fact]
    public async Task Reads_are_served_by_the_primary_and_readiness_reports_degraded()
    {
        var product = await _factory.CreateProductAsync(name: $"Primary only {Guid.NewGuid():N}");
        var customer = await _factory.NewUserAsync();
        var order = await ShopApiFactory.PlaceOrderAsync(customer, (product.Id(), 1));
        using var anonymous = _factory.CreateAnonymousClient();

        using var search = await anonymous.GetAsync(new Uri($"/api/products?search={product.Str("name")}", UriKind.Relative));
        using var orders = await customer.Client.GetAsync(new Uri("/api/orders", UriKind.Relative));
        using var ready = await anonymous.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Single((await search.ReadJsonAsync()).GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, orders.StatusCode);
        Assert.Contains((await orders.ReadJsonAsync()).GetProperty("items").EnumerateArray(), item => item.Id() == order.Id());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Degraded", await ready.Content.ReadAsStringAsync());
    }

    /// <summary>The shop's own database as primary; the read replica a loopback port where nothing listens.</summary>
    public sealed class DeadReplicaFactory : ShopApiFactory
    {
        public DeadReplicaFactory()
            : base(null, new Dictionary<string, string?>
            {
                ["ConnectionStrings:PostgresRead"] = $"Host=127.0.0.1;Port={FreePort.Next()};Username=postgres;Database=shop;Timeout=2",
            })
        {
        }
    }
}
