using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Shop.WebApi.FunctionalTests.Support;

/// <summary>A host whose clock stands still until a test moves it: the whole host reads <see cref="Clock"/>.</summary>
public class FakeClockShopApiFactory : ShopApiFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>A host on a fake clock whose sweep of expired orders is off: expired orders stay pending in the database.</summary>
public sealed class NoExpirySweepShopApiFactory : FakeClockShopApiFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?>(base.Settings) { ["Shop:Orders:ExpirySweepEnabled"] = "false" };
}
