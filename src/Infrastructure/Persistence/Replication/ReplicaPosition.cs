using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Shop.Infrastructure.Persistence.Replication;

/// <summary>
/// How far the read replica has replayed the primary's log, sampled every <see cref="SampleInterval"/> in the
/// background, so that routing a read costs no round trip. A replica that does not answer, is not in recovery
/// (misconfigured: <c>pg_last_wal_replay_lsn()</c> is null on a primary) or has not been sampled for
/// <see cref="TrustedFor"/> is unknown, and every read goes to the primary.
/// </summary>
internal sealed partial class ReplicaPosition : BackgroundService
{
    public static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(5);
    public static readonly TimeSpan TrustedFor = TimeSpan.FromSeconds(1);

    private readonly ReplicaSettings _settings;
    private readonly TimeProvider _clock;
    private readonly ILogger<ReplicaPosition> _logger;
    private Sample? _last;

    public ReplicaPosition(ReplicaSettings settings, TimeProvider clock, ILogger<ReplicaPosition> logger)
    {
        _settings = settings;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Whether reads have a replica distinct from the primary at all.</summary>
    public bool Enabled => _settings.Enabled;

    /// <summary>The replayed position, or null while the replica is unknown.</summary>
    public ulong? Replayed =>
        _last is { } last && _clock.GetUtcNow() - last.At < TrustedFor ? last.Position : null;

    /// <summary>Whether a read that must include <paramref name="mustSee"/> (null: nothing in particular) may use the replica.</summary>
    public bool CanServe(ulong? mustSee) =>
        !Enabled || (Replayed is { } replayed && (mustSee is null || replayed >= mustSee));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        await using var dataSource = NpgsqlDataSource.Create(_settings.ReplicaConnectionString);
        var known = true;
        using var timer = new PeriodicTimer(SampleInterval, _clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var command = dataSource.CreateCommand("SELECT pg_last_wal_replay_lsn()");
                var value = await command.ExecuteScalarAsync(stoppingToken);
                var position = value is NpgsqlTypes.NpgsqlLogSequenceNumber lsn ? (ulong?)(ulong)lsn : null;
                _last = new Sample(position, _clock.GetUtcNow());
                if (!known && position is not null)
                {
                    LogKnownAgain();
                }

                known = position is not null;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                if (known)
                {
                    LogUnknown(exception);
                }

                known = false;
                await Task.Delay(TrustedFor / 4, _clock, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The read replica did not answer; reads go to the primary until it does")]
    private partial void LogUnknown(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "The read replica answers again; reads use it when it has replayed what they need")]
    private partial void LogKnownAgain();

    private sealed record Sample(ulong? Position, DateTimeOffset At);
}

/// <summary>The replica's connection string, when one is configured apart from the primary.</summary>
internal sealed record ReplicaSettings(string PrimaryConnectionString, string ReplicaConnectionString)
{
    public bool Enabled => !string.Equals(PrimaryConnectionString, ReplicaConnectionString, StringComparison.Ordinal);
}
