using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shop.Infrastructure.Persistence;

namespace Shop.WebApi.FunctionalTests.Support;

/// <summary>
/// A host whose next COMMIT, once armed, takes effect but answers with a broken connection, as when the network fails
/// between the server's COMMIT and its reply. The order sweep is off, so no background commit takes the failure.
/// </summary>
public sealed class LostCommitShopApiFactory : ShopApiFactory
{
    public LostCommitAnswer LostAnswer { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?>(base.Settings) { ["Shop:Orders:ExpirySweepEnabled"] = "false" };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<ShopDbContext>(options => options.AddInterceptors(LostAnswer)));
    }
}

/// <summary>Once armed, fails the next committed transaction as if the COMMIT's answer was lost (not a PostgresException).</summary>
public sealed class LostCommitAnswer : DbTransactionInterceptor
{
    private int _armed;
    private int _lost;

    /// <summary>How many answers were lost so far.</summary>
    public int Lost => Volatile.Read(ref _lost);

    public void Arm() => Interlocked.Exchange(ref _armed, 1);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _armed, 0) == 1)
        {
            Interlocked.Increment(ref _lost);
            throw new NpgsqlException("The connection broke after the COMMIT (injected by the test).", new IOException("Connection reset"));
        }

        return Task.CompletedTask;
    }
}
