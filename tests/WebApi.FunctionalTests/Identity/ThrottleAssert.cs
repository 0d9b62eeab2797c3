using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Identity;

/// <summary>Logging in from given source addresses and checking the throttles' answers.</summary>
internal static partial class ThrottleAssert
{
    public const string WrongPassword = "not the right password";

    public static async Task<HttpResponseMessage> LogInAsync(ShopApiFactory factory, string email, string password, string clientIp)
    {
        using var client = factory.CreateAnonymousClient(clientIp);
        return await client.PostAsJsonAsync("/api/sessions", new { email, password });
    }

    /// <summary>Wrong passwords from 127.0.0.1 to 127.0.0.5 in turn, each answered 401.</summary>
    public static async Task FailLoginsAsync(ShopApiFactory factory, string email, int count, int firstAddress = 1)
    {
        for (var attempt = 0; attempt < count; attempt++)
        {
            var clientIp = $"127.0.0.{firstAddress + (attempt % 5)}";
            using var response = await LogInAsync(factory, email, WrongPassword, clientIp);
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        }
    }

    /// <summary>
    /// A 429 problem of the cause <paramref name="code"/> (the account's failed logins by default) with a Retry-After of
    /// 1 to <paramref name="maxSeconds"/>; returns the problem.
    /// </summary>
    public static async Task<JsonElement> AssertTooManyAsync(HttpResponseMessage response, int maxSeconds, string code = AccountLockout)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("/problems/" + code, problem.GetProperty("type").GetString());
        Assert.Equal(Titles[code], problem.GetProperty("title").GetString());
        Assert.True(response.Headers.TryGetValues("Retry-After", out var values), "Retry-After is missing");
        var seconds = int.Parse(Assert.Single(values), NumberStyles.None, CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 1, maxSeconds);
        return problem;
    }

    /// <summary>The members of a problem and its detail with the numbers masked: what tells two refusals apart.</summary>
    public static string Shape(JsonElement problem) =>
        string.Join(",", problem.EnumerateObject().Select(member => member.Name).Order(StringComparer.Ordinal))
        + " | " + problem.GetProperty("title").GetString()
        + " | " + Digits().Replace(problem.GetProperty("detail").GetString()!, "#");

    public const string AccountLockout = "too-many-failed-logins";
    public const string AddressLockout = "too-many-failed-logins-from-address";
    public const string RegistrationLimit = "too-many-registrations";

    private static readonly Dictionary<string, string> Titles = new(StringComparer.Ordinal)
    {
        [AccountLockout] = "Too many failed logins",
        [AddressLockout] = "Too many failed logins from this address",
        [RegistrationLimit] = "Too many registrations",
    };

    public static string LoginKey(string email) =>
        "login-failures:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email)));

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();
}
