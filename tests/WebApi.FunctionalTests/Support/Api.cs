using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Shop.WebApi.FunctionalTests.Support;

/// <summary>Requests with raw bodies and the assertions every area shares.</summary>
internal static partial class Api
{
    public const string ProblemJson = "application/problem+json";

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static async Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, string rawJson)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(method, url) { Content = new StringContent(rawJson, Encoding.UTF8, "application/json") };
        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string rawJson) =>
        client.SendJsonAsync(HttpMethod.Post, url, rawJson);

    /// <summary>An RFC 9457 problem with every member the contract requires; returns the body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        ArgumentNullException.ThrowIfNull(response);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {raw}");
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(raw);
        var problem = document.RootElement.Clone();
        Assert.Equal(JsonValueKind.Object, problem.ValueKind);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("type").GetString()), "type is empty");
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), "title is empty");
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), "detail is empty");
        Assert.Equal(response.RequestMessage!.RequestUri!.AbsolutePath, problem.GetProperty("instance").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("traceId").GetString()), "traceId is empty");
        return problem;
    }

    /// <summary>A 400 problem whose `errors` object names (at least) these camelCase fields.</summary>
    public static async Task<JsonElement> AssertValidationProblemAsync(this HttpResponseMessage response, params string[] fields)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal(JsonValueKind.Object, errors.ValueKind);
        var names = errors.EnumerateObject().Select(property => property.Name).ToList();
        foreach (var field in fields)
        {
            Assert.True(errors.TryGetProperty(field, out var messages), $"errors has no '{field}' (has: {string.Join(", ", names)})");
            Assert.Equal(JsonValueKind.Array, messages.ValueKind);
            Assert.NotEmpty(messages.EnumerateArray());
            Assert.All(messages.EnumerateArray(), message => Assert.False(string.IsNullOrWhiteSpace(message.GetString())));
        }

        Assert.All(names, name => Assert.True(char.IsLower(name[0]), $"errors key '{name}' is not camelCase"));
        return problem;
    }

    /// <summary>The object has exactly these members.</summary>
    public static void AssertMembers(JsonElement value, params string[] names) =>
        Assert.Equal(names.Order(StringComparer.Ordinal), value.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

    /// <summary>ISO-8601 in UTC with the Z designator; returns the instant.</summary>
    public static DateTimeOffset AssertUtcTimestamp(JsonElement value)
    {
        var text = value.GetString();
        Assert.NotNull(text);
        Assert.Matches(UtcTimestamp(), text);
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    public static Guid Id(this JsonElement value) => value.GetProperty("id").GetGuid();

    public static string Str(this JsonElement value, string name) => value.GetProperty(name).GetString()!;

    public static decimal Money(this JsonElement value, string name) => value.GetProperty(name).GetDecimal();

    public static int Int(this JsonElement value, string name) => value.GetProperty(name).GetInt32();

    /// <summary>The money member exactly as the JSON text writes it (e.g. "12.50").</summary>
    public static string RawMoney(this JsonElement value, string name) => value.GetProperty(name).GetRawText();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$")]
    private static partial Regex UtcTimestamp();
}
