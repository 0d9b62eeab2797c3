using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Behaviors;
using Shop.Application.Caching;
using Shop.Application.Catalog;
using Shop.Application.Catalog.Ports;
using Shop.Application.EdgePorts;
using Shop.Application.Pagination;
using Shop.Application.Persistence;
using Shop.Application.Validation;
using Shop.Infrastructure.Catalog;
using Shop.Infrastructure.IntegrationTests.Support;

namespace Shop.Infrastructure.IntegrationTests.Caching;

/// <summary>
/// Search pages in memory under a generation that a product change ends on every instance (two service providers on
/// the same Redis database, each with its own memory and backplane subscription).
/// </summary>
[Collection(SearchGenerationGroup.Name)]
public sealed class SearchPageCacheTests : TwoInstancesTests
{
    private static readonly ProductSearch Search = new("oak", 1, 20);

    public SearchPageCacheTests(EmptyDatabaseFixture fixture) : base(fixture)
    {
    }

    private IServiceProvider InstanceA => First;

    private IServiceProvider InstanceB => Second;

    [Fact]
    public async Task A_warm_page_is_served_without_loading_until_a_product_change_on_the_other_instance_ends_its_generation()
    {
        var pages = InstanceB.GetRequiredService<SearchPageCache>();
        var loads = 0;
        var first = await pages.GetOrLoadAsync(Search, _ => Page("first", ref loads), CancellationToken.None);
        var warm = await pages.GetOrLoadAsync(Search, _ => Page("never loaded", ref loads), CancellationToken.None);
        Assert.Same(first, warm);
        Assert.Equal(1, loads);

        await InstanceA.GetRequiredService<ICache>().RemoveAsync([CacheKeys.ProductSearchPages], CancellationToken.None);

        var after = await EventuallyAsync(
            () => pages.GetOrLoadAsync(Search, _ => Page("after the change", ref loads), CancellationToken.None),
            page => page.Items[0].Name == "after the change");
        Assert.Equal("after the change", after.Items[0].Name);
    }

    [Fact]
    public async Task A_page_whose_load_began_before_a_product_change_is_not_served_after_it()
    {
        var pages = InstanceA.GetRequiredService<SearchPageCache>();
        var loads = 0;
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        var slow = pages.GetOrLoadAsync(
            Search,
            async _ =>
            {
                started.SetResult();
                await release.Task;
                return NewPage("read before the change");
            },
            CancellationToken.None);
        await started.Task;

        await InstanceA.GetRequiredService<ICache>().RemoveAsync([CacheKeys.ProductSearchPages], CancellationToken.None);
        release.SetResult();
        Assert.Equal("read before the change", (await slow).Items[0].Name);

        var next = await pages.GetOrLoadAsync(Search, _ => Page("read after the change", ref loads), CancellationToken.None);
        Assert.Equal("read after the change", next.Items[0].Name);
        Assert.Equal(1, loads);
    }

    [Fact]
    public async Task Removing_the_search_pages_sends_no_command_for_them_to_redis_but_removes_the_shared_keys_beside_them()
    {
        var shared = $"cache:product:{Guid.NewGuid()}";
        await Fixture.RedisDatabase.StringSetAsync(shared, "{}");
        // Redis never holds the name; one put there by hand shows whether a removal reached Redis.
        await Fixture.RedisDatabase.StringSetAsync(CacheKeys.ProductSearchPages, "never written by the shop");

        await InstanceA.GetRequiredService<ICache>().RemoveAsync([CacheKeys.ProductSearchPages, shared], CancellationToken.None);

        Assert.False(await Fixture.RedisDatabase.KeyExistsAsync(shared));
        Assert.True(await Fixture.RedisDatabase.KeyExistsAsync(CacheKeys.ProductSearchPages));
        await Fixture.RedisDatabase.KeyDeleteAsync(CacheKeys.ProductSearchPages);
    }

    private static Task<PagedResponse<ProductResponse>> Page(string name, ref int loads)
    {
        loads++;
        return Task.FromResult(NewPage(name));
    }

    private static PagedResponse<ProductResponse> NewPage(string name) =>
        new([new ProductResponse(Guid.NewGuid(), name, null, 1m, 1, true)], 1, 20, 1, false, null);

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        // The other instance handles the backplane message on its own thread: allow it a moment.
        var deadline = DateTime.UtcNow.AddSeconds(2);
        var value = await read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
            value = await read();
        }

        return value;
    }
}
