using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Ordering;

/// <summary>Adding items to, paying and cancelling an order.</summary>
public class OrderLifecycleTests : IClassFixture<ShopApiFactory>
{
    private readonly ShopApiFactory _factory;

    public OrderLifecycleTests(ShopApiFactory factory) => _factory = factory;

    [Fact]
    public async Task Add_item_adds_a_line_or_raises_the_quantity_of_the_existing_one_and_reprices_it_at_the_current_price()
    {
        var first = await _factory.CreateProductAsync(price: 10m, stock: 20);
        var second = await _factory.CreateProductAsync(price: 1.25m, stock: 20);
        var user = await _factory.CustomerAsync();
        var order = await ShopApiFactory.PlaceOrderAsync(user, (first.Id(), 1));
        await UpdatePriceAsync(first.Id(), 20m);

        using var added = await user.Client.PostAsJsonAsync($"/api/orders/{order.Id()}/items", new { productId = second.Id(), quantity = 2 });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var withTwoLines = await added.ReadJsonAsync();
        Assert.Equal(order.Id(), withTwoLines.Id());
        Assert.Equal("pending", withTwoLines.Str("status"));
        Assert.Equal(2, withTwoLines.GetProperty("items").GetArrayLength());
        Assert.Equal("12.50", withTwoLines.RawMoney("total"));

        using var raised = await user.Client.PostAsJsonAsync($"/api/orders/{order.Id()}/items", new { productId = first.Id(), quantity = 2 });
        Assert.Equal(HttpStatusCode.OK, raised.StatusCode);
        var merged = await raised.ReadJsonAsync();
        var lines = merged.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, lines.Count);
        var firstLine = Assert.Single(lines, line => line.GetProperty("productId").GetGuid() == first.Id());
        Assert.Equal(3, firstLine.Int("quantity"));
        Assert.Equal("20.00", firstLine.RawMoney("unitPrice"));
        Assert.Equal("60.00", firstLine.RawMoney("subtotal"));
        Assert.Equal("62.50", merged.RawMoney("total"));

