using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Shop.Domain.Identity;
using Shop.WebApi.FunctionalTests.Operations.Outages;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Operations;

/// <summary>
/// Logins and registrations hash under a concurrency limit of their own (Shop:PasswordHashing), never in the writes'
/// queue. The host runs one change and one hash at a time and queues neither; a login is held inside the hasher.
/// </summary>
public sealed class PasswordHashingLimiterTests : IClassFixture<PasswordHashingLimiterTests.OneHashAtATimeFactory>
{
    private readonly OneHashAtATimeFactory _factory;

    public PasswordHashingLimiterTests(OneHashAtATimeFactory factory) => _factory = factory;

    [Fact]
    public async Task While_a_login_hashes_an_order_still_runs_and_the_next_login_or_registration_past_the_hashing_queue_is_503()
    {
        var customer = await _factory.NewUserAsync("Orders While Others Log In");
        var productId = (await _factory.CreateProductAsync(price: 2m, stock: 5)).Id();
        using var flood = _factory.CreateAnonymousClient("198.51.100.60");

        _factory.Hasher.Hold();
        var heldLogin = LogInAsync(flood, customer.Email);
        try
        {
            await _factory.Hasher.WaitUntilHashingAsync();

            using (var order = await ConcurrencyLimiterTests.PlaceAsync(customer, productId))
            {
                await order.AssertStatusAsync(HttpStatusCode.Created);
            }

            using (var nextLogin = await LogInAsync(flood, customer.Email))
            {
                var problem = await nextLogin.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
                Assert.Equal("Too many logins and registrations are waiting on this instance; retry shortly.", problem.Str("detail"));
                Assert.Equal("1", nextLogin.Headers.GetValues("Retry-After").Single());
            }

            using var registration = await flood.PostAsJsonAsync(
                "/api/users", new { email = $"flood-{Guid.NewGuid():N}@functional.test", name = "Flood", password = ShopApiFactory.Password });
            await registration.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.False(heldLogin.IsCompleted, "The held login finished while the test still held its hash");
        }
        finally
        {
            _factory.Hasher.Release();
        }

        using var login = await heldLogin;
        await login.AssertStatusAsync(HttpStatusCode.Created);
    }

    private static Task<HttpResponseMessage> LogInAsync(HttpClient client, string email) =>
        client.PostAsJsonAsync("/api/sessions", new { email, password = ShopApiFactory.Password });

    /// <summary>One change and one password hash at a time, none queued; the hasher is one the test holds.</summary>
    public sealed class OneHashAtATimeFactory : ShopApiFactory
    {
        public HeldPasswordHasher Hasher { get; } = new();

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["Shop:ConcurrencyLimiter:PermitLimit"] = "1",
            ["Shop:ConcurrencyLimiter:QueueLimit"] = "0",
            ["Shop:PasswordHashing:PermitLimit"] = "1",
            ["Shop:PasswordHashing:QueueLimit"] = "0",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IPasswordHasher>(Hasher));
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Hasher.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>A password hashing limiter value the host cannot use stops it at start-up, naming the key.</summary>
public sealed class PasswordHashingLimiterSettingsTests
{
    [Theory]
    [InlineData("Shop__PasswordHashing__PermitLimit", "0", "Shop:PasswordHashing:PermitLimit must be a whole number from 1 to 1024")]
    [InlineData("Shop__PasswordHashing__QueueLimit", "-1", "Shop:PasswordHashing:QueueLimit must be a whole number from 0")]
    public async Task An_unusable_value_stops_the_host_naming_the_key(string variable, string value, string message)
    {
        await UnusableSetting.AssertStopsTheHostAsync(variable, value, message);
    }
}
