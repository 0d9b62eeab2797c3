namespace Shop.WebApi.FunctionalTests.Support;

/// <summary>
/// Two API instances of one deployment, as behind a load balancer: two hosts with their own services and Redis
/// connections, sharing one PostgreSQL database and one Redis database. <see cref="First"/> owns the stores.
/// </summary>
public class TwoHostsFactory : IAsyncLifetime
{
    public TwoHostsFactory() : this(new Dictionary<string, string?>())
    {
    }

    /// <param name="settings">Host settings of both instances, as for <see cref="ShopApiFactory.Create"/>.</param>
    protected TwoHostsFactory(IReadOnlyDictionary<string, string?> settings)
    {
        First = ShopApiFactory.Create(null, settings);
        Second = ShopApiFactory.Create(First, settings);
    }

    public ShopApiFactory First { get; }

    public ShopApiFactory Second { get; }

    public async Task InitializeAsync()
    {
        await First.InitializeAsync();
        await Second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)Second).DisposeAsync();
        await ((IAsyncLifetime)First).DisposeAsync();
    }
}
