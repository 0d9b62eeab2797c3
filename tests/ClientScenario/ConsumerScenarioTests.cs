using System.Net.Http.Headers;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Shop.ClientScenario.Generated;
using Shop.ClientScenario.Generated.Models;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.ClientScenario;

/// <summary>
/// A consumer's day through the client Kiota generated from docs/openapi.json, against the real API: every request
/// and every answer goes through generated code; the test only sets the bearer header. A step that fails here while
/// the functional tests pass means the document does not tell the truth.
/// </summary>
public sealed class ConsumerScenarioTests(ShopApiFactory factory) : IClassFixture<ShopApiFactory>, IDisposable
{
    private const string ProblemTypePrefix = "/problems/";
    private readonly List<IDisposable> _disposables = [];

    [Fact]
    public async Task A_customer_and_the_administrator_get_through_their_day_with_the_generated_client()
    {
        var admin = await LogInAsync(ShopApiFactory.AdminEmail, await EnsureAdministratorAsync());
        var tag = Guid.NewGuid().ToString("N");
        var ten = await CreateProductAsync(admin, $"Scenario {tag} A", 0.10m);
        var twenty = await CreateProductAsync(admin, $"Scenario {tag} B", 0.20m);
        var third = await CreateProductAsync(admin, $"Scenario {tag} C", 73.24m);

        // Register and log in.
        var email = $"consumer-{tag}@client.test";
        var registered = await Client().Api.Users.PostAsync(
            new RegisterUserRequest { Email = email, Name = "Generated Consumer", Password = ShopApiFactory.Password });
        Assert.Equal(email, registered?.Email);
        var customer = await LogInAsync(email, ShopApiFactory.Password);
        Assert.Equal(registered?.Id, (await customer.Api.Users.Me.GetAsync())?.Id);

        // Search with cursor paging: two pages of two and one, following nextCursor.
        var first = await customer.Api.Products.GetAsync(request =>
        {
            request.QueryParameters.Search = tag;
            request.QueryParameters.PageSize = 2;
        });
        Assert.Equal(2, first?.Items?.Count);
        Assert.False(string.IsNullOrEmpty(first?.NextCursor));
        var second = await customer.Api.Products.GetAsync(request =>
        {
            request.QueryParameters.Search = tag;
            request.QueryParameters.PageSize = 2;
            request.QueryParameters.Cursor = first!.NextCursor;
        });
        Assert.Single(second?.Items ?? []);
        Assert.Null(second?.NextCursor);
        Assert.Equal(
            new[] { ten.Id, twenty.Id, third.Id }.Order(),
            first!.Items!.Concat(second!.Items!).Select(product => product.Id).Order());

        // Order with an Idempotency-Key: the same request twice is the same order.
        var key = Guid.NewGuid().ToString("N");
        var order = new PlaceOrderRequest
        {
            Items = [new OrderItemRequest { ProductId = ten.Id, Quantity = 2 }, new OrderItemRequest { ProductId = twenty.Id, Quantity = 1 }],
        };
        var placed = await customer.Api.Orders.PostAsync(order, request => request.Headers.Add("Idempotency-Key", key));
        var replayed = await customer.Api.Orders.PostAsync(order, request => request.Headers.Add("Idempotency-Key", key));
        Assert.NotNull(placed?.Id);
        Assert.Equal(placed.Id, replayed?.Id);

        // Pay the exact total, summed in decimal: 2 x 0.10 + 0.20 is 0.40, not 0.4000000000000001.
        var amount = placed.Items!.Sum(line => line.UnitPrice!.Value * line.Quantity!.Value);
        Assert.Equal(0.40m, amount);
        Assert.Equal(amount, placed.Total);
        var mismatch = await Assert.ThrowsAsync<ProblemDetails>(
            () => customer.Api.Orders[placed.Id.Value].Payment.PostAsync(new PaymentRequest { Amount = amount + 0.01m }));
        Assert.Equal(422, mismatch.ResponseStatusCode);
        Assert.EndsWith(ProblemTypePrefix + "payment-amount-mismatch", mismatch.Type, StringComparison.Ordinal);
        var paid = await customer.Api.Orders[placed.Id.Value].Payment.PostAsync(new PaymentRequest { Amount = amount });
        Assert.Equal("paid", paid?.Status?.ToString(), ignoreCase: true);

        // A typed refusal, told apart by its problem type: the paid order is no longer pending.
        var refusal = await Assert.ThrowsAsync<ProblemDetails>(
            () => customer.Api.Orders[placed.Id.Value].Payment.PostAsync(new PaymentRequest { Amount = amount }));
        Assert.Equal(409, refusal.ResponseStatusCode);
        Assert.EndsWith(ProblemTypePrefix + "order-not-pending", refusal.Type, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(refusal.TraceId));

        // The payment's other 409, with a type of its own: the stock ran out while the order was pending.
        var other = await customer.Api.Orders.PostAsync(
            new PlaceOrderRequest { Items = [new OrderItemRequest { ProductId = third.Id, Quantity = 1 }] });
        await admin.Api.Products[third.Id!.Value].Stock.PostAsync(new AdjustStockRequest { Delta = -third.Stock });
        var shortOfStock = await Assert.ThrowsAsync<ProblemDetails>(
            () => customer.Api.Orders[other!.Id!.Value].Payment.PostAsync(new PaymentRequest { Amount = other.Total }));
        Assert.Equal(409, shortOfStock.ResponseStatusCode);
        Assert.EndsWith(ProblemTypePrefix + "insufficient-stock", shortOfStock.Type, StringComparison.Ordinal);

        // Cancel that order.
        var cancelled = await customer.Api.Orders[other!.Id!.Value].Cancel.PostAsync();
        Assert.Equal("cancelled", cancelled?.Status?.ToString(), ignoreCase: true);

        // Log out: the token no longer opens the profile.
        await customer.Api.Sessions.Current.DeleteAsync();
        var loggedOut = await Assert.ThrowsAnyAsync<ApiException>(() => customer.Api.Users.Me.GetAsync());
        Assert.Equal(401, loggedOut.ResponseStatusCode);

        // The administrator's catalog flow: create, update, adjust stock, delete.
        var created = await CreateProductAsync(admin, $"Scenario {tag} Admin", 12.34m);
        var updated = await admin.Api.Products[created.Id!.Value].PutAsync(
            new UpdateProductRequest { Name = $"Scenario {tag} Admin renamed", Price = 43.21m, Description = "Renamed." });
        Assert.Equal(43.21m, updated?.Price);
        Assert.Equal("Renamed.", updated?.Description);
        var restocked = await admin.Api.Products[created.Id.Value].Stock.PostAsync(new AdjustStockRequest { Delta = 5 });
        Assert.Equal(created.Stock + 5, restocked?.Stock);
        await admin.Api.Products[created.Id.Value].DeleteAsync();
        var gone = await Assert.ThrowsAsync<ProblemDetails>(() => customer.Api.Products[created.Id.Value].GetAsync());
        Assert.Equal(404, gone.ResponseStatusCode);
    }

