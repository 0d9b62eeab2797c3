using System.Collections.Concurrent;
using System.Net;
using Shop.TestSupport;

namespace Shop.WebApi.FunctionalTests.Support;

/// <summary>
/// A tiny OTLP/HTTP endpoint: accepts every POST on a loopback port, answers 200 with an empty (valid) protobuf
/// response and remembers the paths and body sizes it was sent.
/// </summary>
public sealed class OtlpListener : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Path, long Bytes)> _received = new();
    private readonly Task _serving;

    public OtlpListener(int? port = null, string host = "127.0.0.1")
    {
        Port = port ?? FreePort.Next();
        _listener.Prefixes.Add($"http://{host}:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}");

    public IReadOnlyList<(string Path, long Bytes)> Received => [.. _received];

    /// <summary>Waits until a POST arrived on each of <paramref name="paths"/>; false after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForAsync(TimeSpan timeout, params string[] paths)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (paths.All(path => _received.Any(item => item.Path == path && item.Bytes > 0)))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends with the listener.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            _received.Enqueue((context.Request.Url?.AbsolutePath ?? "", body.Length));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.ContentLength64 = 0;
            context.Response.Close();
        }
    }
}