        using var reread = await user.Client.GetAsync($"/api/orders/{order.Id()}");
        Assert.Equal(merged.GetRawText(), (await reread.ReadJsonAsync()).GetRawText());
    }

    [Fact]
    public async Task Units_added_after_a_price_rise_are_charged_at_the_current_price_and_paid_at_that_total()
    {
        // Security finding: 1 ordered at 1.00, the price becomes 100.00, 999 more must not be charged at 1.00.
        var product = await _factory.CreateProductAsync(price: 1m, stock: 1000);
        var user = await _factory.NewUserAsync();
        var order = await ShopApiFactory.PlaceOrderAsync(user, (product.Id(), 1));
        await UpdatePriceAsync(product.Id(), 100m);

        using var added = await user.Client.PostAsJsonAsync($"/api/orders/{order.Id()}/items", new { productId = product.Id(), quantity = 999 });

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var repriced = await added.ReadJsonAsync();
        var line = Assert.Single(repriced.GetProperty("items").EnumerateArray());
        Assert.Equal(1000, line.Int("quantity"));
        Assert.Equal("100.00", line.RawMoney("unitPrice"));
        Assert.Equal("100000.00", line.RawMoney("subtotal"));
        Assert.Equal("100000.00", repriced.RawMoney("total"));
        using (var atTheOldPrice = await user.Client.PostAsJsonAsync($"/api/orders/{order.Id()}/payment", new { amount = 1000m }))
        {
            await atTheOldPrice.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        }

        using var payment = await user.Client.PostAsJsonAsync($"/api/orders/{order.Id()}/payment", new { amount = 100000m });
        Assert.Equal(HttpStatusCode.OK, payment.StatusCode);
        Assert.Equal("100000.00", (await payment.ReadJsonAsync()).RawMoney("total"));
    }

    [Theory]
    [InlineData("""{"productId":"0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b","quantity":0}""", "quantity")]
    [InlineData("""{"productId":"0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b","quantity":1001}""", "quantity")]
    [InlineData("""{"productId":"0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"}""", "quantity")]
    [InlineData("""{"quantity":1}""", "productId")]
    public async Task Add_item_with_an_invalid_field_is_400(string body, string field)
    {
        var (user, order, _) = await PendingOrderAsync();

        using var response = await user.Client.PostRawAsync($"/api/orders/{order.Id()}/items", body);

        await response.AssertValidationProblemAsync(field);
    }

    [Fact]
    public async Task Add_item_to_an_unknown_order_or_of_an_unknown_product_is_404()
    {
        var (user, order, product) = await PendingOrderAsync();

        using var noOrder = await user.Client.PostAsJsonAsync($"/api/orders/{Guid.NewGuid()}/items", new { productId = product.Id(), quantity = 1 });
        using var noProduct = await user.Client.PostAsJsonAsync($"/api/orders/{order.Id()}/items", new { productId = Guid.NewGuid(), quantity = 1 });

        await noOrder.AssertProblemAsync(HttpStatusCode.NotFound);
        await noProduct.AssertProblemAsync(HttpStatusCode.NotFound);
        await AssertOrderAsync(user, order, "pending", 1);
    }

    [Fact]
    public async Task Add_item_beyond_the_stock_is_409_and_changes_nothing()
    {
        var product = await _factory.CreateProductAsync(stock: 3);
        var user = await _factory.CustomerAsync();
        var order = await ShopApiFactory.PlaceOrderAsync(user, (product.Id(), 2));

        using var response = await user.Client.PostAsJsonAsync($"/api/orders/{order.Id()}/items", new { productId = product.Id(), quantity = 2 });

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        var unchanged = await AssertOrderAsync(user, order, "pending", 1);
        Assert.Equal(2, unchanged.GetProperty("items")[0].Int("quantity"));
    }

    [Fact]
    public async Task Add_item_to_a_paid_or_cancelled_order_is_409()
    {
        var (user, paid, product) = await PendingOrderAsync();
        await PayAsync(user, paid);
        var cancelled = await ShopApiFactory.PlaceOrderAsync(user, (product.Id(), 1));
        await CancelAsync(user, cancelled);

        using var toPaid = await user.Client.PostAsJsonAsync($"/api/orders/{paid.Id()}/items", new { productId = product.Id(), quantity = 1 });
        using var toCancelled = await user.Client.PostAsJsonAsync($"/api/orders/{cancelled.Id()}/items", new { productId = product.Id(), quantity = 1 });

        await toPaid.AssertProblemAsync(HttpStatusCode.Conflict);
        await toCancelled.AssertProblemAsync(HttpStatusCode.Conflict);
        await AssertOrderAsync(user, paid, "paid", 1);
        await AssertOrderAsync(user, cancelled, "cancelled", 1);
    }

    [Fact]
    public async Task Payment_of_the_total_marks_the_order_paid_and_takes_the_stock_of_every_line()
    {
        var first = await _factory.CreateProductAsync(price: 2.5m, stock: 10);
        var second = await _factory.CreateProductAsync(price: 0.99m, stock: 5);
        var user = await _factory.CustomerAsync();
        var order = await ShopApiFactory.PlaceOrderAsync(user, (first.Id(), 4), (second.Id(), 5));

        using var response = await user.Client.PostAsJsonAsync($"/api/orders/{order.Id()}/payment", new { amount = 14.95m });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paid = await response.ReadJsonAsync();
        Assert.Equal("paid", paid.Str("status"));
        Assert.Equal("14.95", paid.RawMoney("total"));
        Assert.Equal(order.Id(), paid.Id());
        Assert.Equal(6, (await _factory.GetProductAsync(first.Id())).Int("stock"));
        var emptied = await _factory.GetProductAsync(second.Id());
        Assert.Equal(0, emptied.Int("stock"));
        Assert.False(emptied.GetProperty("isAvailable").GetBoolean());
        await AssertOrderAsync(user, order, "paid", 2);
    }

    [Theory]
    [InlineData("14.94")]
    [InlineData("14.96")]
    [InlineData("0")]
    [InlineData("149.5")]
    public async Task Payment_of_another_amount_than_the_total_is_422_and_changes_nothing(string amount)
    {
        var product = await _factory.CreateProductAsync(price: 2.99m, stock: 10);
        var user = await _factory.CustomerAsync();
        var order = await ShopApiFactory.PlaceOrderAsync(user, (product.Id(), 5));

        using var response = await user.Client.PostRawAsync($"/api/orders/{order.Id()}/payment", $$"""{"amount":{{amount}}}""");

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        await AssertOrderAsync(user, order, "pending", 1);
        Assert.Equal(10, (await _factory.GetProductAsync(product.Id())).Int("stock"));
    }

    [Theory]
    [InlineData("""{"amount":-1}""")]
    [InlineData("""{"amount":1.005}""")]
    [InlineData("""{"amount":100000000}""")]
    [InlineData("""{"amount":null}""")]
    [InlineData("""{}""")]
    public async Task Payment_with_an_invalid_amount_is_400(string body)
    {
        var (user, order, _) = await PendingOrderAsync();

        using var response = await user.Client.PostRawAsync($"/api/orders/{order.Id()}/payment", body);

        await response.AssertValidationProblemAsync("amount");
        await AssertOrderAsync(user, order, "pending", 1);
    }

    [Fact]
    public async Task Payment_of_an_unknown_order_is_404()
    {
        var user = await _factory.CustomerAsync();

        using var response = await user.Client.PostAsJsonAsync($"/api/orders/{Guid.NewGuid()}/payment", new { amount = 1m });

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Payment_of_a_paid_or_cancelled_order_is_409_and_takes_no_more_stock()
    {
        var (user, paid, product) = await PendingOrderAsync();
        await PayAsync(user, paid);
        var cancelled = await ShopApiFactory.PlaceOrderAsync(user, (product.Id(), 1));
        await CancelAsync(user, cancelled);
        var stock = (await _factory.GetProductAsync(product.Id())).Int("stock");

        using var again = await user.Client.PostAsJsonAsync($"/api/orders/{paid.Id()}/payment", new { amount = paid.Money("total") });
        using var ofCancelled = await user.Client.PostAsJsonAsync($"/api/orders/{cancelled.Id()}/payment", new { amount = cancelled.Money("total") });

        await again.AssertProblemAsync(HttpStatusCode.Conflict);
        await ofCancelled.AssertProblemAsync(HttpStatusCode.Conflict);
        await AssertOrderAsync(user, cancelled, "cancelled", 1);
        Assert.Equal(stock, (await _factory.GetProductAsync(product.Id())).Int("stock"));
    }

    [Fact]
    public async Task Payment_when_the_stock_ran_out_since_placing_is_409_and_changes_nothing()
    {
        var plenty = await _factory.CreateProductAsync(price: 1m, stock: 10);
        var scarce = await _factory.CreateProductAsync(price: 1m, stock: 5);
        var user = await _factory.CustomerAsync();
        var order = await ShopApiFactory.PlaceOrderAsync(user, (plenty.Id(), 2), (scarce.Id(), 5));
        var admin = await _factory.AdminAsync();
        using (var taken = await admin.Client.PostAsJsonAsync($"/api/products/{scarce.Id()}/stock", new { delta = -3 }))
        {
            Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        }

        using var response = await user.Client.PostAsJsonAsync($"/api/orders/{order.Id()}/payment", new { amount = 7m });

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        await AssertOrderAsync(user, order, "pending", 2);
        Assert.Equal(10, (await _factory.GetProductAsync(plenty.Id())).Int("stock"));
        Assert.Equal(2, (await _factory.GetProductAsync(scarce.Id())).Int("stock"));
    }

    [Fact]
    public async Task Cancel_marks_a_pending_order_cancelled_and_a_second_cancel_is_409()
    {
        var (user, order, product) = await PendingOrderAsync();
        var stock = (await _factory.GetProductAsync(product.Id())).Int("stock");

        using var response = await user.Client.PostAsync($"/api/orders/{order.Id()}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cancelled = await response.ReadJsonAsync();
        Assert.Equal("cancelled", cancelled.Str("status"));
        Assert.Equal(order.Id(), cancelled.Id());
        using var again = await user.Client.PostAsync($"/api/orders/{order.Id()}/cancel", null);
        await again.AssertProblemAsync(HttpStatusCode.Conflict);
        await AssertOrderAsync(user, order, "cancelled", 1);
        Assert.Equal(stock, (await _factory.GetProductAsync(product.Id())).Int("stock"));
    }

    [Fact]
    public async Task Cancel_of_a_paid_order_is_409_and_of_an_unknown_order_404()
    {
        var (user, order, _) = await PendingOrderAsync();
        await PayAsync(user, order);

        using var paid = await user.Client.PostAsync($"/api/orders/{order.Id()}/cancel", null);
        using var unknown = await user.Client.PostAsync($"/api/orders/{Guid.NewGuid()}/cancel", null);

        await paid.AssertProblemAsync(HttpStatusCode.Conflict);
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
        await AssertOrderAsync(user, order, "paid", 1);
    }

    private async Task<(TestUser User, JsonElement Order, JsonElement Product)> PendingOrderAsync()
    {
        var product = await _factory.CreateProductAsync(price: 4.5m, stock: 50);
        var user = await _factory.CustomerAsync();
        return (user, await ShopApiFactory.PlaceOrderAsync(user, (product.Id(), 1)), product);
    }

    private static async Task PayAsync(TestUser user, JsonElement order)
    {
        using var response = await user.Client.PostAsJsonAsync($"/api/orders/{order.Id()}/payment", new { amount = order.Money("total") });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task CancelAsync(TestUser user, JsonElement order)
    {
        using var response = await user.Client.PostAsync($"/api/orders/{order.Id()}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<JsonElement> AssertOrderAsync(TestUser user, JsonElement order, string status, int lines)
    {
        using var response = await user.Client.GetAsync($"/api/orders/{order.Id()}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var current = await response.ReadJsonAsync();
        Assert.Equal(status, current.Str("status"));
        Assert.Equal(lines, current.GetProperty("items").GetArrayLength());
        Assert.Equal(order.RawMoney("total"), current.RawMoney("total"));
        return current;
    }

    private async Task UpdatePriceAsync(Guid productId, decimal price)
    {
        var admin = await _factory.AdminAsync();
        using var response = await admin.Client.PutAsJsonAsync($"/api/products/{productId}", new { name = "Repriced", price });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
