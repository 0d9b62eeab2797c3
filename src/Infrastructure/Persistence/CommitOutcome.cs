using Npgsql;

namespace Shop.Infrastructure.Persistence;

/// <summary>What a failed commit says about whether it took effect.</summary>
internal static class CommitOutcome
{
    /// <summary>
    /// Whether a commit that failed with <paramref name="exception"/> may still have taken effect. An error the server
    /// answered (<see cref="PostgresException"/>) means the transaction was not committed; a broken connection or a
    /// timeout leaves it unknown, since the COMMIT may have run before the answer was lost; so does a cancellation,
    /// which may have come after it ran. Treating a doubtful case as committed only costs a cache miss.
    /// </summary>
    public static bool IsUnknownAfter(Exception exception) => exception is not PostgresException;
}
