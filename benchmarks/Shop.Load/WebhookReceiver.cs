using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Shop.Load;

/// <summary>
/// A webhook receiver on a loopback port that answers 204 at once and records, per delivery, the time from the
/// event's timestamp (taken when the change was written, just before its COMMIT) to the delivery's arrival.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<double> _lagMilliseconds = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private long _received;

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public long Received => Interlocked.Read(ref _received);

    public int Distinct
    {
        get
        {
            lock (_ids)
            {
                return _ids.Count;
            }
        }
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", (Delegate)receiver.ReceiveAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Address = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    /// <summary>Forgets what arrived so far: the next figures cover one phase only.</summary>
    public void Reset()
    {
        lock (_lagMilliseconds)
        {
            _lagMilliseconds.Clear();
        }
    }

    public (double Median, double P99, int Count) Lag()
    {
        lock (_lagMilliseconds)
        {
            if (_lagMilliseconds.Count == 0)
            {
                return (double.NaN, double.NaN, 0);
            }

            var sorted = _lagMilliseconds.Order().ToArray();
            return (sorted[sorted.Length / 2], sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * 0.99) - 1)], sorted.Length);
        }
    }

    private async Task<IResult> ReceiveAsync(HttpContext context)
    {
        var arrived = DateTime.UtcNow;
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var timestamp = body.RootElement.GetProperty("timestamp").GetDateTime().ToUniversalTime();
        Interlocked.Increment(ref _received);
        lock (_ids)
        {
            _ids.Add(context.Request.Headers["webhook-id"].ToString());
        }

        lock (_lagMilliseconds)
        {
            _lagMilliseconds.Add((arrived - timestamp).TotalMilliseconds);
        }

        return Results.NoContent();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
