using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Identity;

public class UserEndpointsTests : IClassFixture<ShopApiFactory>
{
    private static readonly string[] UserMembers = ["id", "email", "name", "createdAt", "updatedAt"];
    private readonly ShopApiFactory _factory;

    public UserEndpointsTests(ShopApiFactory factory) => _factory = factory;

    public static TheoryData<string, string[]> InvalidRegistrations => new()
    {
        { """{"email":"not-an-email","name":"Ann","password":"long enough"}""", ["email"] },
        { """{"email":"a@@b.example","name":"Ann","password":"long enough"}""", ["email"] },
        { $$"""{"email":"{{new string('a', 250)}}@b.example","name":"Ann","password":"long enough"}""", ["email"] },
        { """{"email":"ann@b.example","name":"","password":"long enough"}""", ["name"] },
        { """{"email":"ann@b.example","name":"   ","password":"long enough"}""", ["name"] },
        { $$"""{"email":"ann@b.example","name":"{{new string('n', 101)}}","password":"long enough"}""", ["name"] },
        { """{"email":"ann@b.example","name":"Ann","password":"short"}""", ["password"] },
        { $$"""{"email":"ann@b.example","name":"Ann","password":"{{new string('p', 129)}}"}""", ["password"] },
        { "{}", ["email", "name", "password"] },
        // Common passwords (NIST SP 800-63B) and look-alike e-mails (issue 20, finding 8).
        { """{"email":"ann@b.example","name":"Ann","password":"password"}""", ["password"] },
        { """{"email":"ann@b.example","name":"Ann","password":"12345678"}""", ["password"] },
        { """{"email":"ann\u200B@b.example","name":"Ann","password":"long enough"}""", ["email"] },
        { """{"email":"ann\u0007@b.example","name":"Ann","password":"long enough"}""", ["email"] },
        { """{"email":"\u017Fam@b.example","name":"Ann","password":"long enough"}""", ["email"] },
        { """{"email":"\u0430dmin@b.example","name":"Ann","password":"long enough"}""", ["email"] },
    };

    [Fact]
    public async Task Register_answers_201_with_the_user_and_its_location_and_stores_the_email_trimmed_and_lower_case()
    {
        var local = $"Mixed.Case-{Guid.NewGuid():N}";
        using var client = _factory.CreateAnonymousClient();
        const string password = "Sup3r secret passphrase";

        using var response = await client.PostAsJsonAsync("/api/users", new { email = $"  {local}@Example.COM ", name = "  Ann Smith ", password });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/users/me", response.Headers.Location?.OriginalString);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(password, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("password", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hash", raw, StringComparison.OrdinalIgnoreCase);
        var user = await response.ReadJsonAsync();
        Api.AssertMembers(user, UserMembers);
        Assert.NotEqual(Guid.Empty, user.Id());
        Assert.Equal($"{local.ToLowerInvariant()}@example.com", user.Str("email"));
        Assert.Equal("Ann Smith", user.Str("name"));
        var createdAt = Api.AssertUtcTimestamp(user.GetProperty("createdAt"));
        Api.AssertUtcTimestamp(user.GetProperty("updatedAt"));
        Assert.InRange(createdAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
    }

    [Fact]
    public async Task Register_answers_an_administrators_email_exactly_as_any_taken_email()
    {
        await _factory.AdminAsync();
        var customer = await _factory.NewUserAsync("Taken");
        using var client = _factory.CreateAnonymousClient();

        using var forAdmin = await client.PostAsJsonAsync(
            "/api/users", new { email = " " + ShopApiFactory.AdminEmail.ToUpperInvariant(), name = "Mallory", password = ShopApiFactory.Password });
        using var forCustomer = await client.PostAsJsonAsync(
            "/api/users", new { email = customer.Email, name = "Mallory", password = ShopApiFactory.Password });

        var adminProblem = await forAdmin.AssertProblemAsync(HttpStatusCode.Conflict);
        var customerProblem = await forCustomer.AssertProblemAsync(HttpStatusCode.Conflict);
        foreach (var member in new[] { "type", "title", "status", "detail" })
        {
            Assert.Equal(customerProblem.GetProperty(member).ToString(), adminProblem.GetProperty(member).ToString());
        }

        Assert.Equal("A user with this e-mail already exists.", adminProblem.Str("detail"));
    }

    [Fact]
    public async Task An_internationalized_domain_is_stored_in_its_ascii_form_and_logs_in_written_either_way()
    {
        var local = $"idn-{Guid.NewGuid():N}";
        using var client = _factory.CreateAnonymousClient();

        using (var registered = await client.PostAsJsonAsync(
            "/api/users", new { email = $"{local}@Пример.рф", name = "Ivan", password = ShopApiFactory.Password }))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
            Assert.Equal($"{local}@xn--e1afmkfd.xn--p1ai", (await registered.ReadJsonAsync()).Str("email"));
        }

