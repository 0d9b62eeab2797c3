using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Shop.WebApi.FunctionalTests.Support;
using static Shop.WebApi.FunctionalTests.Identity.ThrottleAssert;

namespace Shop.WebApi.FunctionalTests.Identity;

/// <summary>
/// Sign out everywhere, the cap on sessions per user and the password change (issue 20, finding 8), with a cap of 3
/// and the application's default failed-login limit.
/// </summary>
public sealed class SessionManagementTests : IClassFixture<SessionManagementTests.SessionCapFactory>
{
    private const int MaxPerUser = 3;
    private const string NewPassword = "a brand new passphrase";
    private readonly SessionCapFactory _factory;

    public SessionManagementTests(SessionCapFactory factory) => _factory = factory;

    [Fact]
    public async Task Deleting_the_sessions_ends_every_session_of_the_caller_and_no_other()
    {
        var user = await _factory.NewUserAsync();
        var other = await _factory.NewUserAsync();
        using var second = await SignInAsync(user.Email, ShopApiFactory.Password);
        using var third = await SignInAsync(user.Email, ShopApiFactory.Password);

        using var response = await second.DeleteAsync(new Uri("/api/sessions", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await AssertSignedOutAsync(user.Client);
        await AssertSignedOutAsync(second);
        await AssertSignedOutAsync(third);
        await AssertSignedInAsync(other.Client);
        Assert.Equal(0, await _factory.Redis.SortedSetLengthAsync($"user-sessions:{user.Id}"));
    }

    [Fact]
    public async Task Deleting_the_sessions_needs_a_session()
    {
        using var anonymous = _factory.CreateAnonymousClient();

        using var response = await anonymous.DeleteAsync(new Uri("/api/sessions", UriKind.Relative));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_login_over_the_cap_ends_the_oldest_session()
    {
        var user = await _factory.NewUserAsync();
        var newer = new List<HttpClient>();
        for (var login = 0; login < MaxPerUser; login++)
        {
            newer.Add(await SignInAsync(user.Email, ShopApiFactory.Password));
        }

        await AssertSignedOutAsync(user.Client);
        foreach (var client in newer)
        {
            await AssertSignedInAsync(client);
            client.Dispose();
        }

        Assert.Equal(MaxPerUser, await _factory.Redis.SortedSetLengthAsync($"user-sessions:{user.Id}"));
    }

    [Fact]
    public async Task Logging_out_takes_the_session_out_of_the_index_so_it_does_not_count_against_the_cap()
    {
        var user = await _factory.NewUserAsync();
        using (var second = await SignInAsync(user.Email, ShopApiFactory.Password))
        using (var logout = await second.DeleteAsync(new Uri("/api/sessions/current", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        using var third = await SignInAsync(user.Email, ShopApiFactory.Password);
        using var fourth = await SignInAsync(user.Email, ShopApiFactory.Password);

        await AssertSignedInAsync(user.Client);
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_and_keeps_the_callers()
    {
        var user = await _factory.NewUserAsync();
        using var other = await SignInAsync(user.Email, ShopApiFactory.Password);

        using var response = await ChangePasswordAsync(user.Client, ShopApiFactory.Password, NewPassword);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await AssertSignedInAsync(user.Client);
        await AssertSignedOutAsync(other);
        using var old = await LogInAsync(_factory, user.Email, ShopApiFactory.Password, "198.51.100.70");
        await old.AssertProblemAsync(HttpStatusCode.Unauthorized);
        using var renewed = await LogInAsync(_factory, user.Email, NewPassword, "198.51.100.70");
        Assert.Equal(HttpStatusCode.Created, renewed.StatusCode);
    }

    [Fact]
    public async Task A_wrong_current_password_is_a_400_naming_it_changes_nothing_and_counts_as_a_failed_login()
    {
        var user = await _factory.NewUserAsync();
        using var other = await SignInAsync(user.Email, ShopApiFactory.Password);

        using var wrong = await ChangePasswordAsync(user.Client, WrongPassword, NewPassword);

        await wrong.AssertValidationProblemAsync("currentPassword");
        await AssertSignedInAsync(other);
        // The session's login came from no test address ("unknown"): a known address of the account, with its own count.
        Assert.Equal(1L, (long)await _factory.Redis.StringGetAsync($"login-failures:{Sha256(user.Email)}:unknown"));
        using var login = await LogInAsync(_factory, user.Email, ShopApiFactory.Password, "198.51.100.71");
        Assert.Equal(HttpStatusCode.Created, login.StatusCode);
    }

    [Fact]
    public async Task Wrong_current_passwords_cannot_guess_past_the_login_throttle()
    {
        var user = await _factory.NewUserAsync();
        for (var attempt = 1; attempt < 10; attempt++)
        {
            using var wrong = await ChangePasswordAsync(user.Client, WrongPassword, NewPassword);
            await wrong.AssertValidationProblemAsync("currentPassword");
        }

        using var tenth = await ChangePasswordAsync(user.Client, WrongPassword, NewPassword);
        using var right = await ChangePasswordAsync(user.Client, ShopApiFactory.Password, NewPassword);

        await tenth.AssertValidationProblemAsync("currentPassword");
        await AssertTooManyAsync(right, 15 * 60);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("12345678")]
    [InlineData("password")]
    [InlineData("")]
    public async Task A_new_password_that_breaks_the_rule_is_a_400_naming_it_and_changes_nothing(string newPassword)
    {
        var user = await _factory.NewUserAsync();
        using var other = await SignInAsync(user.Email, ShopApiFactory.Password);

        using var response = await ChangePasswordAsync(user.Client, ShopApiFactory.Password, newPassword);

        await response.AssertValidationProblemAsync("newPassword");
        await AssertSignedInAsync(other);
    }

    [Fact]
    public async Task Changing_the_password_needs_a_session()
    {
        using var anonymous = _factory.CreateAnonymousClient();

        using var response = await ChangePasswordAsync(anonymous, ShopApiFactory.Password, NewPassword);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static Task<HttpResponseMessage> ChangePasswordAsync(HttpClient client, string currentPassword, string newPassword) =>
        client.PutAsJsonAsync("/api/users/me/password", new { currentPassword, newPassword });

    private async Task<HttpClient> SignInAsync(string email, string password)
    {
        var client = _factory.CreateAnonymousClient();
        using var login = await client.PostAsJsonAsync("/api/sessions", new { email, password });
        Assert.Equal(HttpStatusCode.Created, login.StatusCode);
        var token = (await login.ReadJsonAsync()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task AssertSignedInAsync(HttpClient client)
    {
        using var me = await client.GetAsync(new Uri("/api/users/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    private static async Task AssertSignedOutAsync(HttpClient client)
    {
        using var me = await client.GetAsync(new Uri("/api/users/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public sealed class SessionCapFactory : ShopApiFactory
    {
        public SessionCapFactory()
            : base(null, new Dictionary<string, string?>
            {
                ["Shop:Sessions:MaxPerUser"] = "3",
                ["Shop:LoginThrottle:MaxFailures"] = null,
            })
        {
        }
    }
}
