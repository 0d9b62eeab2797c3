using System.Net;
using System.Text;
using Npgsql;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Ordering;

/// <summary>
/// An `Idempotency-Key` request never runs twice, even when its COMMIT's answer is lost: the first outcome commits with
/// the change (idempotency_keys), so the retry after the 503 replays it. The failure is injected right after the COMMIT.
/// </summary>
public sealed class LostCommitIdempotencyTests : IClassFixture<LostCommitShopApiFactory>
{
    private const string ReplayedHeader = "Idempotent-Replayed";
    private readonly LostCommitShopApiFactory _factory;

    public LostCommitIdempotencyTests(LostCommitShopApiFactory factory) => _factory = factory;

    [Fact]
    public async Task A_retry_after_the_placement_commit_answer_was_lost_replays_the_one_order()
    {
        var product = await _factory.CreateProductAsync(price: 4m, stock: 10);
        var user = await _factory.NewUserAsync();
        var key = Guid.NewGuid().ToString();
        var body = OrderBody(product.Id(), 2);

        _factory.LostAnswer.Arm();
        using var first = await PostAsync(user, "/api/orders", body, key);
        using var retry = await PostAsync(user, "/api/orders", body, key);

        Assert.Equal(1, _factory.LostAnswer.Lost);
        await first.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var order = Assert.Single(await OrderIdsAsync(user.Id));
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues(ReplayedHeader)));
        Assert.Equal(order, (await retry.ReadJsonAsync()).Id());
        Assert.Equal($"/api/orders/{order}", retry.Headers.Location?.OriginalString);
        Assert.Equal(1L, await RecordCountAsync(user.Id));

        // The retry's answer is now in Redis too: a third try replays it the same.
        using var third = await PostAsync(user, "/api/orders", body, key);
        Assert.Equal(HttpStatusCode.Created, third.StatusCode);
        Assert.Equal(await retry.Content.ReadAsStringAsync(), await third.Content.ReadAsStringAsync());
        Assert.Single(await OrderIdsAsync(user.Id));
    }

    [Fact]
    public async Task A_retry_after_the_payment_commit_answer_was_lost_replays_the_payment_and_takes_the_stock_once()
    {
        var product = await _factory.CreateProductAsync(price: 2.5m, stock: 10);
        var user = await _factory.NewUserAsync();
        var order = await ShopApiFactory.PlaceOrderAsync(user, (product.Id(), 3));
        var url = $"/api/orders/{order.Id()}/payment";
        var key = Guid.NewGuid().ToString();

        _factory.LostAnswer.Arm();
        using var first = await PostAsync(user, url, """{"amount":7.50}""", key);
        using var retry = await PostAsync(user, url, """{"amount":7.50}""", key);

        await first.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(7, (await _factory.GetProductAsync(product.Id())).Int("stock"));
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues(ReplayedHeader)));
        var paid = await retry.ReadJsonAsync();
        Assert.Equal(order.Id(), paid.Id());
        Assert.Equal("paid", paid.Str("status"));
    }

    [Fact]
    public async Task Another_body_under_the_key_of_a_lost_commit_is_422_and_the_first_body_still_replays()
    {
        var product = await _factory.CreateProductAsync(stock: 10);
        var user = await _factory.NewUserAsync();
        var key = Guid.NewGuid().ToString();

        _factory.LostAnswer.Arm();
        using var first = await PostAsync(user, "/api/orders", OrderBody(product.Id(), 1), key);
        using var other = await PostAsync(user, "/api/orders", OrderBody(product.Id(), 5), key);
        using var same = await PostAsync(user, "/api/orders", OrderBody(product.Id(), 1), key);

        await first.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        var problem = await other.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("/problems/idempotency-key-reused", problem.Str("type"));
        Assert.Equal(HttpStatusCode.Created, same.StatusCode);
        Assert.Equal("true", Assert.Single(same.Headers.GetValues(ReplayedHeader)));
        Assert.Single(await OrderIdsAsync(user.Id));
    }

    [Fact]
    public async Task The_record_commits_with_the_change_only_a_refused_command_leaves_none()
    {
        var product = await _factory.CreateProductAsync(stock: 1);
        var user = await _factory.NewUserAsync();

        using var refused = await PostAsync(user, "/api/orders", OrderBody(product.Id(), 2), Guid.NewGuid().ToString());
        await refused.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(0L, await RecordCountAsync(user.Id));

        using var placed = await PostAsync(user, "/api/orders", OrderBody(product.Id(), 1), Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        Assert.Equal(1L, await RecordCountAsync(user.Id));

        using var withoutKey = await PostAsync(user, "/api/orders", OrderBody(product.Id(), 1), null);
        Assert.Equal(HttpStatusCode.Created, withoutKey.StatusCode);
        Assert.Equal(1L, await RecordCountAsync(user.Id));
    }

    private static string OrderBody(Guid productId, int quantity) =>
        $$"""{"items":[{"productId":"{{productId}}","quantity":{{quantity}}}]}""";

    private static async Task<HttpResponseMessage> PostAsync(TestUser user, string url, string body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        return await user.Client.SendAsync(request);
    }

    private async Task<List<Guid>> OrderIdsAsync(Guid userId)
    {
        await using var connection = new NpgsqlConnection(_factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM orders WHERE user_id = @user", connection);
        command.Parameters.AddWithValue("user", userId);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private async Task<long> RecordCountAsync(Guid userId)
    {
        await using var connection = new NpgsqlConnection(_factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM idempotency_keys WHERE user_id = @user", connection);
        command.Parameters.AddWithValue("user", userId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
