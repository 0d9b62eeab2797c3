using Shop.Application.EdgePorts;
using Shop.Application.Errors;
using Shop.Application.Identity.Ports;

namespace Shop.WebApi.Http.Authentication;

/// <summary>
/// Read-your-writes across instances and a lagging replica: a request's reads must include the session's last write,
/// and a write this request commits is kept with the session before its response starts, so the client's next
/// request, on any instance, reads it (see docs/adr/0006-read-your-writes.md).
/// </summary>
internal static class ReadYourWrites
{
    public static void Track(HttpContext context, string token, SessionInfo session, ReadConsistency consistency, ISessionStore sessions)
    {
        consistency.KnowClient();
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
            catch (ServiceUnavailableException)
            {
                // The change is committed: its response stands (the outage log has the Redis failure). The client's
                // next reads may come from a replica that has not replayed it yet, for at most the replica's lag.
            }
        });
    }
}
