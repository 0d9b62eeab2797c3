using Microsoft.Extensions.DependencyInjection;
using Shop.Application.EdgePorts;
using Shop.Application.Errors;
using Shop.Application.Persistence;
using Shop.Infrastructure.Idempotency;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// Idempotency records on real PostgreSQL: a record another run committed first is the 409 conflict; past their
/// retention (24 hours) the lookup ignores them and the sweep removes them.
/// </summary>
public sealed class IdempotencyRecordTests : IClassFixture<MigratedDatabaseFixture>
{
    private static readonly FixedClock Clock = new(Seed.DefaultNow);

    private readonly MigratedDatabaseFixture _fixture;

    public IdempotencyRecordTests(MigratedDatabaseFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task The_sweep_removes_the_records_older_than_24_hours_in_batches_and_keeps_the_others()
    {
        var user = Guid.NewGuid();
        var old = IdempotencyRecordSweep.BatchSize * 2 + 5;
        await InsertAsync(user, "old", old, Clock.Now - TimeSpan.FromHours(25));
        await InsertAsync(user, "fresh", 3, Clock.Now - TimeSpan.FromHours(23));

        var removed = await _fixture.InScopeAsync(services =>
            new IdempotencyRecordSweep(services.GetRequiredService<ShopDbContext>(), Clock).RunAsync(CancellationToken.None));

        Assert.Equal(old, removed);
        Assert.Equal(0L, await CountAsync(user, "old"));
        Assert.Equal(3L, await CountAsync(user, "fresh"));
    }

    [Fact]
    public async Task The_lookup_ignores_a_record_older_than_24_hours_and_removes_it_so_the_key_can_be_used_again()
    {
        var user = Guid.NewGuid();
        await InsertAsync(user, "expired", 1, Clock.Now - TimeSpan.FromHours(25));
        await InsertAsync(user, "kept", 1, Clock.Now - TimeSpan.FromHours(23));

        var (expired, kept) = await _fixture.InScopeAsync(async services =>
        {
            var records = new IdempotencyRecords(services.GetRequiredService<ShopDbContext>(), Clock);
            return (await records.FindAsync(new IdempotencyKey(user, "expired", "key-0"), CancellationToken.None),
                await records.FindAsync(new IdempotencyKey(user, "kept", "key-0"), CancellationToken.None));
        });

        Assert.Null(expired);
        Assert.Equal(new RecordedOutcome("request", """{"n": 0}"""), kept);
        Assert.Equal(0L, await CountAsync(user, "expired"));
    }

    [Fact]
    public async Task Adding_a_record_that_another_run_committed_first_is_the_idempotency_key_in_flight_conflict()
    {
        var user = Guid.NewGuid();
        await InsertAsync(user, "raced", 1, Clock.Now);

        var conflict = await _fixture.InScopeAsync(async services =>
        {
            var unitOfWork = services.GetRequiredService<IUnitOfWork>();
            await unitOfWork.BeginTransactionAsync(CancellationToken.None);
            services.GetRequiredService<IIdempotencyRecords>().Add(new IdempotencyKey(user, "raced", "key-0"), "request", "{}");
            var refused = await Assert.ThrowsAsync<ConflictException>(() => unitOfWork.SaveChangesAsync(CancellationToken.None));
            await unitOfWork.RollbackAsync(CancellationToken.None);
            return refused;
        });

        Assert.Equal("idempotency-key-in-flight", conflict.Code);
        Assert.Equal(1L, await CountAsync(user, "raced"));
    }

    [Fact]
    public async Task A_lookup_waits_for_a_transaction_working_under_the_same_key_and_then_finds_what_it_committed()
    {
        var key = new IdempotencyKey(Guid.NewGuid(), "post /api/orders", "slow-commit");
        await using var firstScope = _fixture.Services.CreateAsyncScope();
        var firstUnit = firstScope.ServiceProvider.GetRequiredService<IUnitOfWork>();
        var firstRecords = firstScope.ServiceProvider.GetRequiredService<IIdempotencyRecords>();
        await firstUnit.BeginTransactionAsync(CancellationToken.None);
        Assert.Null(await firstRecords.FindAsync(key, CancellationToken.None));
        firstRecords.Add(key, "request", """{"id": 1}""");
        await firstUnit.SaveChangesAsync(CancellationToken.None);

        await using var retryScope = _fixture.Services.CreateAsyncScope();
        var retryUnit = retryScope.ServiceProvider.GetRequiredService<IUnitOfWork>();
        await retryUnit.BeginTransactionAsync(CancellationToken.None);
        var retry = retryScope.ServiceProvider.GetRequiredService<IIdempotencyRecords>().FindAsync(key, CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.False(retry.IsCompleted, "the retry's lookup must wait while the first transaction has not ended");

        await firstUnit.CommitAsync(CancellationToken.None);
        var found = await retry.WaitAsync(TimeSpan.FromSeconds(10));
        await retryUnit.RollbackAsync(CancellationToken.None);

        Assert.Equal(new RecordedOutcome("request", """{"id": 1}"""), found);
    }

    // Keys key-0, key-1, ... of one route, as the stores hash them.
    private Task<int> InsertAsync(Guid user, string route, int count, DateTimeOffset createdAt) =>
        _fixture.ExecuteAsync(
            """
            INSERT INTO idempotency_keys (user_id, route, key_hash, request_hash, response, created_at)
            SELECT $1, $2, encode(sha256(convert_to('key-' || n, 'UTF8')), 'hex'), 'request', jsonb_build_object('n', n), $3
            FROM generate_series(0, $4 - 1) AS n
            """,
            user, route, createdAt, count);

    private Task<long> CountAsync(Guid user, string route) =>
        _fixture.ScalarAsync<long>("SELECT count(*) FROM idempotency_keys WHERE user_id = $1 AND route = $2", user, route);
}
