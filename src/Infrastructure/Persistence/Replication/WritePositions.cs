using System.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Shop.Application.EdgePorts;

namespace Shop.Infrastructure.Persistence.Replication;

/// <summary>
/// The primary's current log position, asked on the command's own connection right after its commit. The insert
/// position, not <c>pg_current_wal_lsn()</c> (the write position): with <c>synchronous_commit = off</c> a commit returns
/// before its record is written, and a replica that had replayed the write position could still miss it.
/// </summary>
internal sealed class WritePositions : IWritePositions
{
    private readonly ShopDbContext _primary;
    private readonly ReplicaPosition _replica;

    public WritePositions(ShopDbContext primary, ReplicaPosition replica)
    {
        _primary = primary;
        _replica = replica;
    }

    public async Task<ulong?> CurrentAsync(CancellationToken cancellationToken)
    {
        if (!_replica.Enabled)
        {
            return null;
        }

        var connection = (NpgsqlConnection)_primary.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_current_wal_insert_lsn()", connection);
            return (ulong)(NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync(cancellationToken))!;
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
