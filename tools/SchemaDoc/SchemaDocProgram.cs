using System.Runtime.Versioning;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.Infrastructure.Persistence;
using Shop.TestSupport;

namespace Shop.SchemaDoc;

/// <summary>
/// Regenerates docs/database-schema.md: <c>bash scripts/schema-doc.sh [--output PATH]</c>. Applies the migrations to
/// a database and writes the document read back from it. The database is <c>ConnectionStrings__Postgres</c> when
/// that is set; otherwise a throwaway PostgreSQL cluster started from the local binaries the way the tests start
/// theirs (tests/TestSupport's LocalPostgres: a temp directory, a free loopback port, the postgres user when run as
/// root), removed when the tool exits. No Redis is needed: the cache keys come from the code.
/// </summary>
internal static class SchemaDocProgram
{
    public const string ConnectionVariable = "ConnectionStrings__Postgres";
    private const string Usage = "usage: bash scripts/schema-doc.sh [--output PATH]   (default: docs/database-schema.md of this repository)";

    public static Task<int> Main(string[] args) =>
        RunAsync(args, Environment.GetEnvironmentVariable(ConnectionVariable), Console.Out, Console.Error);

    /// <summary>The tool with its inputs passed in: the arguments, the connection string (or none) and where to report.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, string? connectionString, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        string? path = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--output" or "-o" when i + 1 < args.Count:
                    path = args[++i];
                    break;
                case "--help" or "-h":
                    await output.WriteLineAsync(Usage);
                    return 0;
                default:
                    await error.WriteLineAsync($"schema-doc: unknown argument '{args[i]}'. {Usage}");
                    return 2;
            }
        }

        path ??= Repository.FindRoot(Directory.GetCurrentDirectory()) is { } root ? Path.Combine(root, "docs", "database-schema.md") : null;
        if (path is null)
        {
            await error.WriteLineAsync($"schema-doc: Shop.sln not found above {Directory.GetCurrentDirectory()}: run it in the repository, or pass --output.");
            return 2;
        }

        try
        {
            string? markdown;
            if (!string.IsNullOrWhiteSpace(connectionString))
            {
                var target = new NpgsqlConnectionStringBuilder(connectionString);
                await output.WriteLineAsync($"Migrating and reading database '{target.Database}' on {target.Host}:{target.Port} ({ConnectionVariable}).");
                markdown = await GenerateAsync(connectionString);
            }
            else if (OperatingSystem.IsWindows())
            {
                await error.WriteLineAsync($"schema-doc: no throwaway PostgreSQL on Windows: set {ConnectionVariable}.");
                return 1;
            }
            else
            {
                markdown = await GenerateOnThrowawayServerAsync(output, error);
            }

            if (markdown is null)
            {
                return 1;
            }

            var full = Path.GetFullPath(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllTextAsync(full, markdown);
            await output.WriteLineAsync($"Wrote {full}");
            return 0;
        }
        catch (Exception exception) when (ServerFailureIn(exception) is { } failure)
        {
            await error.WriteLineAsync($"schema-doc: PostgreSQL could not be reached: {failure.Message}");
            return 1;
        }
    }

    // EF Core may wrap the driver's exception; the innermost one says what went wrong.
    private static NpgsqlException? ServerFailureIn(Exception exception)
    {
        NpgsqlException? found = null;
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is NpgsqlException failure)
            {
                found = failure;
            }
        }

        return found;
    }

    /// <summary>Applies the migrations to the database, then writes the document from it.</summary>
    private static async Task<string> GenerateAsync(string connectionString)
    {
        var options = new DbContextOptionsBuilder<ShopDbContext>();
        options.UseShopDatabase(connectionString);
        await using var context = new ShopDbContext(options.Options);
        await context.Database.MigrateAsync();
        return await SchemaDocument.GenerateAsync(context);
    }

    [UnsupportedOSPlatform("windows")]
    private static async Task<string?> GenerateOnThrowawayServerAsync(TextWriter output, TextWriter error)
    {
        var binaries = LocalPostgres.FindBinDirectory();
        if (binaries is null)
        {
            await error.WriteLineAsync(
                "schema-doc: no PostgreSQL server binaries (initdb, postgres) on PATH or in /usr/lib/postgresql/*/bin: "
                + $"install them (apt-get install -y postgresql) or set {ConnectionVariable} to a database to migrate and read.");
            return null;
        }

        using var server = await LocalPostgres.StartAsync(binaries);
        await output.WriteLineAsync($"Started a throwaway {server.Description}.");
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Pooling = false }.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE shop", admin);
            await create.ExecuteNonQueryAsync();
        }

        // Unpooled: nothing is left connected when the server is shut down.
        return await GenerateAsync(new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = "shop", Pooling = false }.ConnectionString);
    }
}
