using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Shop.Infrastructure.Catalog;

/// <summary>The `Shop:Catalog` settings.</summary>
internal sealed class CatalogOptions
{
    public const string Section = "Shop:Catalog";

    /// <summary>How many rows a list counts exactly before it estimates.</summary>
    [Range(1, 1_000_000, ErrorMessage = "a whole number from 1 to 1000000")]
    public int ExactCountLimit { get; set; } = 1_000;

    /// <summary>
    /// How long a catalog query may run: past it, Npgsql cancels the statement on the server and the request is
    /// answered 503, so no anonymous search holds a backend for long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "a duration from 00:00:01 to 00:05:00 (hh:mm:ss), in whole seconds")]
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Counts a query's rows exactly up to a limit (a count over LIMIT limit + 1, so it never reads more), then
/// takes the planner's row estimate from EXPLAIN of the same query: an exact count(*) of a million matches
/// would read them all on every page.
/// </summary>
internal static class BoundedCount
{
    public static async Task<(int Count, bool IsEstimate)> CountAsync<T>(
        DbContext context, IQueryable<T> query, int exactUpTo, CancellationToken cancellationToken)
    {
        var exact = await query.Take(exactUpTo + 1).CountAsync(cancellationToken);
        if (exact <= exactUpTo)
        {
            return (exact, false);
        }

        var estimate = await EstimateAsync(context, query, cancellationToken);
        // There are more rows than the limit whatever the statistics say.
        return ((int)Math.Clamp(estimate, exactUpTo + 1, int.MaxValue), true);
    }

    private static async Task<double> EstimateAsync<T>(DbContext context, IQueryable<T> query, CancellationToken cancellationToken)
    {
        await using var command = query.CreateDbCommand();
#pragma warning disable CA2100 // The text is EF Core's own SQL for the query; the search term stays a parameter.
        command.CommandText = "EXPLAIN (FORMAT JSON) " + command.CommandText;
#pragma warning restore CA2100
        await context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var plan = (string?)await command.ExecuteScalarAsync(cancellationToken) ?? "[]";
            using var document = JsonDocument.Parse(plan);
            return document.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }
}
