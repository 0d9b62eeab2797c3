using System.Net;
using Shop.WebApi.FunctionalTests.Operations;
using Shop.WebApi.FunctionalTests.Support;
using static Shop.WebApi.FunctionalTests.Identity.ThrottleAssert;

namespace Shop.WebApi.FunctionalTests.Identity;

/// <summary>
/// With Redis unreachable the login throttle fails closed: a wrong password is 503 like a right one, never 401,
/// so an outage does not turn the login into an unthrottled password oracle.
/// </summary>
public sealed class LoginThrottleOutageTests : IClassFixture<RedisOutageTests.UnreachableRedisFactory>
{
    private readonly RedisOutageTests.UnreachableRedisFactory _factory;

    public LoginThrottleOutageTests(RedisOutageTests.UnreachableRedisFactory factory) => _factory = factory;

    [Fact]
    public async Task A_wrong_password_is_503_with_retry_after_not_401()
    {
        using var response = await LogInAsync(_factory, $"someone-{Guid.NewGuid():N}@functional.test", WrongPassword, "127.0.0.1");

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");
    }
}
