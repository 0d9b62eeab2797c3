using System.Net;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Operations.Outages;

internal static class OutageAssertions
{
    /// <summary>The promised answer to a request that needs a server that is down: a 503 problem with Retry-After.</summary>
    public static async Task AssertUnavailableAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.True(
            response.Headers.RetryAfter?.Delta > TimeSpan.Zero,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: Retry-After is missing");
    }

    public static async Task AssertStatusAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: "
                + $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        }
    }
}
