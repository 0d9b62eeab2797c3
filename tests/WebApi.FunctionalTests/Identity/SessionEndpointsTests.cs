using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Identity;

public class SessionEndpointsTests : IClassFixture<ShopApiFactory>
{
    private readonly ShopApiFactory _factory;

    public SessionEndpointsTests(ShopApiFactory factory) => _factory = factory;

    [Fact]
    public async Task Login_answers_201_with_a_256_bit_base64url_token_the_user_id_and_an_expiry_24_hours_ahead()
    {
        var user = await _factory.CustomerAsync();
        using var client = _factory.CreateAnonymousClient();

        // The e-mail is matched as stored: trimmed and lower-case.
        using var response = await client.PostAsJsonAsync(
            "/api/sessions", new { email = $"  {user.Email.ToUpperInvariant()} ", password = ShopApiFactory.Password });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var session = await response.ReadJsonAsync();
        Api.AssertMembers(session, "token", "userId", "expiresAt");
        var token = session.Str("token");
        Assert.Matches("^[A-Za-z0-9_-]{43,}$", token);
        Assert.Equal(user.Id, session.GetProperty("userId").GetGuid());
        var expiresAt = Api.AssertUtcTimestamp(session.GetProperty("expiresAt"));
        Assert.InRange(expiresAt, DateTimeOffset.UtcNow.AddHours(24).AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(24).AddMinutes(1));
        Assert.NotEqual(user.Token, token);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var me = await client.GetAsync("/api/users/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(user.Id, (await me.ReadJsonAsync()).Id());
    }

    [Fact]
    public async Task Login_with_an_unknown_email_or_a_wrong_password_is_401_with_one_and_the_same_message()
    {
        var user = await _factory.CustomerAsync();
        using var client = _factory.CreateAnonymousClient();

        using var unknown = await client.PostAsJsonAsync(
            "/api/sessions", new { email = $"nobody-{Guid.NewGuid():N}@functional.test", password = ShopApiFactory.Password });
        using var wrong = await client.PostAsJsonAsync("/api/sessions", new { email = user.Email, password = "not the password" });

        var unknownProblem = await unknown.AssertProblemAsync(HttpStatusCode.Unauthorized);
        var wrongProblem = await wrong.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(unknownProblem.Str("detail"), wrongProblem.Str("detail"));
        Assert.Equal(unknownProblem.Str("title"), wrongProblem.Str("title"));
        Assert.Equal(unknownProblem.Str("type"), wrongProblem.Str("type"));
        Assert.False(unknownProblem.TryGetProperty("errors", out _));
    }

    [Theory]
    [InlineData("""{"email":"not-an-email","password":"whatever1"}""", "email")]
    [InlineData("""{"email":"","password":"whatever1"}""", "email")]
    [InlineData("""{"email":"ann@b.example","password":""}""", "password")]
    [InlineData("""{"email":"ann@b.example"}""", "password")]
    public async Task Login_with_invalid_fields_is_400(string body, string field)
    {
        using var client = _factory.CreateAnonymousClient();

        using var response = await client.PostRawAsync("/api/sessions", body);

        await response.AssertValidationProblemAsync(field);
    }

    [Fact]
    public async Task Logout_answers_204_and_the_token_stops_working_at_once_while_other_sessions_keep_working()
    {
        var user = await _factory.NewUserAsync();
        using var other = _factory.CreateAnonymousClient();
        using (var login = await other.PostAsJsonAsync("/api/sessions", new { email = user.Email, password = ShopApiFactory.Password }))
        {
            other.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.ReadJsonAsync()).Str("token"));
        }

        using var logout = await user.Client.DeleteAsync("/api/sessions/current");

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Empty(await logout.Content.ReadAsByteArrayAsync());
        using var me = await user.Client.GetAsync("/api/users/me");
        await me.AssertProblemAsync(HttpStatusCode.Unauthorized);
        using var again = await user.Client.DeleteAsync("/api/sessions/current");
        await again.AssertProblemAsync(HttpStatusCode.Unauthorized);
        using var stillIn = await other.GetAsync("/api/users/me");
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
    }

    [Fact]
    public async Task Logout_without_a_valid_token_is_401()
    {
        using var client = _factory.CreateAnonymousClient();
        using var anonymous = await client.DeleteAsync("/api/sessions/current");
        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "bm90LWEtdG9rZW4");
        using var invalid = await client.DeleteAsync("/api/sessions/current");
        await invalid.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}
