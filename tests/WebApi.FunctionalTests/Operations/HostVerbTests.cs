using Npgsql;
using Shop.TestSupport;

namespace Shop.WebApi.FunctionalTests.Operations;

/// <summary>
/// The host's verbs run as an operator runs them (`dotnet run --project src/WebApi -- VERB`): the built
/// Shop.WebApi.dll in a child process, configured by environment variables only, against a fresh database.
/// </summary>
public sealed class HostVerbTests : IAsyncLifetime
{
    private const string AdminEmail = "operator@verbs.test";
    private static readonly TimeSpan VerbTimeout = TimeSpan.FromMinutes(2);

    private TestServers _servers = null!;
    private string _postgres = null!;
    private RedisDatabaseClaim _redisDatabase = null!;

    public async Task InitializeAsync()
    {
        _servers = await TestServers.GetAsync();
        _postgres = await _servers.CreateDatabaseAsync("host_verbs");
        _redisDatabase = await _servers.ClaimRedisDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        await _redisDatabase.DisposeAsync();
        await _servers.DropDatabaseAsync(_postgres);
    }

    [Fact]
    public async Task Migrate_on_an_empty_database_exits_0_and_records_the_migrations_in_order()
    {
        var (exitCode, output) = await RunVerbAsync(["migrate"]);

        Assert.True(exitCode == 0, output);
        var history = await QueryAsync<string>("""SELECT "MigrationId" FROM "__EFMigrationsHistory" ORDER BY "MigrationId" """);
        Assert.Collection(
            history,
            id => Assert.EndsWith("_Initial", id, StringComparison.Ordinal),
            id => Assert.EndsWith("_AddOrders", id, StringComparison.Ordinal),
            id => Assert.EndsWith("_AddIndexes", id, StringComparison.Ordinal),
            id => Assert.EndsWith("_AddSearchIndex", id, StringComparison.Ordinal),
            id => Assert.EndsWith("_AddAdministrators", id, StringComparison.Ordinal),
            id => Assert.EndsWith("_RepriceLineComments", id, StringComparison.Ordinal),
            id => Assert.EndsWith("_AddIdempotencyKeys", id, StringComparison.Ordinal),
            id => Assert.EndsWith("_AddOutboxAndWebhooks", id, StringComparison.Ordinal));
        var tables = await QueryAsync<string>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE '\\_\\_%' ORDER BY 1");
        Assert.Equal(["idempotency_keys", "line_items", "orders", "outbox_messages", "products", "users", "webhook_deliveries", "webhook_subscriptions"], tables);
    }

    [Fact]
    public async Task Seed_run_twice_adds_the_demo_catalog_and_admin_once()
    {
        Assert.Equal(0, (await RunVerbAsync(["migrate"])).ExitCode);

        var first = await RunVerbAsync(["seed"]);
        var productsAfterFirst = await CountAsync("products");
        var second = await RunVerbAsync(["seed"]);

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.True(second.ExitCode == 0, second.Output);
        // The README promises a demo catalog of 36 products.
        Assert.Equal(36, productsAfterFirst);
        Assert.Equal(productsAfterFirst, await CountAsync("products"));
        Assert.Equal([true], await QueryAsync<bool>("SELECT is_administrator FROM users"));
    }

    [Fact]
    public async Task Create_admin_for_an_existing_account_fails_with_a_message_and_no_stack_trace()
    {
        Assert.Equal(0, (await RunVerbAsync(["migrate"])).ExitCode);
        var created = await RunVerbAsync(["create-admin", AdminEmail, "Operator"]);

        var again = await RunVerbAsync(["create-admin", AdminEmail, "Operator"]);

        Assert.True(created.ExitCode == 0, created.Output);
        Assert.Contains("Administrator " + AdminEmail + " created; password: the one in SHOP_ADMIN_PASSWORD", created.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("operator password", created.Output, StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", again.Output, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync("users"));
    }

    [Fact]
    public async Task Create_admin_creates_an_administrator_by_record_for_an_email_listed_nowhere()
    {
        Assert.Equal(0, (await RunVerbAsync(["migrate"])).ExitCode);

        var (exitCode, output) = await RunVerbAsync(["create-admin", "someone@verbs.test"]);

        Assert.True(exitCode == 0, output);
        Assert.Equal([true], await QueryAsync<bool>("SELECT is_administrator FROM users WHERE email = 'someone@verbs.test'"));
    }

    [Fact]
    public async Task A_verb_without_a_connection_string_says_which_variable_to_set()
    {
        var (exitCode, output) = await RunVerbAsync(["migrate"], postgres: null);

        Assert.Equal(2, exitCode);
        Assert.Contains("ConnectionStrings__Postgres", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_verb_whose_database_does_not_answer_says_so_in_one_line()
    {
        var (exitCode, output) = await RunVerbAsync(["seed"], postgres: "Host=127.0.0.1;Port=1;Database=shop;Username=shop;Timeout=2");

        Assert.Equal(1, exitCode);
        Assert.StartsWith("seed: the database or Redis could not be reached", output, StringComparison.Ordinal);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task An_unknown_verb_exits_2_and_lists_the_known_ones()
    {
        var (exitCode, output) = await RunVerbAsync(["migrat"]);

        Assert.Equal(2, exitCode);
        Assert.Contains("Known verbs: migrate", output, StringComparison.Ordinal);
    }

    private Task<(int ExitCode, string Output)> RunVerbAsync(string[] arguments) => RunVerbAsync(arguments, _postgres);

    private Task<(int ExitCode, string Output)> RunVerbAsync(string[] arguments, string? postgres)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Postgres"] = postgres,
            ["ConnectionStrings__PostgresRead"] = null,
            ["ConnectionStrings__Redis"] = _servers.RedisConnectionStringFor(_redisDatabase.Index),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["SHOP_ADMIN_PASSWORD"] = "operator password",
            ["SHOP_DEMO_ADMIN_PASSWORD"] = null,
        };
        return ChildProcess.RunAsync(
            dotnet, [Path.Combine(AppContext.BaseDirectory, "Shop.WebApi.dll"), .. arguments], AppContext.BaseDirectory, VerbTimeout, environment);
    }

    private async Task<long> CountAsync(string table) =>
        (await QueryAsync<long>("SELECT count(*) FROM " + table)).Single();

    private async Task<List<T>> QueryAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(_postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetFieldValue<T>(0));
        }

        return rows;
    }
}
