using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Ordering;

public class OrderPlacementTests : IClassFixture<ShopApiFactory>
{
    private static readonly string[] OrderMembers = ["id", "userId", "status", "total", "createdAt", "items"];
    private static readonly string[] LineMembers = ["id", "productId", "quantity", "unitPrice", "subtotal"];
    private readonly ShopApiFactory _factory;

    public OrderPlacementTests(ShopApiFactory factory) => _factory = factory;

    public static TheoryData<string, string> InvalidOrders => new()
    {
        { "{}", "items" },
        { """{"items":null}""", "items" },
        { """{"items":[]}""", "items" },
        { """{"items":[{"productId":"0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b","quantity":0}]}""", "items[0].quantity" },
        { """{"items":[{"productId":"0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b","quantity":1001}]}""", "items[0].quantity" },
        { """{"items":[{"productId":"0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"}]}""", "items[0].quantity" },
        { """{"items":[{"quantity":1}]}""", "items[0].productId" },
        { """{"items":[{"productId":"00000000-0000-0000-0000-000000000000","quantity":1}]}""", "items[0].productId" },
        {
            "{\"items\":[" + string.Join(',', Enumerable.Range(1, 101).Select(i => $"{{\"productId\":\"00000000-0000-0000-0000-{i:D12}\",\"quantity\":1}}")) + "]}",
            "items"
        },
    };