    public void Dispose()
    {
        foreach (var disposable in _disposables)
        {
            disposable.Dispose();
        }
    }

    /// <summary>The factory registers its administrator by record (there is no API for it); its password is the shared one.</summary>
    private async Task<string> EnsureAdministratorAsync()
    {
        await factory.AdminAsync();
        return ShopApiFactory.Password;
    }

    /// <summary>A generated client on the test host, anonymous unless <paramref name="token"/> is given.</summary>
    private ShopClient Client(string? token = null)
    {
        var http = factory.CreateAnonymousClient();
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http);
        _disposables.Add(http);
        _disposables.Add(adapter);
        return new ShopClient(adapter);
    }

    private async Task<ShopClient> LogInAsync(string email, string password)
    {
        var session = await Client().Api.Sessions.PostAsync(new CreateSessionRequest { Email = email, Password = password });
        Assert.False(string.IsNullOrEmpty(session?.Token));
        return Client(session.Token);
    }

    private static async Task<ProductResponse> CreateProductAsync(ShopClient admin, string name, decimal price)
    {
        var product = await admin.Api.Products.PostAsync(new CreateProductRequest { Name = name, Price = price, Stock = 10 });
        Assert.NotNull(product?.Id);
        Assert.Equal(price, product.Price);
        return product;
    }
}
