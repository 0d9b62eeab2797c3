using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Shop.Infrastructure.Diagnostics;

/// <summary>
/// Reports PostgreSQL to the <see cref="OutageLog"/>: a failed open, or a command failing transiently (the server went
/// away under it), starts or counts into an outage; a successful open ends it.
/// </summary>
internal sealed class DatabaseOutages : IDbConnectionInterceptor, IDbCommandInterceptor
{
    private readonly OutageLog _outages;

    public DatabaseOutages(OutageLog outages) => _outages = outages;

    public void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        _outages.Answered(OutageLog.PostgreSql);

    public Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        _outages.Answered(OutageLog.PostgreSql);
        return Task.CompletedTask;
    }

    public void ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        _outages.Failed(OutageLog.PostgreSql, eventData.Exception);
    }

    public Task ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ConnectionFailed(connection, eventData);
        return Task.CompletedTask;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Exception is DbException { IsTransient: true })
        {
            _outages.Failed(OutageLog.PostgreSql, eventData.Exception);
        }
    }

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        CommandFailed(command, eventData);
        return Task.CompletedTask;
    }

    /// <summary>
    /// EF Core's own error events for a failed connection, command or query would log a stack trace per request
    /// during an outage; the <see cref="OutageLog"/> reports outages, and an unexpected failure still reaches the
    /// exception handler, which logs it once as an unhandled error.
    /// </summary>
    public static DbContextOptionsBuilder QuietFailureEvents(DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(warnings => warnings.Log(
            (RelationalEventId.ConnectionError, LogLevel.Debug),
            (RelationalEventId.CommandError, LogLevel.Debug),
            (RelationalEventId.TransactionError, LogLevel.Debug),
            (CoreEventId.QueryIterationFailed, LogLevel.Debug),
            (CoreEventId.SaveChangesFailed, LogLevel.Debug)));
}
