using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations.Internal;

namespace Shop.Infrastructure.Persistence;

/// <summary>
/// How every <see cref="ShopDbContext"/> is configured: the model's column names come from the snake_case
/// convention, so a context built without it would map <c>Id</c> instead of <c>id</c>.
/// </summary>
public static class ShopDatabaseOptions
{
    /// <summary>How many statements each connection keeps prepared unless the connection string sets <c>Max Auto Prepare</c>.</summary>
    public const int DefaultMaxAutoPrepare = 32;

    public static DbContextOptionsBuilder UseShopDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(WithAutoPrepare(connectionString))
            .UseSnakeCaseNamingConvention()
            .ReplaceService<IHistoryRepository, UnrenamedHistoryRepository>()
            // The bounded count takes limit + 1 matching rows in no particular order on purpose (BoundedCount);
            // every paged query orders itself.
            .ConfigureWarnings(warnings => warnings.Ignore(CoreEventId.RowLimitingOperationWithoutOrderByWarning));

    /// <summary>
    /// The connection string with Npgsql's automatic preparation on, unless it names <c>Max Auto Prepare</c> itself
    /// (0 turns it off): EF Core sends the same SQL text for every run of a use case, and a statement prepared on a
    /// connection is parsed and planned by PostgreSQL once instead of on every run.
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("Max Auto Prepare") || given.ContainsKey("MaxAutoPrepare"))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = DefaultMaxAutoPrepare }.ConnectionString;
    }
}

// EFCore.NamingConventions also renames the columns of __EFMigrationsHistory (its open issue #1), which would
// make every database migrated so far unreadable; the provider's repository is the only place to pin them.
#pragma warning disable EF1001 // NpgsqlHistoryRepository lives in the provider's Internal namespace.
internal sealed class UnrenamedHistoryRepository : NpgsqlHistoryRepository
{
    public UnrenamedHistoryRepository(HistoryRepositoryDependencies dependencies) : base(dependencies)
    {
    }

    protected override void ConfigureTable(EntityTypeBuilder<HistoryRow> history)
    {
        base.ConfigureTable(history);
        history.HasKey(row => row.MigrationId).HasName("PK___EFMigrationsHistory");
        history.Property(row => row.MigrationId).HasColumnName(nameof(HistoryRow.MigrationId));
        history.Property(row => row.ProductVersion).HasColumnName(nameof(HistoryRow.ProductVersion));
    }
}
#pragma warning restore EF1001
