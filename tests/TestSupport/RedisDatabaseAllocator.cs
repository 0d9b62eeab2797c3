using System.Globalization;
using StackExchange.Redis;

namespace Shop.TestSupport;

/// <summary>
/// Hands out the databases 1..N-1 of one Redis server so that no two holders share one, whether they are in this
/// test process or in another process given the same server (SHOP_TEST_REDIS).
/// </summary>
/// <remarks>
/// A database is claimed with SET NX on a marker key in database 0 (never handed out), so the holder may flush its
/// own database without dropping its claim. The marker expires unless renewed, so a crashed process frees its
/// databases within <see cref="ClaimLifetime"/>; a disposed claim deletes its marker at once.
/// </remarks>
public sealed class RedisDatabaseAllocator : IAsyncDisposable
{
    /// <summary>How long a claim survives its holder without being renewed.</summary>
    public static readonly TimeSpan ClaimLifetime = TimeSpan.FromMinutes(2);

    private const string MarkerPrefix = "shop-test:redis-database:";

    // Only the holder that set the marker may renew or delete it.
    private const string RenewScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          return redis.call('PEXPIRE', KEYS[1], ARGV[2])
        end
        return 0
        """;

    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          return redis.call('DEL', KEYS[1])
        end
        return 0
        """;

    /// <summary>How often a held claim is renewed: four times per <see cref="ClaimLifetime"/>.</summary>
    internal static readonly TimeSpan RenewEvery = ClaimLifetime / 4;
    private static readonly TimeSpan RetryEvery = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan WaitAtMost = TimeSpan.FromMinutes(3);

    private readonly string _connectionString;
    private readonly int _databaseCount;
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private ConnectionMultiplexer? _connection;

    /// <param name="connectionString">StackExchange.Redis configuration of the server (any database).</param>
    /// <param name="databaseCount">The server's 'databases' setting: databases 1 to <paramref name="databaseCount"/> - 1 are handed out.</param>
    public RedisDatabaseAllocator(string connectionString, int databaseCount)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentOutOfRangeException.ThrowIfLessThan(databaseCount, 2);
        _connectionString = connectionString;
        _databaseCount = databaseCount;
    }

    /// <summary>
    /// Claims a database nobody holds, empties it and returns the claim; waits while every database is held.
    /// Dispose the claim when done with the database.
    /// </summary>
    public async Task<RedisDatabaseClaim> ClaimAsync()
    {
        var connection = await ConnectAsync();
        var markers = connection.GetDatabase(0);
        var owner = string.Create(
            CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}");
        var waited = TimeSpan.Zero;
        while (true)
        {
            for (var index = 1; index < _databaseCount; index++)
            {
                if (await markers.StringSetAsync(Marker(index), owner, ClaimLifetime, When.NotExists))
                {
                    await connection.GetServers()[0].FlushDatabaseAsync(index);
                    return new RedisDatabaseClaim(this, index, owner);
                }
            }

            if (waited >= WaitAtMost)
            {
                throw new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"All {_databaseCount - 1} Redis databases of '{_connectionString}' stayed claimed for {WaitAtMost.TotalMinutes:0} min "
                    + $"(marker keys {MarkerPrefix}N in database 0; a crashed process's claims expire after {ClaimLifetime.TotalMinutes:0} min)."));
            }

            await Task.Delay(RetryEvery);
            waited += RetryEvery;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _connectGate.Dispose();
    }

    /// <summary>The key in database 0 that marks database <paramref name="index"/> as claimed.</summary>
    public static string Marker(int index) => MarkerPrefix + index.ToString(CultureInfo.InvariantCulture);

    internal async Task<bool> RenewAsync(int index, string owner)
    {
        var connection = await ConnectAsync();
        var renewed = await connection.GetDatabase(0).ScriptEvaluateAsync(
            RenewScript, [Marker(index)], [owner, (long)ClaimLifetime.TotalMilliseconds]);
        return (long)renewed == 1;
    }

    internal async Task ReleaseAsync(int index, string owner)
    {
        var connection = await ConnectAsync();
        await connection.GetDatabase(0).ScriptEvaluateAsync(ReleaseScript, [Marker(index)], [owner]);
    }

    private async Task<ConnectionMultiplexer> ConnectAsync()
    {
        if (_connection is { } connected)
        {
            return connected;
        }

        await _connectGate.WaitAsync();
        try
        {
            return _connection ??= await ConnectionMultiplexer.ConnectAsync(_connectionString + ",allowAdmin=true");
        }
        finally
        {
            _connectGate.Release();
        }
    }
}

/// <summary>One Redis database held by one fixture until disposed; the claim is renewed in the background meanwhile.</summary>
public sealed class RedisDatabaseClaim : IAsyncDisposable
{
    private readonly RedisDatabaseAllocator _allocator;
    private readonly string _owner;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewal;
    private int _disposed;

    internal RedisDatabaseClaim(RedisDatabaseAllocator allocator, int index, string owner)
    {
        _allocator = allocator;
        _owner = owner;
        Index = index;
        _renewal = Task.Run(RenewUntilDisposedAsync);
    }

    /// <summary>The database number (1 or more).</summary>
    public int Index { get; }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        await _renewal;
        _stop.Dispose();
        try
        {
            await _allocator.ReleaseAsync(Index, _owner);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The marker expires by itself.
        }
    }

    private async Task RenewUntilDisposedAsync()
    {
        using var timer = new PeriodicTimer(RedisDatabaseAllocator.RenewEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    await _allocator.RenewAsync(Index, _owner);
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    // Try again at the next tick; the claim lives ClaimLifetime, four ticks.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }
}
