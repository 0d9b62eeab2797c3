using Microsoft.Extensions.DependencyInjection;

namespace Shop.Infrastructure.IntegrationTests.Support;

/// <summary>
/// Tests of two instances of the shop on the same servers: the fixture's service provider and a second one made per
/// test, each with its own memory, Redis connection and backplane subscription.
/// </summary>
public abstract class TwoInstancesTests : IClassFixture<EmptyDatabaseFixture>, IAsyncLifetime
{
    private ServiceProvider? _second;

    protected TwoInstancesTests(EmptyDatabaseFixture fixture) => Fixture = fixture;

    protected EmptyDatabaseFixture Fixture { get; }

    protected IServiceProvider First => Fixture.Services;

    protected IServiceProvider Second => _second ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>Both instances listen on their backplane before a test starts (see <see cref="Backplane"/>).</summary>
    public async Task InitializeAsync()
    {
        _second = Fixture.NewInstance();
        await Backplane.SubscribedAsync(First);
        await Backplane.SubscribedAsync(_second);
    }

    public async Task DisposeAsync()
    {
        if (_second is not null)
        {
            await _second.DisposeAsync();
        }
    }
}
