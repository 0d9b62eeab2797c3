using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Shop.WebApi.FunctionalTests.Support;
using Shop.WebApi.Http.Problems;

namespace Shop.WebApi.FunctionalTests.Operations;

/// <summary>
/// Every kind of bad request the format tests send, replayed through the problem mapping with the framework's
/// messages reworded: the problem must not change, so a framework update that rewords a message cannot turn a
/// 400 into a 500 (or change a field name).
/// </summary>
public sealed class FrameworkWordingTests : IClassFixture<FrameworkWordingTests.ProbingShopApiFactory>
{
    private const string SomeId = "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
    private readonly ProbingShopApiFactory _factory;

    public FrameworkWordingTests(ProbingShopApiFactory factory) => _factory = factory;

    public static TheoryData<RequestFormatTests.Caller, string, string, string?, string?> BadRequests()
    {
        var data = new TheoryData<RequestFormatTests.Caller, string, string, string?, string?>();
        foreach (var row in RequestFormatTests.MalformedBodies)
        {
            data.Add((RequestFormatTests.Caller)row[0], (string)row[1], (string)row[2], (string)row[3], "application/json");
        }

        foreach (var row in RequestFormatTests.WrongTypes)
        {
            data.Add((RequestFormatTests.Caller)row[0], (string)row[1], (string)row[2], (string)row[3], "application/json");
        }

        data.Add(RequestFormatTests.Caller.Anonymous, "GET", "/api/products?page=abc", null, null);
        data.Add(RequestFormatTests.Caller.Anonymous, "GET", "/api/products?pageSize=2147483648", null, null);
        data.Add(RequestFormatTests.Caller.Customer, "GET", "/api/orders?page=1.5", null, null);
        data.Add(RequestFormatTests.Caller.Admin, "POST", "/api/products", null, null);
        data.Add(RequestFormatTests.Caller.Admin, "POST", "/api/products", "null", "application/json");
        return data;
    }

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_request_maps_to_the_same_problem_whatever_the_framework_message_says(
        RequestFormatTests.Caller caller, string method, string url, string? body, string? contentType)
    {
        var client = caller switch
        {
            RequestFormatTests.Caller.Admin => (await _factory.AdminAsync()).Client,
            RequestFormatTests.Caller.Customer => (await _factory.CustomerAsync()).Client,
            _ => _factory.CreateAnonymousClient(),
        };
        _factory.Probe.Seen.Clear();
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType!);
        }

        using var response = await client.SendAsync(request);

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{method} {url} answered {(int)response.StatusCode}");
        var (original, reworded) = Assert.Single(_factory.Probe.Seen);
        Assert.NotNull(original);
        Assert.Equal(original, reworded);
        var problem = await response.ReadJsonAsync();
        Assert.Equal((int)response.StatusCode, problem.GetProperty("status").GetInt32());
        Assert.Contains($"\"status\":{(int)response.StatusCode}", original, StringComparison.Ordinal);
    }

    /// <summary>The shop's host with a probe that sees each bad request before the problem mapping answers it.</summary>
    public sealed class ProbingShopApiFactory : ShopApiFactory
    {
        public RewordingProbe Probe { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.Insert(0, ServiceDescriptor.Singleton<IExceptionHandler>(Probe)));
        }
    }

    /// <summary>Maps each bad request twice, as thrown and with every message reworded, and records both problems.</summary>
    public sealed class RewordingProbe : IExceptionHandler
    {
        private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

        public ConcurrentQueue<(string? Original, string? Reworded)> Seen { get; } = new();

        public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is BadHttpRequestException badRequest)
            {
                var inner = Reword(badRequest.InnerException);
                var reworded = inner is null
                    ? new BadHttpRequestException("Reworded by a future framework.", badRequest.StatusCode)
                    : new BadHttpRequestException("Reworded by a future framework.", badRequest.StatusCode, inner);
                Seen.Enqueue((Describe(ProblemMapping.ToProblem(badRequest, httpContext)), Describe(ProblemMapping.ToProblem(reworded, httpContext))));
            }

            return ValueTask.FromResult(false);
        }

        private static Exception? Reword(Exception? inner) => inner switch
        {
            { } json when json.GetType() == typeof(JsonException) => new JsonException(
                "Reworded by a future framework.", ((JsonException)json).Path, ((JsonException)json).LineNumber,
                ((JsonException)json).BytePositionInLine, Reword(json.InnerException)),
            FormatException => new FormatException("Reworded by a future framework."),
            InvalidOperationException => new InvalidOperationException("Reworded by a future framework."),
            _ => inner,
        };

        private static string? Describe(ProblemDetails? problem) => problem switch
        {
            null => null,
            HttpValidationProblemDetails validation => JsonSerializer.Serialize(new { validation.Status, validation.Title, validation.Detail, validation.Errors }, Json),
            _ => JsonSerializer.Serialize(new { problem.Status, problem.Title, problem.Detail }, Json),
        };
    }
}
