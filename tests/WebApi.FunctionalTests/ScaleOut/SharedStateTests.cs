using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.ScaleOut;

/// <summary>Sessions, logout, the rate window and idempotency records are one state for two instances.</summary>
public sealed class SharedStateTests : IClassFixture<TwoHostsFactory>
{
    private readonly TwoHostsFactory _hosts;

    public SharedStateTests(TwoHostsFactory hosts) => _hosts = hosts;

    [Fact]
    public async Task A_token_made_on_one_instance_works_on_the_other_and_a_logout_there_ends_it_on_both()
    {
        var user = await _hosts.First.NewUserAsync("Shared Session");
        using var onSecond = On(_hosts.Second, user.Token);

        // Used on the first instance before the logout: whatever it kept of the session is what the logout must end.
        using (var me = await user.Client.GetAsync(new Uri("/api/users/me", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }

        using (var me = await onSecond.GetAsync(new Uri("/api/users/me", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }

        using (var logout = await onSecond.DeleteAsync(new Uri("/api/sessions/current", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        using var onFirst = await user.Client.GetAsync(new Uri("/api/users/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, onFirst.StatusCode);
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_on_the_other_instance_replays_the_first_answer()
    {
        var product = await _hosts.First.CreateProductAsync(price: 2m, stock: 5);
        var user = await _hosts.First.NewUserAsync("Idempotent Client");
        using var onSecond = On(_hosts.Second, user.Token);
        var key = $"scale-out-{Guid.NewGuid():N}";
        var body = new { items = new[] { new { productId = product.Id(), quantity = 1 } } };

        using var placed = await Send(user.Client, key, body);
        using var retried = await Send(onSecond, key, body);

        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal((await placed.ReadJsonAsync()).Id(), (await retried.ReadJsonAsync()).Id());
        using var orders = await onSecond.GetAsync(new Uri("/api/orders", UriKind.Relative));
        Assert.Single((await orders.ReadJsonAsync()).GetProperty("items").EnumerateArray());
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/orders", UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    private static HttpClient On(ShopApiFactory host, string token)
    {
        var client = host.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

/// <summary>The per-IP window is one for two instances (each client of these tests sends its own address).</summary>
public sealed class SharedRateWindowTests : IClassFixture<SharedRateWindowTests.TwoLimitedHosts>
{
    private const int Permits = 9;
    private readonly TwoLimitedHosts _hosts;

    public SharedRateWindowTests(TwoLimitedHosts hosts) => _hosts = hosts;

    [Fact]
    public async Task One_clients_requests_spread_over_both_instances_share_one_window()
    {
        const string ip = "192.0.2.77";
        using var first = _hosts.First.CreateAnonymousClient(ip);
        using var second = _hosts.Second.CreateAnonymousClient(ip);

        for (var i = 1; i <= Permits; i++)
        {
            using var allowed = await (i % 2 == 0 ? second : first).GetAsync(new Uri("/api/products", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
            Assert.Equal((Permits - i).ToString(CultureInfo.InvariantCulture), allowed.Headers.GetValues("X-RateLimit-Remaining").Single());
        }

        using var refusedOnFirst = await first.GetAsync(new Uri("/api/products", UriKind.Relative));
        using var refusedOnSecond = await second.GetAsync(new Uri("/api/products", UriKind.Relative));
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedOnFirst.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedOnSecond.StatusCode);
    }

    /// <summary>Two instances with a per-IP limit small enough to run out in a test.</summary>
    public sealed class TwoLimitedHosts : TwoHostsFactory
    {
        public TwoLimitedHosts()
            : base(new Dictionary<string, string?> { ["Shop:RateLimit:PermitsPerMinute"] = Permits.ToString(CultureInfo.InvariantCulture) })
        {
        }
    }
}
