using Microsoft.Extensions.DependencyInjection;
using Shop.Application.EdgePorts;
using Shop.Application.Identity.Ports;
using Shop.Application.Persistence;
using Shop.Infrastructure.IntegrationTests.Support;

namespace Shop.Infrastructure.IntegrationTests.Persistence;

/// <summary>Read-your-writes: the unit of work keeps where the primary's log stood after its commit, only where a replica is read.</summary>
public sealed class WritePositionTests : IClassFixture<MigratedDatabaseFixture>
{
    private readonly MigratedDatabaseFixture _fixture;

    public WritePositionTests(MigratedDatabaseFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task A_commit_records_the_primarys_log_position_after_it()
    {
        var user = await Seed.UserAsync(_fixture);
        await using var instance = WithReplica();
        await using var scope = instance.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var before = await LogPositionAsync();
        var unitOfWork = services.GetRequiredService<IUnitOfWork>();

        await unitOfWork.BeginTransactionAsync(CancellationToken.None);
        (await services.GetRequiredService<IUserRepository>().GetByIdAsync(user.Id, CancellationToken.None))!.Rename("Renamed", TimeProvider.System);
        await unitOfWork.SaveChangesAsync(CancellationToken.None);
        await unitOfWork.CommitAsync(CancellationToken.None);

        var readYourWrites = services.GetRequiredService<ReadYourWrites>();
        Assert.NotNull(readYourWrites.Wrote);
        Assert.True(readYourWrites.Wrote > before, $"{readYourWrites.Wrote} should be past {before}, where the log stood before the commit.");
        Assert.Equal(readYourWrites.Wrote, readYourWrites.MustSee);
    }

    [Fact]
    public async Task A_rolled_back_change_records_nothing()
    {
        var user = await Seed.UserAsync(_fixture);
        await using var instance = WithReplica();
        await using var scope = instance.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var unitOfWork = services.GetRequiredService<IUnitOfWork>();

        await unitOfWork.BeginTransactionAsync(CancellationToken.None);
        (await services.GetRequiredService<IUserRepository>().GetByIdAsync(user.Id, CancellationToken.None))!.Rename("Renamed", TimeProvider.System);
        await unitOfWork.SaveChangesAsync(CancellationToken.None);
        await unitOfWork.RollbackAsync(CancellationToken.None);

        Assert.Null(services.GetRequiredService<ReadYourWrites>().Wrote);
    }

    [Fact]
    public async Task Without_a_replica_a_commit_asks_for_no_position()
    {
        await using var scope = _fixture.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var unitOfWork = services.GetRequiredService<IUnitOfWork>();

        await unitOfWork.BeginTransactionAsync(CancellationToken.None);
        await unitOfWork.CommitAsync(CancellationToken.None);

        Assert.Null(services.GetRequiredService<ReadYourWrites>().Wrote);
    }

    // Another connection string to the same server counts as a replica: the position is asked of the primary all the same.
    private ServiceProvider WithReplica() =>
        _fixture.NewInstance(new Dictionary<string, string?> { ["ConnectionStrings:PostgresRead"] = _fixture.ConnectionString + ";Application Name=replica" });

    private async Task<ulong> LogPositionAsync() =>
        (ulong)await _fixture.ScalarAsync<NpgsqlTypes.NpgsqlLogSequenceNumber>("SELECT pg_current_wal_insert_lsn()");
}