    [Fact]
    public async Task Place_answers_201_with_a_pending_order_its_lines_its_total_and_its_location()
    {
        var dime = await _factory.CreateProductAsync("Dime sweet", 0.1m, 50);
        var book = await _factory.CreateProductAsync("Notebook", 19.99m, 50);
        var user = await _factory.CustomerAsync();

        using var response = await user.Client.PostAsJsonAsync("/api/orders", new
        {
            items = new[] { new { productId = dime.Id(), quantity = 3 }, new { productId = book.Id(), quantity = 2 } },
            userId = Guid.NewGuid(),
            status = "paid",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        var order = await response.ReadJsonAsync();
        Assert.Equal($"/api/orders/{order.Id()}", response.Headers.Location?.OriginalString);
        Api.AssertMembers(order, OrderMembers);
        Assert.Equal(user.Id, order.GetProperty("userId").GetGuid());
        Assert.Equal("pending", order.Str("status"));
        Assert.Equal("40.28", order.RawMoney("total"));
        Assert.Contains("\"total\":40.28", raw, StringComparison.Ordinal);
        var createdAt = Api.AssertUtcTimestamp(order.GetProperty("createdAt"));
        Assert.InRange(createdAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
        var lines = order.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, line => Api.AssertMembers(line, LineMembers));
        var dimeLine = Assert.Single(lines, line => line.GetProperty("productId").GetGuid() == dime.Id());
        Assert.Equal(3, dimeLine.Int("quantity"));
        Assert.Equal("0.10", dimeLine.RawMoney("unitPrice"));
        Assert.Equal("0.30", dimeLine.RawMoney("subtotal"));
        var bookLine = Assert.Single(lines, line => line.GetProperty("productId").GetGuid() == book.Id());
        Assert.Equal("19.99", bookLine.RawMoney("unitPrice"));
        Assert.Equal("39.98", bookLine.RawMoney("subtotal"));

        // Placing reserves nothing: the stock is taken only by the payment.
        Assert.Equal(50, (await _factory.GetProductAsync(dime.Id())).Int("stock"));
    }

    [Fact]
    public async Task Place_with_the_same_product_twice_makes_one_line_with_both_quantities()
    {
        var product = await _factory.CreateProductAsync(price: 2.5m, stock: 10);
        var user = await _factory.CustomerAsync();

        var order = await ShopApiFactory.PlaceOrderAsync(user, (product.Id(), 2), (product.Id(), 3));

        var line = Assert.Single(order.GetProperty("items").EnumerateArray());
        Assert.Equal(5, line.Int("quantity"));
        Assert.Equal("12.50", line.RawMoney("subtotal"));
        Assert.Equal("12.50", order.RawMoney("total"));
    }

    [Theory]
    [MemberData(nameof(InvalidOrders))]
    public async Task Place_with_invalid_items_is_400(string body, string field)
    {
        var user = await _factory.CustomerAsync();

        using var response = await user.Client.PostRawAsync("/api/orders", body);

        await response.AssertValidationProblemAsync(field);
    }

    [Fact]
    public async Task Place_with_150000_null_items_is_a_small_400_that_names_items_without_checking_each_item()
    {
        var user = await _factory.CustomerAsync();
        var body = "{\"items\":[" + string.Join(',', Enumerable.Repeat("null", 150_000)) + "]}";
        var clock = System.Diagnostics.Stopwatch.StartNew();

        using var response = await user.Client.PostRawAsync("/api/orders", body);
        var raw = await response.Content.ReadAsStringAsync();
        clock.Stop();

        Assert.True(raw.Length < 64 * 1024, $"the problem body is {raw.Length} characters");
        var problem = await response.AssertValidationProblemAsync("items");
        Assert.Equal(["items"], problem.GetProperty("errors").EnumerateObject().Select(field => field.Name));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task An_items_array_past_100_stops_being_read_at_its_101st_element()
    {
        var user = await _factory.CustomerAsync();
        // Elements that would each fail validation: the reader refuses the array before any of them is checked.
        var body = "{\"items\":[" + string.Join(',', Enumerable.Repeat("{}", 101)) + "]}";

        using var response = await user.Client.PostRawAsync("/api/orders", body);

        var problem = await response.AssertValidationProblemAsync("items");
        var errors = problem.GetProperty("errors");
        Assert.Equal(["items"], errors.EnumerateObject().Select(field => field.Name));
        Assert.Equal("Must hold at most 100 items.", errors.GetProperty("items")[0].GetString());
    }

    [Fact]
    public async Task A_validation_problem_names_at_most_20_fields_and_says_how_many_more_were_left_out()
    {
        var user = await _factory.CustomerAsync();
        var body = "{\"items\":[" + string.Join(',', Enumerable.Repeat("{}", 100)) + "]}";

        using var response = await user.Client.PostRawAsync("/api/orders", body);

        var problem = await response.AssertValidationProblemAsync("items[0].productId", "items[0].quantity");
        Assert.Equal(20, problem.GetProperty("errors").EnumerateObject().Count());
        Assert.Equal(180, problem.GetProperty("omittedFields").GetInt32());
        Assert.Contains("180", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Place_with_an_unknown_product_is_404_and_creates_nothing()
    {
        var product = await _factory.CreateProductAsync();
        var user = await _factory.NewUserAsync();

        using var response = await user.Client.PostAsJsonAsync("/api/orders", new
        {
            items = new[] { new { productId = product.Id(), quantity = 1 }, new { productId = Guid.NewGuid(), quantity = 1 } },
        });

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, await CountOrdersAsync(user));
    }

    [Fact]
    public async Task Place_with_more_than_the_stock_is_409_and_creates_nothing()
    {
        var product = await _factory.CreateProductAsync(stock: 2);
        var user = await _factory.NewUserAsync();

        using var response = await user.Client.PostAsJsonAsync("/api/orders", new { items = new[] { new { productId = product.Id(), quantity = 3 } } });

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(0, await CountOrdersAsync(user));
    }

    [Fact]
    public async Task Get_order_answers_it_as_placed()
    {
        var product = await _factory.CreateProductAsync(price: 3.3m, stock: 10);
        var user = await _factory.CustomerAsync();
        var placed = await ShopApiFactory.PlaceOrderAsync(user, (product.Id(), 3));

        using var response = await user.Client.GetAsync($"/api/orders/{placed.Id()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var order = await response.ReadJsonAsync();
        Api.AssertMembers(order, OrderMembers);
        Assert.Equal(placed.Id(), order.Id());
        Assert.Equal("pending", order.Str("status"));
        Assert.Equal("9.90", order.RawMoney("total"));
        Assert.Equal(Api.AssertUtcTimestamp(placed.GetProperty("createdAt")), Api.AssertUtcTimestamp(order.GetProperty("createdAt")));
        var line = Assert.Single(order.GetProperty("items").EnumerateArray());
        Api.AssertMembers(line, LineMembers);
        Assert.Equal("3.30", line.RawMoney("unitPrice"));
        Assert.Equal("9.90", line.RawMoney("subtotal"));
        Assert.Equal(placed.GetProperty("items")[0].Id(), line.Id());
    }

    [Fact]
    public async Task Get_an_unknown_order_is_404()
    {
        var user = await _factory.CustomerAsync();

        using var response = await user.Client.GetAsync($"/api/orders/{Guid.NewGuid()}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_answers_the_callers_orders_newest_first_with_default_paging()
    {
        var product = await _factory.CreateProductAsync(stock: 100);
        var user = await _factory.NewUserAsync();
        var placed = new List<Guid>();
        for (var i = 1; i <= 3; i++)
        {
            placed.Add((await ShopApiFactory.PlaceOrderAsync(user, (product.Id(), i))).Id());
        }

        using var response = await user.Client.GetAsync("/api/orders");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadJsonAsync();
        Api.AssertMembers(page, "items", "page", "pageSize", "totalCount");
        Assert.Equal(1, page.Int("page"));
        Assert.Equal(20, page.Int("pageSize"));
        Assert.Equal(3, page.Int("totalCount"));
        var orders = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Reverse(placed), orders.Select(order => order.Id()));
        Assert.All(orders, order => Api.AssertMembers(order, OrderMembers));
        Assert.All(orders, order => Assert.Equal(user.Id, order.GetProperty("userId").GetGuid()));
        Assert.Equal(3, orders[0].GetProperty("items")[0].Int("quantity"));

        using var second = await user.Client.GetAsync("/api/orders?page=2&pageSize=2");
        var rest = await second.ReadJsonAsync();
        Assert.Equal(placed[0], Assert.Single(rest.GetProperty("items").EnumerateArray()).Id());
        Assert.Equal(3, rest.Int("totalCount"));
    }

    [Fact]
    public async Task List_filters_by_status()
    {
        var product = await _factory.CreateProductAsync(price: 1m, stock: 100);
        var user = await _factory.NewUserAsync();
        var pending = await ShopApiFactory.PlaceOrderAsync(user, (product.Id(), 1));
        var paid = await ShopApiFactory.PlaceOrderAsync(user, (product.Id(), 2));
        var cancelled = await ShopApiFactory.PlaceOrderAsync(user, (product.Id(), 3));
        using (var pay = await user.Client.PostAsJsonAsync($"/api/orders/{paid.Id()}/payment", new { amount = 2m }))
        {
            Assert.Equal(HttpStatusCode.OK, pay.StatusCode);
        }

        using (var cancel = await user.Client.PostAsync($"/api/orders/{cancelled.Id()}/cancel", null))
        {
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        }

        foreach (var (status, expected) in new[] { ("pending", pending), ("paid", paid), ("cancelled", cancelled) })
        {
            using var response = await user.Client.GetAsync($"/api/orders?status={status}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.ReadJsonAsync();
            Assert.Equal(1, page.Int("totalCount"));
            var order = Assert.Single(page.GetProperty("items").EnumerateArray());
            Assert.Equal(expected.Id(), order.Id());
            Assert.Equal(status, order.Str("status"));
        }

        Assert.Equal(3, await CountOrdersAsync(user));
    }

    [Theory]
    [InlineData("status=shipped", "status")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("page=0", "page")]
    public async Task List_with_an_unknown_status_or_bad_paging_is_400(string query, string field)
    {
        var user = await _factory.CustomerAsync();

        using var response = await user.Client.GetAsync($"/api/orders?{query}");

        await response.AssertValidationProblemAsync(field);
    }

    [Theory]
    [InlineData("POST", "/api/orders", """{"items":[{"productId":"0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b","quantity":1}]}""")]
    [InlineData("GET", "/api/orders", null)]
    [InlineData("GET", "/api/orders/0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", null)]
    [InlineData("POST", "/api/orders/0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/items", """{"productId":"0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b","quantity":1}""")]
    [InlineData("POST", "/api/orders/0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/payment", """{"amount":1}""")]
    [InlineData("POST", "/api/orders/0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/cancel", null)]
    public async Task Order_routes_without_a_valid_token_are_401(string method, string url, string? body)
    {
        using var client = _factory.CreateAnonymousClient();
        foreach (var authorization in new[] { null, "Bearer not-a-session-token", "Bearer " + new string('A', 43) })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (body is not null)
            {
                request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            }

            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            using var response = await client.SendAsync(request);

            await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        }
    }

    private static async Task<int> CountOrdersAsync(TestUser user)
    {
        using var response = await user.Client.GetAsync("/api/orders");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadJsonAsync();
        Assert.Equal(JsonValueKind.Array, page.GetProperty("items").ValueKind);
        return page.Int("totalCount");
    }
}
