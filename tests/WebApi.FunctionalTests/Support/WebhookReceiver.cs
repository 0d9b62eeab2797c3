using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Shop.WebApi.FunctionalTests.Support;

/// <summary>
/// A webhook consumer: a Kestrel app on a loopback port that records every request it is sent and answers with the
/// status <see cref="Answer"/> gives (200 unless told; a 3xx also names a <c>Location</c> on this receiver).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string RedirectTarget = "/redirected";

    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>The status for a request, given it and how many requests with its webhook-id came before it.</summary>
    public Func<ReceivedWebhook, int, int> Answer { get; set; } = (_, _) => 200;

    /// <summary>How long to wait before answering a request (none unless told).</summary>
    public Func<ReceivedWebhook, TimeSpan> Delay { get; set; } = _ => TimeSpan.Zero;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.BaseAddress = new Uri(address);
        return receiver;
    }

    /// <summary>A URL on this receiver; its path tells one subscription's requests from another's.</summary>
    public Uri Url(string path) => new(BaseAddress, path);

    /// <summary>The requests on <paramref name="path"/>, in arrival order.</summary>
    public IReadOnlyList<ReceivedWebhook> On(string path) => [.. _received.Where(request => request.Path == path)];

    /// <summary>Waits until <paramref name="done"/> holds for the requests received; fails the test after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> done, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(done);
        using var cts = new CancellationTokenSource(timeout);
        while (!done(Received))
        {
            if (cts.IsCancellationRequested)
            {
                Assert.Fail($"Waited {timeout.TotalSeconds:0} s for {what}; received: {string.Join(", ", Received.Select(r => $"{r.Path} {r.Type} {r.WebhookId}"))}");
            }

            await Task.Delay(20, CancellationToken.None);
        }

        return Received;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new ReceivedWebhook(context.Request.Path, context.Request.Method, body, headers, DateTimeOffset.UtcNow);
        var earlier = _received.Count(other => other.WebhookId is { } id && id == request.WebhookId);
        _received.Enqueue(request);
        await Task.Delay(Delay(request), context.RequestAborted);
        var status = Answer(request, earlier);
        context.Response.StatusCode = status;
        if (status is >= 300 and < 400)
        {
            context.Response.Headers.Location = RedirectTarget;
        }
    }
}

/// <summary>One request a <see cref="WebhookReceiver"/> was sent.</summary>
public sealed record ReceivedWebhook(string Path, string Method, string Body, IReadOnlyDictionary<string, string> Headers, DateTimeOffset At)
{
    public string? WebhookId => Headers.TryGetValue("webhook-id", out var id) ? id : null;

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Type => Body.Length > 0 ? Json.GetProperty("type").GetString() : null;

    /// <summary>The id in the event's data (the order's or product's).</summary>
    public Guid ResourceId => Json.GetProperty("data").GetProperty("id").GetGuid();
}
