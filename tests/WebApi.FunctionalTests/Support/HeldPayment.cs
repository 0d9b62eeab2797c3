using System.Diagnostics;
using Npgsql;

namespace Shop.WebApi.FunctionalTests.Support;

/// <summary>
/// A payment held in flight: the test locks its order's row in a transaction of its own, so the payment (which takes the
/// order FOR UPDATE) waits on that lock, keeping its concurrency limiter permit and any idempotency claim, until the test
/// releases it.
/// </summary>
public sealed class HeldPayment : IAsyncDisposable
{
    private static readonly TimeSpan LockWaitDeadline = TimeSpan.FromSeconds(15);

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private HeldPayment(NpgsqlConnection connection, NpgsqlTransaction transaction, Task<HttpResponseMessage> payment)
    {
        _connection = connection;
        _transaction = transaction;
        Payment = payment;
    }

    public Task<HttpResponseMessage> Payment { get; }

    /// <param name="pay">Sends the payment of <paramref name="orderId"/>, once the test holds the order's row.</param>
    public static async Task<HeldPayment> StartAsync(ShopApiFactory factory, Guid orderId, Func<Task<HttpResponseMessage>> pay)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(pay);
        var connection = new NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var lockOrder = new NpgsqlCommand("SELECT 1 FROM orders WHERE id = $1 FOR UPDATE", connection, transaction))
        {
            lockOrder.Parameters.Add(new NpgsqlParameter { Value = orderId });
            await lockOrder.ExecuteNonQueryAsync();
        }

        var held = new HeldPayment(connection, transaction, pay());
        await held.WaitUntilBlockedAsync();
        return held;
    }

    public Task ReleaseAsync() => _transaction.RollbackAsync();

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }

    /// <summary>Polls pg_locks until the payment waits for the lock this session holds.</summary>
    private async Task WaitUntilBlockedAsync()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM pg_locks WHERE NOT granted AND pg_backend_pid() = ANY(pg_blocking_pids(pid))", _connection, _transaction);
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            if (Payment.IsCompleted)
            {
                using var early = await Payment;
                Assert.Fail($"The payment did not wait for the order's lock: {(int)early.StatusCode} {await early.Content.ReadAsStringAsync()}");
            }

            Assert.True(clock.Elapsed < LockWaitDeadline, "The payment never waited for the order's lock");
            await Task.Delay(50);
        }
    }
}