        foreach (var written in new[] { $"{local}@пример.РФ", $"{local}@xn--e1afmkfd.xn--p1ai" })
        {
            using var login = await client.PostAsJsonAsync("/api/sessions", new { email = written, password = ShopApiFactory.Password });
            Assert.Equal(HttpStatusCode.Created, login.StatusCode);
        }

        using var invisible = await client.PostAsJsonAsync(
            "/api/sessions", new { email = $"{local}\u200B@пример.рф", password = ShopApiFactory.Password });
        await invisible.AssertValidationProblemAsync(["email"]);
    }

    [Fact]
    public async Task Register_with_an_email_taken_in_another_case_is_409()
    {
        var email = $"taken-{Guid.NewGuid():N}@functional.test";
        using var client = _factory.CreateAnonymousClient();
        using (var first = await client.PostAsJsonAsync("/api/users", new { email, name = "First", password = ShopApiFactory.Password }))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using var second = await client.PostAsJsonAsync(
            "/api/users", new { email = " " + email.ToUpperInvariant(), name = "Second", password = ShopApiFactory.Password });

        await second.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [MemberData(nameof(InvalidRegistrations))]
    public async Task Register_with_invalid_fields_is_400_naming_each_field(string body, string[] fields)
    {
        using var client = _factory.CreateAnonymousClient();

        using var response = await client.PostRawAsync("/api/users", body);

        await response.AssertValidationProblemAsync(fields);
    }

    [Fact]
    public async Task Get_me_answers_the_user_without_password_or_hash()
    {
        var user = await _factory.NewUserAsync("Reader");

        using var response = await user.Client.GetAsync("/api/users/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(ShopApiFactory.Password, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("password", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hash", raw, StringComparison.OrdinalIgnoreCase);
        var me = await response.ReadJsonAsync();
        Api.AssertMembers(me, UserMembers);
        Assert.Equal(user.Id, me.Id());
        Assert.Equal(user.Email, me.Str("email"));
        Assert.Equal("Reader", me.Str("name"));
        Api.AssertUtcTimestamp(me.GetProperty("createdAt"));
        Api.AssertUtcTimestamp(me.GetProperty("updatedAt"));

        // The second read comes from the profile cache and must look the same.
        using var cached = await user.Client.GetAsync("/api/users/me");
        Assert.Equal(raw, await cached.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-a-real-token")]
    [InlineData("Bearer ")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task Get_me_without_a_valid_token_is_401(string? authorization)
    {
        using var client = _factory.CreateAnonymousClient();
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.GetAsync("/api/users/me");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Patch_me_renames_the_user_and_get_me_shows_the_new_name()
    {
        var user = await _factory.NewUserAsync("Old Name");
        using (var before = await user.Client.GetAsync("/api/users/me"))
        {
            Assert.Equal("Old Name", (await before.ReadJsonAsync()).Str("name"));
        }

        using var response = await user.Client.PatchAsJsonAsync("/api/users/me", new { name = "New Name", email = "ignored@x.example" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var renamed = await response.ReadJsonAsync();
        Api.AssertMembers(renamed, UserMembers);
        Assert.Equal("New Name", renamed.Str("name"));
        Assert.Equal(user.Email, renamed.Str("email"));
        Assert.True(Api.AssertUtcTimestamp(renamed.GetProperty("updatedAt")) >= Api.AssertUtcTimestamp(renamed.GetProperty("createdAt")));
        using var after = await user.Client.GetAsync("/api/users/me");
        Assert.Equal("New Name", (await after.ReadJsonAsync()).Str("name"));
    }

    [Theory]
    [InlineData("""{"name":""}""")]
    [InlineData("""{"name":"  "}""")]
    [InlineData("""{}""")]
    [InlineData("""{"name":"nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"}""")]
    public async Task Patch_me_with_an_invalid_name_is_400(string body)
    {
        var user = await _factory.CustomerAsync();

        using var response = await user.Client.SendJsonAsync(HttpMethod.Patch, "/api/users/me", body);

        await response.AssertValidationProblemAsync("name");
    }

    [Fact]
    public async Task Patch_me_without_a_token_is_401()
    {
        using var client = _factory.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        using var response = await client.PatchAsJsonAsync("/api/users/me", new { name = "Mallory" });

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        using var anonymous = _factory.CreateAnonymousClient();
        using var noToken = await anonymous.PatchAsJsonAsync("/api/users/me", new { name = "Mallory" });
        await noToken.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}
