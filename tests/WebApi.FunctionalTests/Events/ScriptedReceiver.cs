using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Shop.WebApi.FunctionalTests.Events;

/// <summary>
/// An API consumer's webhook endpoint: a Kestrel server on a loopback port that records every delivery as it arrives
/// (before answering), checks its Standard Webhooks signature with the StandardWebhooks library, and answers as <see cref="Answer"/> says at that moment.
/// </summary>
public sealed class ScriptedReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Lock gate = new();
    private readonly List<ReceivedDelivery> received = [];

    private ScriptedReceiver(WebApplication app, string secret)
    {
        this.app = app;
        Secret = secret;
    }

    /// <summary>The subscription's secret: <c>whsec_</c> and the base64 of 32 random bytes.</summary>
    public string Secret { get; }

    /// <summary>The URL to subscribe.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>How the next deliveries are answered; changed by the test as it goes.</summary>
    public ReceiverAnswer Answer { get; set; } = ReceiverAnswer.Ok;

    /// <summary>Every delivery received so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedDelivery> Received
    {
        get
        {
            lock (gate)
            {
                return [.. received];
            }
        }
    }

    public static async Task<ScriptedReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var receiver = new ScriptedReceiver(
            builder.Build(), "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        receiver.app.MapPost("/hooks", receiver.ReceiveAsync);
        await receiver.app.StartAsync();
        var address = receiver.app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        receiver.Url = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/hooks");
        return receiver;
    }

    /// <summary>Waits until <paramref name="condition"/> holds for what was received; fails after <paramref name="deadline"/>.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<ReceivedDelivery>, bool> condition, TimeSpan deadline, string what, Func<Task<string>>? diagnostics = null)
    {
        var clock = Stopwatch.StartNew();
        while (!condition(Received))
        {
            if (clock.Elapsed > deadline)
            {
                Assert.Fail($"Not within {deadline.TotalSeconds:0} s: {what}. Received {Received.Count} deliveries, "
                    + $"{Received.Select(r => r.Id).Distinct().Count()} distinct webhook-ids.\n"
                    + (diagnostics is null ? string.Empty : await diagnostics()));
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(TimeSpan.FromSeconds(2));
        await app.DisposeAsync();
    }

    /// <summary>As a consumer checks it: with a Standard Webhooks library and the subscription's secret.</summary>
    private bool SignatureIsValid(string body, IHeaderDictionary headers)
    {
        try
        {
            new StandardWebhook(Secret).Verify(body, headers);
            return true;
        }
        catch (WebhookVerificationException)
        {
            return false;
        }
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers;
        var answer = Answer;
        var delivery = new ReceivedDelivery(
            headers["webhook-id"].ToString(),
            headers["webhook-timestamp"].ToString(),
            body,
            SignatureIsValid(body, headers),
            context.Request.ContentType,
            DateTime.UtcNow,
            answer.Status);
        lock (gate)
        {
            received.Add(delivery);
        }

        try
        {
            await Task.Delay(answer.Delay, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The sender gave up or died while we waited.
        }

        context.Response.StatusCode = answer.Status;
    }
}

/// <summary>How a receiver answers: after <paramref name="Delay"/>, with <paramref name="Status"/>.</summary>
public sealed record ReceiverAnswer(TimeSpan Delay, int Status)
{
    public static readonly ReceiverAnswer Ok = new(TimeSpan.Zero, StatusCodes.Status200OK);

    /// <summary>A 503 at once: the delivery is retried later.</summary>
    public static readonly ReceiverAnswer Unavailable = new(TimeSpan.Zero, StatusCodes.Status503ServiceUnavailable);

    /// <summary>No answer within any sender's timeout: the delivery stays in flight until the sender gives up or dies.</summary>
    public static readonly ReceiverAnswer Hold = new(TimeSpan.FromMinutes(2), StatusCodes.Status200OK);
}

/// <summary>One delivery as the receiver saw it: when it arrived (UTC), and the status it was (or is being) answered with.</summary>
public sealed record ReceivedDelivery(
    string Id, string Timestamp, string Body, bool SignatureValid, string? ContentType, DateTime ArrivedAt, int AnsweredStatus);
