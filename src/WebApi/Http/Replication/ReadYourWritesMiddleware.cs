using Shop.Application.EdgePorts;
using Shop.Application.Errors;
using Shop.WebApi.Http.Authentication;

namespace Shop.WebApi.Http.Replication;

/// <summary>
/// Read-your-writes across instances and a lagging replica (docs/adr/0006-read-your-writes.md): a signed-in client's
/// reads must include its last write, wherever it was made; a write this request commits is kept for its session before
/// the response starts, so its next request, on any instance, reads it. Used only where a replica is configured.
/// </summary>
internal sealed class ReadYourWritesMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ISessionWritePositions _positions;

    public ReadYourWritesMiddleware(RequestDelegate next, ISessionWritePositions positions)
    {
        _next = next;
        _positions = positions;
    }

    public async Task InvokeAsync(HttpContext context, ReadYourWrites readYourWrites)
    {
        if (context.User.Identity?.IsAuthenticated != true || BearerAuthentication.TokenOf(context.Request) is not { } token)
        {
            await _next(context);
            return;
        }

        ulong? lastWrite;
        try
        {
            lastWrite = await _positions.LastWriteAsync(token, context.RequestAborted);
        }
        catch (ServiceUnavailableException)
        {
            // Unknown: the primary has every write.
            lastWrite = ulong.MaxValue;
        }

        readYourWrites.RequireSeen(lastWrite);
        context.Response.OnStarting(() => RecordAsync(token, lastWrite, readYourWrites));
        await _next(context);
    }

    private async Task RecordAsync(string token, ulong? lastWrite, ReadYourWrites readYourWrites)
    {
        if (readYourWrites.Wrote is not { } wrote || wrote <= (lastWrite ?? 0))
        {
            return;
        }

        try
        {
            await _positions.RecordAsync(token, wrote, CancellationToken.None);
        }
        catch (ServiceUnavailableException)
        {
            // The change is committed and its response stands (the outage log has the Redis failure); the client's next
            // reads may come from a replica that has not replayed it, for at most the replica's lag.
        }
    }
}

internal static class ReadYourWritesSetup
{
    /// <summary>After authentication; only where reads may use a replica.</summary>
    public static IApplicationBuilder UseReadYourWrites(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<ISessionWritePositions>().ReplicaConfigured
            ? app.UseMiddleware<ReadYourWritesMiddleware>()
            : app;
}
