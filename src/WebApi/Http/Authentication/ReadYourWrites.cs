using Shop.Application.Common.Errors;
using Shop.Application.Common.Ports;
using Shop.Application.Identity.Ports;

namespace Shop.WebApi.Http.Authentication;

/// <summary>
/// Read-your-writes across instances and a lagging replica: a request's reads must include the session's last write,
/// and a write this request commits is kept with the session before its response starts, so the client's next
/// request, on any instance, reads it (see docs/adr/0006-read-your-writes.md).
/// </summary>
internal static partial class ReadYourWrites
{
    public static void Track(HttpContext context, string token, SessionInfo session, ReadConsistency consistency, ISessionStore sessions)
    {
        consistency.RequireSeen(session.LastWrite);
        context.Response.OnStarting(async () =>
        {
            if (consistency.Wrote is not { } wrote || wrote <= (session.LastWrite ?? 0))
            {
                return;
            }

            try
            {
                await sessions.RecordWriteAsync(token, wrote, CancellationToken.None);
            }
            catch (ServiceUnavailableException outage)
            {
                // The change is committed: its response stands. The client's next reads may come from a replica
                // that has not replayed it yet, for at most the replica's lag.
                LogNotRecorded(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ReadYourWrites)), outage);
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A write could not be kept with its session; the client may read the replica's older state until it catches up")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception);
}
