using System.Net;
using System.Net.Http.Json;
using Shop.WebApi.FunctionalTests.Support;
using static Shop.WebApi.FunctionalTests.Identity.ThrottleAssert;

namespace Shop.WebApi.FunctionalTests.Identity;

/// <summary>Registrations limited per client IP: 3 an hour configured here.</summary>
public sealed class RegistrationThrottleTests : IClassFixture<RegistrationThrottleTests.RegistrationLimitFactory>
{
    private readonly RegistrationLimitFactory _factory;

    public RegistrationThrottleTests(RegistrationLimitFactory factory) => _factory = factory;

    [Fact]
    public async Task The_registration_over_the_limit_is_429_with_retry_after_while_another_address_and_login_are_unaffected()
    {
        using var client = _factory.CreateAnonymousClient("127.0.0.20");
        var first = NewEmail();
        using (var created = await RegisterAsync(client, first))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // A refused registration (the e-mail is taken) counts too, or the 409 would list accounts without limit.
        using (var taken = await RegisterAsync(client, first))
        {
            await taken.AssertProblemAsync(HttpStatusCode.Conflict);
        }

        using (var created = await RegisterAsync(client, NewEmail()))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var refused = await RegisterAsync(client, NewEmail());
        using var otherAddress = await RegisterAsync(_factory.CreateAnonymousClient("127.0.0.21"), NewEmail());
        using var login = await LogInAsync(_factory, first, ShopApiFactory.Password, "127.0.0.20");

        var problem = await AssertTooManyAsync(refused, 3600, RegistrationLimit);
        Assert.StartsWith("Too many registrations from this address; retry after ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, otherAddress.StatusCode);
        Assert.Equal(HttpStatusCode.Created, login.StatusCode);
        Assert.Equal(3L, (long)await _factory.Redis.StringGetAsync("registrations:127.0.0.20"));
        var ttl = await _factory.Redis.KeyTimeToLiveAsync("registrations:127.0.0.20");
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
    }

    private static string NewEmail() => $"signup-{Guid.NewGuid():N}@functional.test";

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string email) =>
        client.PostAsJsonAsync("/api/users", new { email, name = "Sign Up", password = ShopApiFactory.Password });

    public sealed class RegistrationLimitFactory : ShopApiFactory
    {
        public RegistrationLimitFactory()
            : base(null, new Dictionary<string, string?>
            {
                ["Shop:RegistrationThrottle:PermitsPerWindow"] = "3",
                ["Shop:RegistrationThrottle:Window"] = "01:00:00",
            })
        {
        }
    }
}
