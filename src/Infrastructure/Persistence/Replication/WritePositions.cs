using System.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Shop.Application.EdgePorts;

namespace Shop.Infrastructure.Persistence.Replication;

/// <summary>
/// After a commit, where the primary's log stands, kept for the request (<see cref="ReadYourWrites.Wrote"/>) so that
/// the client's next reads include the write. The insert position, not <c>pg_current_wal_lsn()</c> (the write
/// position): with <c>synchronous_commit = off</c> a commit returns before its record is written, and a replica that
/// had replayed the write position could still miss it. Nothing is asked where no replica is configured.
/// </summary>
internal sealed class WritePositions
{
    private readonly ShopDbContext _primary;
    private readonly ReplicaSettings _replica;
    private readonly ReadYourWrites _readYourWrites;

    public WritePositions(ShopDbContext primary, ReplicaSettings replica, ReadYourWrites readYourWrites)
    {
        _primary = primary;
        _replica = replica;
        _readYourWrites = readYourWrites;
    }

    public async Task RecordAfterCommitAsync()
    {
        if (!_replica.Enabled)
        {
            return;
        }

        var connection = (NpgsqlConnection)_primary.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(CancellationToken.None);
        }

        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_current_wal_insert_lsn()", connection);
            _readYourWrites.RecordWrite((ulong)(NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync(CancellationToken.None))!);
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }
}
