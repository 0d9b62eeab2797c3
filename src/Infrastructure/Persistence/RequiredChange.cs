using Npgsql;

namespace Shop.Infrastructure.Persistence;

/// <summary>
/// A data-changing statement that fails when it changes no row, so that it can travel in one batch with the COMMIT:
/// PostgreSQL skips the rest of a batch after an error, the COMMIT included, and the transaction is left to roll back.
/// Plain SQL has no RAISE; dividing by the number of rows changed is the smallest expression that fails only at run
/// time, and only when that number is zero (a constant <c>1 / 0</c> would fail while the statement is planned).
/// </summary>
internal static class RequiredChange
{
    /// <param name="changeReturningNothing">An INSERT, UPDATE or DELETE without a RETURNING clause.</param>
    /// <param name="parameters">Its positional parameters, <c>$1</c> first.</param>
    public static NpgsqlBatchCommand Of(string changeReturningNothing, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand($"WITH changed AS ({changeReturningNothing} RETURNING 1) SELECT 1 / count(*)::int FROM changed");
        command.Parameters.AddRange(parameters);
        return command;
    }

    /// <summary>Whether <paramref name="exception"/> is the failure of a required change that changed no row.</summary>
    public static bool ChangedNothing(PostgresException exception) =>
        exception.SqlState == PostgresErrorCodes.DivisionByZero;
}
