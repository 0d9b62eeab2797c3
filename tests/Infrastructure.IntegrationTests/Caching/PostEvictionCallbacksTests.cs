using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Caching;
using Shop.Application.Catalog;
using Shop.Application.EdgePorts;
using Shop.Application.Persistence;
using Shop.Infrastructure.IntegrationTests.Support;

namespace Shop.Infrastructure.IntegrationTests.Caching;

/// <summary>
/// What is built from an instance's memory cache hears of an evicted key on that instance after a removal there, and
/// on the other instance through the backplane, in both cases only once the entry is gone from that memory.
/// </summary>
public sealed class PostEvictionCallbacksTests : TwoInstancesTests
{
    private static readonly TimeSpan FifteenMinutes = TimeSpan.FromMinutes(15);

    public PostEvictionCallbacksTests(EmptyDatabaseFixture fixture) : base(fixture)
    {
    }

    [Fact]
    public async Task A_removal_is_reported_on_its_own_instance_before_it_returns()
    {
        var (key, product) = NewProduct();
        var cache = First.GetRequiredService<ICache>();
        await cache.GetOrLoadAsync(key, FifteenMinutes, _ => Task.FromResult<ProductResponse?>(product), CancellationToken.None);
        var heard = new List<string>();
        First.GetRequiredService<IPostEvictionCallbacks>().Register(evicted =>
        {
            lock (heard)
            {
                heard.Add(evicted);
            }

            return ValueTask.CompletedTask;
        });

        await cache.RemoveAsync([key], CancellationToken.None);

        lock (heard)
        {
            Assert.Contains(key, heard);
        }
    }

    [Fact]
    public async Task A_removal_on_one_instance_is_reported_on_the_other_once_its_memory_no_longer_holds_the_entry()
    {
        var (key, product) = NewProduct();
        var changed = product with { Stock = product.Stock - 1 };
        var onA = First.GetRequiredService<ICache>();
        var onB = Second.GetRequiredService<ICache>();
        await onA.GetOrLoadAsync(key, FifteenMinutes, _ => Task.FromResult<ProductResponse?>(product), CancellationToken.None);
        Assert.Equal(product, await onB.GetOrLoadAsync(key, FifteenMinutes, _ => Task.FromResult<ProductResponse?>(changed), CancellationToken.None));
        var readWhenHeard = new TaskCompletionSource<ProductResponse?>(TaskCreationOptions.RunContinuationsAsynchronously);
        Second.GetRequiredService<IPostEvictionCallbacks>().Register(async evicted =>
        {
            if (evicted == key)
            {
                // What a listener rebuilds from: B's cache, with the database (the loader) already changed.
                readWhenHeard.TrySetResult(
                    await onB.GetOrLoadAsync(key, FifteenMinutes, _ => Task.FromResult<ProductResponse?>(changed), CancellationToken.None));
            }
        });

        await onA.RemoveAsync([key], CancellationToken.None);

        var read = await readWhenHeard.Task.WaitAsync(Backplane.Patience);
        Assert.Same(changed, read);
    }

    [Fact]
    public async Task A_load_tells_the_other_instance_nothing_and_only_the_removal_after_it_is_heard()
    {
        var (key, product) = NewProduct();
        var heardOnB = Channel.CreateUnbounded<string>();
        Second.GetRequiredService<IPostEvictionCallbacks>().Register(evicted =>
        {
            if (evicted == key)
            {
                heardOnB.Writer.TryWrite(evicted);
            }

            return ValueTask.CompletedTask;
        });
        var onA = First.GetRequiredService<ICache>();

        await onA.GetOrLoadAsync(key, FifteenMinutes, _ => Task.FromResult<ProductResponse?>(product), CancellationToken.None);
        await onA.RemoveAsync([key], CancellationToken.None);

        // Messages of one channel arrive in order: had the load been announced, B would hear the key twice.
        Assert.Equal(key, await heardOnB.Reader.ReadAsync().AsTask().WaitAsync(Backplane.Patience));
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.False(heardOnB.Reader.TryRead(out _), "B heard of the key more than once: the load was announced");
    }

    [Fact]
    public async Task A_failing_listener_neither_fails_the_removal_nor_keeps_the_others_from_hearing()
    {
        var (key, _) = NewProduct();
        var evictions = Second.GetRequiredService<IPostEvictionCallbacks>();
        var heard = new List<string>();
        evictions.Register(_ => throw new InvalidOperationException("listener broke"));
        evictions.Register(evicted =>
        {
            lock (heard)
            {
                heard.Add(evicted);
            }

            return ValueTask.CompletedTask;
        });

        await Second.GetRequiredService<ICache>().RemoveAsync([key], CancellationToken.None);

        lock (heard)
        {
            Assert.Equal([key], heard);
        }
    }

    private static (string Key, ProductResponse Product) NewProduct()
    {
        var id = Guid.NewGuid();
        return ($"cache:product:{id}", new ProductResponse(id, "Evicted widget", null, 3.25m, 9, true));
    }
}
